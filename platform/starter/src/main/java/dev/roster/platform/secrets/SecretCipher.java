package dev.roster.platform.secrets;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.encrypt.Encryptors;

/**
 * Encrypts secrets kept at rest (signing keys, a one-time token waiting to be mailed) with a key from
 * the service's configuration: AES-256-GCM with a fresh IV per value and the key derived with PBKDF2
 * (Spring Security Crypto's {@link Encryptors#stronger}). A sealed value names its format, so a clear
 * value an older version stored is told apart and can be sealed on start. Spring-free.
 */
public final class SecretCipher {

    /** The minimum length of the configured secret: a random value, e.g. {@code openssl rand -base64 32}. */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final String FORMAT = "aes256gcm:v1:";

    private final BytesEncryptor encryptor;
    private final String setting;

    /**
     * @param secret the configured secret the key is derived from
     * @param purpose what the values are (the key derivation's salt): values of one purpose never open as another's
     * @param setting how an operator sets the secret (property and environment variable), for error messages
     * @throws IllegalStateException when the secret is missing or too short
     */
    public SecretCipher(String secret, String purpose, String setting) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalStateException(setting + " is not set: it is the key that encrypts " + purpose
                    + " at rest. Set it to a long random value (at least " + MIN_SECRET_LENGTH
                    + " characters, e.g. `openssl rand -base64 32`) and keep it: values encrypted with it are unreadable without it");
        }
        if (secret.strip().length() < MIN_SECRET_LENGTH) {
            throw new IllegalStateException(setting + " is too short: use a random value of at least "
                    + MIN_SECRET_LENGTH + " characters");
        }
        this.encryptor = Encryptors.stronger(secret, HexFormat.of().formatHex(("roster:" + purpose).getBytes(StandardCharsets.UTF_8)));
        this.setting = setting;
    }

    /** Whether {@code stored} is a value this class sealed (rather than one kept in clear by an older version). */
    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(FORMAT);
    }

    /** The encrypted form of {@code clear}, to store. */
    public String seal(String clear) {
        return FORMAT + Base64.getEncoder().encodeToString(encryptor.encrypt(clear.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The clear value of what {@link #seal} stored.
     *
     * @throws IllegalStateException when it was sealed with another key (the setting changed) or is damaged
     */
    public String open(String sealed) {
        if (!isSealed(sealed)) {
            throw new IllegalStateException("Not an encrypted value (expected the " + FORMAT + " format)");
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(sealed.substring(FORMAT.length()));
            return new String(encryptor.decrypt(bytes), StandardCharsets.UTF_8);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("A stored secret cannot be decrypted with the key of " + setting
                    + ": it is not the key it was encrypted with (or the value is damaged). Start with the key it was"
                    + " encrypted with", ex);
        }
    }
}
