package dev.roster.gateway.console;

import dev.roster.platform.security.RosterResourceServerAutoConfiguration;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The console (module {@code console}, built by Vite) at {@code /}: its files with cache headers (hashed assets
 * kept for a year, everything else checked on every load), {@code index.html} for the console's own routes
 * ({@code /users}, {@code /set-password?token=…}), and a Content-Security-Policy that lets a page load nothing
 * but the gateway's own scripts and talk to nothing but the gateway. No token is needed to load the console; the
 * API it calls checks each request as before.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    /**
     * Scripts only from the gateway, never inline; styles from the gateway and inline (the component kit sets its theme
     * as CSS variables in a style element); no frames, plugins or foreign form targets.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static final CacheControl HASHED = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();
    private static final CacheControl CHECKED = CacheControl.noCache();

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(@Value("${roster.console.location:classpath:/console/}") Resource location)
            throws IOException {
        Resource index = location.createRelative("index.html");
        // looked up once, not on the event loop of every request
        boolean built = index.exists();
        RequestPredicate console = RequestPredicates.all().and(request -> ConsolePaths.isConsole(request.exchange().getRequest()));
        RouterFunction<ServerResponse> files = RouterFunctions.resources("/**", location,
                (resource, headers) -> headers.setCacheControl(cacheControl(resource)));
        RouterFunction<ServerResponse> clientRoutes = RouterFunctions.route(
                RequestPredicates.accept(MediaType.TEXT_HTML).and(request -> ConsolePaths.isClientRoute(request.path())),
                request -> built
                        ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CHECKED).bodyValue(index)
                        : ServerResponse.notFound().build());
        return RouterFunctions.nest(console, files.and(clientRoutes));
    }

    private static String cacheControl(Resource resource) {
        try {
            return (resource.getURL().getPath().contains("/console/assets/") ? HASHED : CHECKED).getHeaderValue();
        }
        catch (IOException ex) {
            return CHECKED.getHeaderValue();
        }
    }

    /** The console's pages and files need no token; each gets the console's security headers. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityWebFilterChain consoleFilterChain(ServerHttpSecurity http) {
        ServerWebExchangeMatcher console = exchange -> ConsolePaths.isConsole(exchange.getRequest())
                ? ServerWebExchangeMatcher.MatchResult.match()
                : ServerWebExchangeMatcher.MatchResult.notMatch();
        return RosterResourceServerAutoConfiguration.stateless(http)
                .securityMatcher(console)
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(policy -> policy.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }
}
