package dev.roster.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;

class TrustedProxiesTest {

    final TrustedProxies proxies = TrustedProxies.of(TrustedProxies.DEFAULT);

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertThat(proxies.client(ip("203.0.113.9"), List.of("6.6.6.6"))).isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void behindATrustedProxyTheNearestUntrustedHopIsTheClient() {
        // the client wrote 6.6.6.6 itself; the ingress appended the address it saw
        assertThat(proxies.client(ip("10.0.0.5"), List.of("6.6.6.6", "198.51.100.7"))).isEqualTo(ip("198.51.100.7"));
        assertThat(proxies.client(ip("127.0.0.1"), List.of("198.51.100.7", "10.1.1.1"))).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void whenEveryHopIsTrustedTheFarthestIsTheClient() {
        assertThat(proxies.client(ip("10.0.0.5"), List.of("192.168.1.20", "10.0.0.7"))).isEqualTo(ip("192.168.1.20"));
        assertThat(proxies.client(ip("10.0.0.5"), List.of())).isEqualTo(ip("10.0.0.5"));
    }

    @Test
    void aHopThatIsNoAddressEndsTheWalkAtTheProxyThatReportedIt() {
        assertThat(proxies.client(ip("10.0.0.5"), List.of("198.51.100.7", "evil.example.com"))).isEqualTo(ip("10.0.0.5"));
        assertThat(proxies.client(ip("10.0.0.5"), List.of("unknown"))).isEqualTo(ip("10.0.0.5"));
    }

    @Test
    void rangesMatchByPrefix() {
        TrustedProxies some = TrustedProxies.of(List.of("172.16.0.0/12", "2001:db8::/32", "192.0.2.1"));

        assertThat(some.isTrusted(ip("172.31.255.255"))).isTrue();
        assertThat(some.isTrusted(ip("172.32.0.0"))).isFalse();
        assertThat(some.isTrusted(ip("2001:db8:1::5"))).isTrue();
        assertThat(some.isTrusted(ip("2001:db9::5"))).isFalse();
        assertThat(some.isTrusted(ip("192.0.2.1"))).isTrue();
        assertThat(some.isTrusted(ip("192.0.2.2"))).isFalse();
        assertThat(TrustedProxies.of(List.of()).isTrusted(ip("127.0.0.1"))).isFalse();
        assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("intranet.example.com/8")));
    }

    @Test
    void forwardedHeadersAreParsedWithPortsBracketsAndQuotes() {
        assertThat(TrustedProxies.parseXForwardedFor(List.of("198.51.100.7, 10.0.0.1", "10.0.0.2")))
                .containsExactly("198.51.100.7", "10.0.0.1", "10.0.0.2");
        List<String> hops = TrustedProxies.parseForwarded(List.of("for=192.0.2.60;proto=http, for=\"[2001:db8:cafe::17]:4711\""));
        assertThat(hops).containsExactly("192.0.2.60", "\"[2001:db8:cafe::17]:4711\"");
        assertThat(TrustedProxies.literal(hops.get(1))).isEqualTo(ip("2001:db8:cafe::17"));
        assertThat(TrustedProxies.literal("198.51.100.7:8080")).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void theTransformerSetsTheClientAndRemovesTheHeadersOnlyForATrustedPeer() {
        TrustedForwardedHeaderTransformer transformer = new TrustedForwardedHeaderTransformer(proxies);

        ServerHttpRequest trusted = transformer.apply(request("127.0.0.1", "198.51.100.7"));
        ServerHttpRequest untrusted = transformer.apply(request("203.0.113.9", "6.6.6.6"));

        assertThat(trusted.getRemoteAddress().getAddress()).isEqualTo(ip("198.51.100.7"));
        assertThat(trusted.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
        assertThat(untrusted.getRemoteAddress().getAddress()).isEqualTo(ip("203.0.113.9"));
        assertThat(untrusted.getHeaders().containsHeader("X-Forwarded-For")).isFalse();
    }

    private static ServerHttpRequest request(String peer, String forwardedFor) {
        return MockServerHttpRequest.post("/api/v1/auth/sign-in").remoteAddress(new InetSocketAddress(ip(peer), 40000))
                .header("X-Forwarded-For", forwardedFor).build();
    }

    private static InetAddress ip(String literal) {
        return InetAddress.ofLiteral(literal);
    }
}
