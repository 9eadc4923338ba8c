package dev.roster.platform.web;

/**
 * The characters no text Roster takes may hold: NUL and the other C0 control characters (U+0000 to
 * U+001F) except tab, line feed and carriage return. PostgreSQL cannot store NUL in text at all (the
 * request would fail with a 500), and the other controls are never part of a name, a login, a title or
 * a search; tab and line breaks are left to each field's own rules (a description may have lines).
 */
public final class ControlCharacters {

    /** What a client is told. */
    public static final String MESSAGE = "must not contain NUL or other control characters";

    private ControlCharacters() {
    }

    public static boolean isForbidden(char c) {
        return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
    }

    /** True when {@code text} (may be null) holds a forbidden character. */
    public static boolean containsForbidden(CharSequence text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (isForbidden(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
