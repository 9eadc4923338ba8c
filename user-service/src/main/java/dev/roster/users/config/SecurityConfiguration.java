package dev.roster.users.config;

import dev.roster.users.UserServiceProperties;
import dev.roster.platform.security.RosterResourceServerAutoConfiguration;
import dev.roster.users.signin.SigningKeys;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * user-service issues the access tokens, so it checks them against its own keys rather than
 * fetching its own JWKS over HTTP; the platform's resource-server chain does the rest.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserServiceProperties.class)
class SecurityConfiguration {

    @Bean
    ReactiveJwtDecoder jwtDecoder(SigningKeys keys, UserServiceProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(jwt -> keys.byId(jwt.getHeader().getKeyID()))
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        OAuth2TokenValidator<Jwt> validator = JwtValidators.createDefaultWithIssuer(properties.issuer());
        decoder.setJwtValidator(validator);
        return RosterResourceServerAutoConfiguration.verifiedTokenCache(decoder, validator);
    }
}
