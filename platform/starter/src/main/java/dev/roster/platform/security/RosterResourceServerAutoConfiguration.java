package dev.roster.platform.security;

import dev.roster.platform.access.AccessStates;
import dev.roster.platform.access.AccessToken;
import dev.roster.platform.problem.Problems;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service behind the gateway checks access tokens itself too (defence in depth): RS256 JWTs
 * validated against user-service's JWKS, the claims every token must carry ({@link AccessTokenClaims}),
 * revocation from the service's own copy of the access state ({@link AccessStates}: user not active,
 * deleted, tokens issued before tokens-valid-after, session revoked; 401 {@code access-revoked}), the
 * {@code permissions} claim as authorities, and 401/403 answered as problem details. Health, metrics
 * and API docs stay open. The gateway uses the same chain.
 */
@AutoConfiguration(before = {ReactiveOAuth2ResourceServerAutoConfiguration.class,
        ReactiveWebSecurityAutoConfiguration.class})
@ConditionalOnClass({ServerHttpSecurity.class, NimbusReactiveJwtDecoder.class})
@ConditionalOnWebApplication(type = Type.REACTIVE)
@EnableConfigurationProperties(RosterSecurityProperties.class)
public class RosterResourceServerAutoConfiguration {

    static final List<String> ALWAYS_OPEN = List.of("/actuator/health/**", "/actuator/prometheus",
            "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/webjars/**");

    /**
     * Spring Security observes nothing of a request (the request's own span and metrics say what matters; its
     * observations are off in roster-defaults too). Said here as well, so that it does not wrap each of its filters on
     * every request only to learn that no observation is wanted.
     */
    @Bean
    @ConditionalOnMissingBean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = "roster.security", name = "jwk-set-uri")
    ReactiveJwtDecoder jwtDecoder(RosterSecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = properties.issuer() == null || properties.issuer().isBlank()
                ? JwtValidators.createDefault()
                : JwtValidators.createDefaultWithIssuer(properties.issuer());
        decoder.setJwtValidator(validator);
        return verifiedTokenCache(decoder, validator);
    }

    /**
     * An API's chain: bearer tokens only, no session, so no CSRF, basic or form login, logout or saved requests. For
     * a service's own chains too (user-service's SCIM endpoints, the gateway's pass-through to them).
     */
    public static ServerHttpSecurity stateless(ServerHttpSecurity http) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable);
    }

    /** A client's token is checked once, then remembered ({@link VerifiedTokenCache}); revocation is checked on every request. */
    public static ReactiveJwtDecoder verifiedTokenCache(ReactiveJwtDecoder decoder, OAuth2TokenValidator<Jwt> validator) {
        return new VerifiedTokenCache(decoder, validator, 100_000, Duration.ofMinutes(5));
    }

    /**
     * The chain of every request a service's own chains (ordered before it, each for its paths: user-service's SCIM
     * endpoints with their own tokens) do not take.
     */
    @Bean
    @ConditionalOnBean(ReactiveJwtDecoder.class)
    @ConditionalOnMissingBean(name = "rosterSecurityWebFilterChain")
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain rosterSecurityWebFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
            RosterSecurityProperties properties, JsonMapper mapper, ObjectProvider<AccessStates> accessStates,
            ObjectProvider<MeterRegistry> meters) {
        Converter<Jwt, Mono<AbstractAuthenticationToken>> converter = accessTokenConverter(accessStates.getIfAvailable(),
                meters.getIfAvailable(SimpleMeterRegistry::new));
        List<String> open = new ArrayList<>(ALWAYS_OPEN);
        open.addAll(properties.publicPaths());
        return stateless(http)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(open.toArray(String[]::new)).permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtDecoder(decoder).jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, mapper, ex))
                        .accessDeniedHandler((exchange, ex) -> writeProblem(exchange, mapper,
                                HttpStatus.FORBIDDEN, "You are not allowed to do this")))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, ex) -> unauthorized(exchange, mapper, ex))
                        .accessDeniedHandler((exchange, ex) -> writeProblem(exchange, mapper,
                                HttpStatus.FORBIDDEN, "You are not allowed to do this")))
                .build();
    }

    /**
     * A token whose signature checked out is refused still when a claim every token needs is missing or
     * malformed, or when its access was revoked (an in-memory lookup, no I/O); otherwise its
     * {@code permissions} claim (e.g. {@code USERS_MANAGE}) becomes the caller's authorities.
     */
    static Converter<Jwt, Mono<AbstractAuthenticationToken>> accessTokenConverter(AccessStates states, MeterRegistry meters) {
        Counter revoked = Counter.builder("roster.access.revoked")
                .description("Requests refused because the user's access or session was revoked").register(meters);
        Converter<Jwt, AbstractAuthenticationToken> converter = jwt -> {
            AccessTokenClaims.problem(jwt).ifPresent(problem -> {
                throw RefusedTokenException.invalid(problem);
            });
            if (states != null) {
                states.refusal(AccessToken.of(jwt)).ifPresent(reason -> {
                    revoked.increment();
                    throw RefusedTokenException.revoked(reason);
                });
            }
            Collection<String> permissions = jwt.hasClaim(Claims.PERMISSIONS) ? jwt.getClaimAsStringList(Claims.PERMISSIONS) : List.of();
            List<GrantedAuthority> authorities = permissions.stream()
                    .<GrantedAuthority>map(SimpleGrantedAuthority::new)
                    .toList();
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    static Mono<Void> unauthorized(ServerWebExchange exchange, JsonMapper mapper, AuthenticationException ex) {
        if (ex instanceof RefusedTokenException refused) {
            return writeProblem(exchange, mapper, HttpStatus.UNAUTHORIZED, refused.slug(), refused.title(), refused.getMessage());
        }
        return writeProblem(exchange, mapper, HttpStatus.UNAUTHORIZED, "A valid access token is required");
    }

    static Mono<Void> writeProblem(ServerWebExchange exchange, JsonMapper mapper, HttpStatus status, String detail) {
        return writeProblem(exchange, mapper, status, Problems.slugOf(status), status.getReasonPhrase(), detail);
    }

    static Mono<Void> writeProblem(ServerWebExchange exchange, JsonMapper mapper, HttpStatus status, String slug,
            String title, String detail) {
        return Problems.write(exchange, mapper,
                Problems.of(status, slug, title, detail, exchange.getRequest().getPath().value()));
    }
}
