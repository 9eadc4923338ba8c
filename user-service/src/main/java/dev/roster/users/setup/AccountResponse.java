package dev.roster.users.setup;

import dev.roster.users.account.Account;
import java.util.UUID;

/** The caller's account with the seats in use. */
record AccountResponse(UUID id, String slug, String name, String timeZone, int seatLimit, long seatsUsed,
        UUID ownerId) {

    static AccountResponse from(Account account, long seatsUsed) {
        return new AccountResponse(account.id(), account.slug(), account.name(), account.timeZone().getId(),
                account.seatLimit(), seatsUsed, account.ownerId());
    }
}
