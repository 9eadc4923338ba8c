package dev.roster.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Input every reactive Roster service refuses the same way: NUL and other control characters in path
 * segments, query parameters and JSON strings are a 400 {@code invalid-characters} (see
 * {@link ControlCharacters}), never a 500 from the database.
 */
@AutoConfiguration(after = JacksonAutoConfiguration.class)
@ConditionalOnWebApplication(type = Type.REACTIVE)
public class InputAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ControlCharacterFilter controlCharacterFilter() {
        return new ControlCharacterFilter();
    }

    /** After Boot's own Jackson codec customizer (order 0): request bodies are read with strict strings. */
    @Bean
    @Order(10)
    @ConditionalOnBean(JsonMapper.class)
    CodecCustomizer strictStringsCodecCustomizer(JsonMapper mapper) {
        JsonMapper strict = mapper.rebuild()
                .addModule(new SimpleModule("roster-strict-strings").addDeserializer(String.class, new StrictStringDeserializer()))
                .build();
        return configurer -> configurer.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(strict));
    }
}
