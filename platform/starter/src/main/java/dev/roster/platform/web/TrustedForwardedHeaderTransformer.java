package dev.roster.platform.web;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.adapter.ForwardedHeaderTransformer;

/**
 * Spring's forwarded-header support, guarded by {@link TrustedProxies}: the request's remote address
 * becomes the client the trusted proxies name, and every {@code Forwarded} / {@code X-Forwarded-*}
 * header is removed, so nothing further in (audit, limits) can read an address a client wrote itself.
 * A request from an untrusted peer keeps the peer as its address.
 */
public class TrustedForwardedHeaderTransformer extends ForwardedHeaderTransformer {

    private final TrustedProxies proxies;

    public TrustedForwardedHeaderTransformer(TrustedProxies proxies) {
        this.proxies = proxies;
        setRemoveOnly(true);
    }

    @Override
    public ServerHttpRequest apply(ServerHttpRequest request) {
        if (!hasForwardedHeaders(request)) {
            return request;
        }
        InetSocketAddress peer = request.getRemoteAddress();
        InetAddress client = peer == null ? null : proxies.client(peer.getAddress(), forwardedFor(request.getHeaders()));
        ServerHttpRequest stripped = super.apply(request);
        if (client == null || client.equals(peer.getAddress())) {
            return stripped;
        }
        return stripped.mutate().remoteAddress(new InetSocketAddress(client, 0)).build();
    }

    private static List<String> forwardedFor(HttpHeaders headers) {
        List<String> forwarded = headers.getValuesAsList("Forwarded");
        return forwarded.isEmpty() ? TrustedProxies.parseXForwardedFor(headers.getOrEmpty("X-Forwarded-For"))
                : TrustedProxies.parseForwarded(forwarded);
    }
}
