package dev.roster.users.config;

import dev.roster.platform.secrets.SecretCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher of the signing keys at rest; a missing or short secret stops the start with a message naming the setting. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SigningKeyProperties.class)
class SecretsConfiguration {

    @Bean
    SecretCipher signingKeyCipher(SigningKeyProperties properties) {
        return new SecretCipher(properties.secret(), SigningKeyProperties.PURPOSE, SigningKeyProperties.SETTING);
    }
}
