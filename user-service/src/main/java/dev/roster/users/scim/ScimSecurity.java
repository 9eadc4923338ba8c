package dev.roster.users.scim;

import java.util.List;
import dev.roster.platform.security.RosterResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.AuthenticationWebFilter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import reactor.core.publisher.Mono;

/**
 * {@code /scim/v2} takes SCIM tokens ({@link ScimTokens}) and nothing else: an access token is refused there, as a SCIM
 * token is everywhere else (the service's main chain takes only access tokens). Refusals are SCIM errors.
 */
@Configuration(proxyBeanMethods = false)
class ScimSecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain scimSecurityWebFilterChain(ServerHttpSecurity http, ScimTokens tokens) {
        ReactiveAuthenticationManager manager = authentication -> tokens
                .authenticate(((BearerTokenAuthenticationToken) authentication).getToken())
                .<org.springframework.security.core.Authentication>map(ClientAuthentication::new)
                .switchIfEmpty(Mono.error(() -> new BadCredentialsException("Unknown or revoked SCIM token")));
        ServerBearerTokenAuthenticationConverter bearer = new ServerBearerTokenAuthenticationConverter();
        AuthenticationWebFilter authentication = new AuthenticationWebFilter(manager);
        authentication.setServerAuthenticationConverter(exchange -> bearer.convert(exchange)
                .onErrorResume(error -> Mono.error(new BadCredentialsException("Malformed bearer token"))));
        authentication.setAuthenticationFailureHandler((exchange, error) -> ScimErrors.write(exchange.getExchange(),
                HttpStatus.UNAUTHORIZED, null, "A valid SCIM token of the account is required (Authorization: Bearer scim_…)"));
        return RosterResourceServerAutoConfiguration.stateless(http)
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/scim/v2", "/scim/v2/**"))
                .addFilterAt(authentication, SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> exchanges.anyExchange().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, error) -> ScimErrors.write(exchange, HttpStatus.UNAUTHORIZED,
                                null, "A valid SCIM token of the account is required (Authorization: Bearer scim_…)"))
                        .accessDeniedHandler((exchange, error) -> ScimErrors.write(exchange, HttpStatus.FORBIDDEN, null,
                                "Not allowed")))
                .build();
    }

    /** An authenticated identity provider: the principal is its {@link ScimClient}. */
    static final class ClientAuthentication extends AbstractAuthenticationToken {

        private final ScimClient client;

        ClientAuthentication(ScimClient client) {
            super(List.of(new SimpleGrantedAuthority("SCIM")));
            this.client = client;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public ScimClient getPrincipal() {
            return client;
        }
    }
}
