package dev.roster.testing;

import com.nimbusds.jose.JOSEException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * For a service behind the gateway: its tests sign real RS256 tokens with {@link TestJwtIssuer} and the
 * service checks them with this decoder (the key's public half) instead of fetching user-service's JWKS.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestJwtConfiguration {

    @Bean
    TestJwtIssuer testJwtIssuer() {
        return new TestJwtIssuer(TestTokens.newKey("service-test"));
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(TestJwtIssuer issuer) throws JOSEException {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(issuer.key().toRSAPublicKey())
                .signatureAlgorithm(SignatureAlgorithm.RS256)
                .build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestTokens.ISSUER));
        return decoder;
    }
}
