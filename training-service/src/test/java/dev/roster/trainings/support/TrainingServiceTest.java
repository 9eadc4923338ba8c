package dev.roster.trainings.support;

import com.nimbusds.jose.JOSEException;
import dev.roster.testing.MutableClock;
import dev.roster.testing.RosterInfrastructure;
import dev.roster.testing.TestTokens;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * training-service on a real database and broker, driven over HTTP with real RS256 tokens, with a
 * clock tests can move. One annotation, so that every test class shares the same application context.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "logging.structured.format.console=")
@AutoConfigureWebTestClient
@RosterInfrastructure
@Import({TrainingServiceTest.Infrastructure.class, Tenants.class})
public @interface TrainingServiceTest {

    /** The clock of the service under test, and the signing key its tokens are checked against. */
    @TestConfiguration(proxyBeanMethods = false)
    class Infrastructure {

        @Bean
        @Primary
        MutableClock clock() {
            return new MutableClock(Instant.now());
        }

        @Bean
        Tenants.SigningKey signingKey() {
            return new Tenants.SigningKey(TestTokens.newKey("training-test"));
        }

        @Bean
        ReactiveJwtDecoder jwtDecoder(Tenants.SigningKey key) throws JOSEException {
            NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withPublicKey(key.value().toRSAPublicKey())
                    .signatureAlgorithm(SignatureAlgorithm.RS256)
                    .build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(TestTokens.ISSUER));
            return decoder;
        }
    }
}
