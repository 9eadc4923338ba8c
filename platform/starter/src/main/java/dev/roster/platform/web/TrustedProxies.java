package dev.roster.platform.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies whose {@code Forwarded} / {@code X-Forwarded-For} headers are believed, as address ranges
 * (CIDR), and the rule that finds the client behind them: walking the forwarded addresses from the
 * nearest hop outwards, the first address that is not a trusted proxy is the client. Anything a client
 * wrote further left is ignored, so a client cannot choose its own address by sending the header.
 * Only address literals are read: no name is ever looked up.
 */
public final class TrustedProxies {

    /** Loopback and the private ranges: where a gateway, an ingress or a sidecar usually sits. */
    public static final List<String> DEFAULT = List.of("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12",
            "192.168.0.0/16", "fc00::/7");

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** From CIDRs such as {@code 10.0.0.0/8} or single addresses; blank entries are skipped. */
    public static TrustedProxies of(List<String> cidrs) {
        List<Range> ranges = new ArrayList<>();
        for (String cidr : cidrs) {
            if (cidr != null && !cidr.isBlank()) {
                ranges.add(Range.parse(cidr.strip()));
            }
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    public boolean isTrusted(InetAddress address) {
        return address != null && ranges.stream().anyMatch(range -> range.contains(address));
    }

    /**
     * The client of a request that reached us from {@code peer} carrying {@code forwardedFor} (the
     * addresses of the forwarded headers, the client first and the nearest proxy last): the peer itself
     * unless it is trusted; otherwise the nearest forwarded address that is not trusted. An entry that is
     * not an address literal ({@code unknown}, an obfuscated name) ends the walk at the hop that
     * reported it.
     */
    public InetAddress client(InetAddress peer, List<String> forwardedFor) {
        InetAddress current = peer;
        if (!isTrusted(peer)) {
            return peer;
        }
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(forwardedFor.get(i));
            if (hop == null) {
                return current;
            }
            current = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return current;
    }

    /** The addresses of an {@code X-Forwarded-For} header's values, in order. */
    public static List<String> parseXForwardedFor(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    hops.add(part.strip());
                }
            }
        }
        return hops;
    }

    /** The {@code for=} addresses of a {@code Forwarded} header's values (RFC 7239), in order. */
    public static List<String> parseForwarded(List<String> headerValues) {
        List<String> hops = new ArrayList<>();
        for (String value : headerValues) {
            for (String element : value.split(",")) {
                String node = "unknown";
                for (String pair : element.split(";")) {
                    int equals = pair.indexOf('=');
                    if (equals > 0 && pair.substring(0, equals).strip().equalsIgnoreCase("for")) {
                        node = pair.substring(equals + 1).strip();
                    }
                }
                if (!element.isBlank()) {
                    hops.add(node);
                }
            }
        }
        return hops;
    }

    /** An address literal, with the quotes, brackets and port of the forwarded headers taken off; null otherwise. */
    static InetAddress literal(String node) {
        String value = node.strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return null;
            }
            value = value.substring(1, end);
        }
        else if (value.indexOf(':') == value.lastIndexOf(':') && value.indexOf(':') > 0) {
            value = value.substring(0, value.indexOf(':'));
        }
        if (value.isEmpty() || !value.matches("[0-9A-Fa-f.:]+")) {
            return null;
        }
        try {
            return InetAddress.ofLiteral(value);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return ranges.toString();
    }

    private record Range(byte[] network, int prefix, String text) {

        static Range parse(String cidr) {
            int slash = cidr.indexOf('/');
            InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an address range: " + cidr);
            }
            int bits = address.getAddress().length * 8;
            int prefix = slash < 0 ? bits : Integer.parseInt(cidr.substring(slash + 1));
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("Not an address range: " + cidr);
            }
            return new Range(address.getAddress(), prefix, cidr);
        }

        boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != network.length) {
                return false;
            }
            int whole = prefix / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (candidate[whole] & mask) == (network[whole] & mask);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
