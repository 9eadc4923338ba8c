package dev.roster.users.access;

import java.net.InetSocketAddress;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Where a request came from, for the audit and the sign-in throttle: the request's remote address.
 * Forwarded headers have already been applied there by the platform, and only when they came from a
 * trusted proxy ({@code roster.web.trusted-proxies}); a client's own {@code X-Forwarded-For} is never read.
 */
public final class RequestSource {

    private RequestSource() {
    }

    public static String of(ServerHttpRequest request) {
        return "api " + address(request);
    }

    /** The client's address, or {@code unknown}. */
    public static String address(ServerHttpRequest request) {
        return request.getRemoteAddress() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress() : "unknown";
    }
}
