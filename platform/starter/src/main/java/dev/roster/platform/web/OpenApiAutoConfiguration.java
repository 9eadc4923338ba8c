package dev.roster.platform.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * A service's OpenAPI document names the public base URL, the gateway's {@code /api/v1} (or
 * {@code roster.api.public-base-url}), as its only server, with paths relative to it ({@code /users}), instead
 * of the internal address the document was fetched from (a pod's host and port).
 */
@AutoConfiguration
@ConditionalOnClass({OpenAPI.class, OpenApiCustomizer.class})
public class OpenApiAutoConfiguration {

    static final String PREFIX = "/api/v1";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI rosterOpenApi(@Value("${roster.api.public-base-url:" + PREFIX + "}") String publicBaseUrl,
            @Value("${spring.application.name:roster}") String application) {
        return new OpenAPI()
                .info(new io.swagger.v3.oas.models.info.Info().title("Roster: " + application).version("v1"))
                .servers(List.of(new Server().url(publicBaseUrl).description("Roster's API, through the gateway")));
    }

    /**
     * Building the document is blocking work: springdoc scans the service's packages for annotated classes, reading
     * class files (once per locale, then cached; the context's cache of class metadata holds only a few hundred). So
     * requests for it are served on {@code boundedElastic}, never on an event loop.
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.REACTIVE)
    org.springframework.web.server.WebFilter apiDocsOffTheEventLoop() {
        return (exchange, chain) -> exchange.getRequest().getPath().value().startsWith("/v3/api-docs")
                ? chain.filter(exchange).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic())
                : chain.filter(exchange);
    }

    /** The paths the service maps under {@code /api/v1}, relative to the public base URL. */
    @Bean
    OpenApiCustomizer rosterPublicPaths() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            Paths relative = new Paths();
            openApi.getPaths().forEach((path, item) -> relative.addPathItem(
                    path.startsWith(PREFIX + "/") ? path.substring(PREFIX.length()) : path, item));
            openApi.setPaths(relative);
        };
    }
}
