package dev.roster.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.jdk.StringDeserializer;

/** Reads JSON strings of request bodies as usual, refusing any that holds a {@linkplain ControlCharacters forbidden control character}. */
final class StrictStringDeserializer extends StringDeserializer {

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) {
        String value = super.deserialize(parser, context);
        if (ControlCharacters.containsForbidden(value)) {
            throw new InvalidCharactersException(parser);
        }
        return value;
    }
}
