package dev.roster.platform.problem;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import tools.jackson.databind.json.JsonMapper;

/** Problem details for every error of every reactive Roster service. */
@AutoConfiguration(before = ErrorWebFluxAutoConfiguration.class, after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
@Import(ProblemDetailsHandler.class)
public class ProblemDetailsAutoConfiguration {

    @Bean
    @Order(-2)
    @ConditionalOnMissingBean
    ProblemWebExceptionHandler problemWebExceptionHandler(JsonMapper mapper) {
        return new ProblemWebExceptionHandler(mapper);
    }
}
