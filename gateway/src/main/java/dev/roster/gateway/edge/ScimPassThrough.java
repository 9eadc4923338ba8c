package dev.roster.gateway.edge;

import dev.roster.platform.security.RosterResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

/**
 * {@code /scim/v2} carries SCIM tokens, not access tokens: the gateway passes them on to user-service, which alone
 * knows them (and refuses everything else there). The gateway's own chain would refuse them as malformed JWTs.
 */
@Configuration(proxyBeanMethods = false)
class ScimPassThrough {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain scimPassThroughFilterChain(ServerHttpSecurity http) {
        return RosterResourceServerAutoConfiguration.stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/scim/v2", "/scim/v2/**"))
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .build();
    }
}
