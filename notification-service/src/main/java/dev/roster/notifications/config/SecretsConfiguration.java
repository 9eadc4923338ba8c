package dev.roster.notifications.config;

import dev.roster.platform.secrets.SecretCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher of the one-time secrets of queued emails; a missing or short key stops the start naming the setting. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecretProperties.class)
class SecretsConfiguration {

    @Bean
    SecretCipher emailSecretCipher(SecretProperties properties) {
        return new SecretCipher(properties.key(), SecretProperties.PURPOSE, SecretProperties.SETTING);
    }
}
