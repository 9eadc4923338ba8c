package dev.roster.notifications.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecipientPolicyTest {

    @Test
    void onlyAnActiveRecipientIsMailed() {
        assertThat(RecipientPolicy.suppression("ACTIVE")).isEmpty();
    }

    @Test
    void anyoneElseIsSuppressedWithTheirStatusAsTheReason() {
        assertThat(RecipientPolicy.suppression("INACTIVE")).contains("INACTIVE");
        assertThat(RecipientPolicy.suppression("EMPLOYMENT_ENDED")).contains("EMPLOYMENT_ENDED");
        assertThat(RecipientPolicy.suppression("DELETED")).contains("DELETED");
    }

    @Test
    void aRecipientNobodyHeardOfIsSuppressedAsUnknown() {
        assertThat(RecipientPolicy.suppression(null)).contains(RecipientPolicy.UNKNOWN_RECIPIENT);
        assertThat(RecipientPolicy.suppression("")).contains(RecipientPolicy.UNKNOWN_RECIPIENT);
    }
}
