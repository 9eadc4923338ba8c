package dev.roster.gateway.console;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests are the console's: reads of any path but the API's, SCIM's, the API documents' and the actuator's.
 * Everything else goes to the routes as before, without a look at the console's files.
 */
final class ConsolePaths {

    private static final List<String> NOT_CONSOLE = List.of("/api/", "/scim/", "/v3/", "/swagger-ui", "/webjars/",
            "/actuator", "/internal/");

    private ConsolePaths() {
    }

    static boolean isConsole(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        return (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) && isConsole(request.getPath().value());
    }

    static boolean isConsole(String path) {
        if (path.equals("/api") || path.equals("/scim")) {
            return false;
        }
        return NOT_CONSOLE.stream().noneMatch(path::startsWith);
    }

    /** A client route of the console (/users, /set-password), not a file: its last segment has no extension. */
    static boolean isClientRoute(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }
}
