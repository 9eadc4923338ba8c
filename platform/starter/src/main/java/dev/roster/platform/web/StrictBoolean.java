package dev.roster.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * A JSON {@code true} or {@code false}, and nothing read into one: no {@code "yes"}, {@code 1} or {@code "false"}.
 * For flags where a lenient reading would turn a request into a different one ({@code "dryRun": "false"} must not
 * run a bulk action for real): {@code @JsonDeserialize(using = StrictBoolean.class)}.
 */
public final class StrictBoolean extends ValueDeserializer<Boolean> {

    @Override
    public Boolean deserialize(JsonParser parser, DeserializationContext context) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        return (Boolean) context.handleUnexpectedToken(Boolean.class, parser);
    }
}
