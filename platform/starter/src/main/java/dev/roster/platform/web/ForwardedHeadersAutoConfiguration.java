package dev.roster.platform.web;

import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

/**
 * Client addresses from {@code Forwarded} / {@code X-Forwarded-For} only through trusted proxies
 * ({@code roster.web.trusted-proxies}), for every reactive Roster service.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = Type.REACTIVE)
@EnableConfigurationProperties(ForwardedHeadersAutoConfiguration.TrustedProxiesProperties.class)
public class ForwardedHeadersAutoConfiguration {

    /** The bean name WebFlux looks up for its forwarded-header transformer. */
    @Bean(WebHttpHandlerBuilder.FORWARDED_HEADER_TRANSFORMER_BEAN_NAME)
    TrustedForwardedHeaderTransformer forwardedHeaderTransformer(TrustedProxiesProperties properties) {
        return new TrustedForwardedHeaderTransformer(TrustedProxies.of(properties.trustedProxies()));
    }

    /**
     * Under {@code roster.web}.
     *
     * @param trustedProxies the address ranges (CIDR) of the proxies whose forwarded headers are believed;
     *     loopback and the private ranges unless set; empty: no proxy is trusted
     */
    @ConfigurationProperties("roster.web")
    public record TrustedProxiesProperties(List<String> trustedProxies) {

        public TrustedProxiesProperties {
            trustedProxies = trustedProxies == null ? TrustedProxies.DEFAULT : trustedProxies;
        }
    }
}
