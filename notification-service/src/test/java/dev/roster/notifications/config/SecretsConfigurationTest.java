package dev.roster.notifications.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.platform.secrets.SecretCipher;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecretsConfigurationTest {

    final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(SecretsConfiguration.class);

    @Test
    void aMissingSecretKeyStopsTheStartNamingTheVariable() {
        context.run(started -> assertThat(started).hasFailed().getFailure()
                .rootCause().hasMessageContaining("ROSTER_NOTIFICATION_SECRET_KEY").hasMessageContaining("is not set"));
    }

    @Test
    void aConfiguredSecretKeyGivesTheCipher() {
        context.withPropertyValues("roster.notifications.secrets.key=a long enough random secret")
                .run(started -> assertThat(started).hasSingleBean(SecretCipher.class));
    }
}
