package dev.roster.gateway.edge;

import java.net.InetSocketAddress;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tells the services who the client is: {@code X-Forwarded-For} carries exactly the client address the
 * gateway settled on (the peer, or what a trusted proxy in front reported), never what a client wrote.
 * The services believe it because the gateway is among their trusted proxies. Runs after Spring Cloud
 * Gateway's own filters, which remove every forwarded header.
 */
class ClientAddressHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(input);
        headers.remove("Forwarded");
        headers.remove("X-Forwarded-For");
        if (exchange.getRequest().getRemoteAddress() instanceof InetSocketAddress client && client.getAddress() != null) {
            headers.set("X-Forwarded-For", client.getAddress().getHostAddress());
        }
        return headers;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
