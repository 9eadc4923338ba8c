package dev.roster.users.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.platform.secrets.SecretCipher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecretsConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(SecretsConfiguration.class);

    @Test
    void aMissingSigningKeySecretStopsTheStartNamingTheVariable() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .rootCause().hasMessageContaining("ROSTER_SIGNING_KEY_SECRET").hasMessageContaining("is not set"));
    }

    @Test
    void aConfiguredSigningKeySecretGivesTheCipher() {
        context.withPropertyValues("roster.users.signing-keys.secret=a long enough random secret")
                .run(started -> assertThat(started).hasSingleBean(SecretCipher.class));
    }
}
