package dev.roster.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretCipherTest {

    static final String SETTING = "roster.test.secret (ROSTER_TEST_SECRET)";

    final SecretCipher cipher = new SecretCipher("a long random test secret", "test values", SETTING);

    @Test
    void aSealedValueOpensToTheClearOneAndShowsNothingOfIt() {
        String sealed = cipher.seal("{\"d\":\"private\"}");

        assertThat(sealed).doesNotContain("private").doesNotContain("\"d\"");
        assertThat(SecretCipher.isSealed(sealed)).isTrue();
        assertThat(cipher.open(sealed)).isEqualTo("{\"d\":\"private\"}");
    }

    @Test
    void theSameValueSealsDifferentlyEachTime() {
        assertThat(cipher.seal("token")).isNotEqualTo(cipher.seal("token"));
    }

    @Test
    void aClearValueIsNotTakenForASealedOne() {
        assertThat(SecretCipher.isSealed("{\"kty\":\"RSA\"}")).isFalse();
        assertThatThrownBy(() -> cipher.open("{\"kty\":\"RSA\"}")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueSealedWithAnotherKeyFailsClearlyNamingTheSetting() {
        String sealed = new SecretCipher("another long random secret", "test values", SETTING).seal("token");

        assertThatThrownBy(() -> cipher.open(sealed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SETTING)
                .hasMessageContaining("not the key it was encrypted with");
    }

    @Test
    void aValueOfAnotherPurposeDoesNotOpen() {
        String sealed = new SecretCipher("a long random test secret", "other values", SETTING).seal("token");

        assertThatThrownBy(() -> cipher.open(sealed)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMissingOrShortSecretFailsFastNamingTheSetting() {
        assertThatThrownBy(() -> new SecretCipher(null, "test values", SETTING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(SETTING + " is not set");
        assertThatThrownBy(() -> new SecretCipher(" ", "test values", SETTING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(SETTING + " is not set");
        assertThatThrownBy(() -> new SecretCipher("short", "test values", SETTING))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith(SETTING + " is too short");
    }
}
