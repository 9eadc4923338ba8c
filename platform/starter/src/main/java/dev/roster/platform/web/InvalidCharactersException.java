package dev.roster.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DatabindException;

/** A JSON string of a request body holds a {@linkplain ControlCharacters forbidden control character}; answered 400 {@code invalid-characters}. */
public class InvalidCharactersException extends DatabindException {

    InvalidCharactersException(JsonParser parser) {
        super(parser, "A text " + ControlCharacters.MESSAGE);
    }
}
