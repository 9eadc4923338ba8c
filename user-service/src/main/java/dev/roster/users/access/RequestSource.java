package dev.roster.users.access;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/** Where a request came from, for the audit: the client address as the gateway saw it, or the peer. */
public final class RequestSource {

    private RequestSource() {
    }

    public static String of(ServerHttpRequest request) {
        String forwarded = request.getHeaders().getFirst("X-Forwarded-For");
        String address = forwarded != null && !forwarded.isBlank() ? forwarded.split(",")[0].strip()
                : request.getRemoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null
                        ? socket.getAddress().getHostAddress() : "unknown";
        return "api " + address;
    }
}
