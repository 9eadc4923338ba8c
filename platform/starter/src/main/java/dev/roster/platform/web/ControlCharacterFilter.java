package dev.roster.platform.web;

import dev.roster.platform.problem.ProblemException;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, before anything else runs (security included), a request whose path segments or query
 * parameters hold a {@linkplain ControlCharacters forbidden control character} once decoded ({@code %00}):
 * 400 {@code invalid-characters}. JSON bodies are checked by the codec ({@link StrictStringDeserializer}).
 */
public class ControlCharacterFilter implements WebFilter, Ordered {

    /** Early, but after request ids and tracing have been set up. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (forbidden(exchange)) {
            return Mono.error(ProblemException.invalidCharacters());
        }
        return chain.filter(exchange);
    }

    private static boolean forbidden(ServerWebExchange exchange) {
        for (PathContainer.Element element : exchange.getRequest().getPath().elements()) {
            if (element instanceof PathContainer.PathSegment segment
                    && ControlCharacters.containsForbidden(segment.valueToMatch())) {
                return true;
            }
        }
        for (Map.Entry<String, List<String>> parameter : exchange.getRequest().getQueryParams().entrySet()) {
            if (ControlCharacters.containsForbidden(parameter.getKey())) {
                return true;
            }
            for (String value : parameter.getValue()) {
                if (ControlCharacters.containsForbidden(value)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
