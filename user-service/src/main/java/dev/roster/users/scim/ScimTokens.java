package dev.roster.users.scim;

import dev.roster.platform.problem.ProblemException;
import dev.roster.platform.security.Caller;
import dev.roster.users.account.AccountRepository;
import dev.roster.users.audit.AuditLog;
import dev.roster.users.credential.SecretTokens;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The bearer tokens an identity provider provisions an account with. Only the Account Owner creates, lists and
 * revokes them; the secret is shown once, at creation, and only its SHA-256 is stored. A token is good for one account
 * and only under {@code /scim/v2} (everywhere else the API takes only access tokens, and refuses it), until revoked.
 */
@Service
class ScimTokens {

    /** Tokens are told from access tokens (JWTs, which have dots) at a glance. */
    static final String PREFIX = "scim_";
    static final int MOST_ACTIVE = 20;
    /** How seldom a token's last use is written: an identity provider's sync makes many requests a minute. */
    private static final Duration USE_RECORDED_EVERY = Duration.ofMinutes(1);

    private final DatabaseClient database;
    private final AccountRepository accounts;
    private final AuditLog audit;
    private final Clock clock;

    ScimTokens(DatabaseClient database, AccountRepository accounts, AuditLog audit, Clock clock) {
        this.database = database;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
    }

    Mono<Created> create(Caller caller, String name) {
        return requireOwner(caller).then(count(caller.accountId())).flatMap(active -> {
            if (active >= MOST_ACTIVE) {
                return Mono.error(ProblemException.conflict("too-many-scim-tokens",
                        "An account has at most " + MOST_ACTIVE + " SCIM tokens; revoke one first"));
            }
            String secret = PREFIX + SecretTokens.generate();
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            return database.sql("""
                            INSERT INTO scim_token (id, account_id, name, token_hash, created_by, created_at)
                            VALUES (:id, :account, :name, :hash, :by, :now)""")
                    .bind("id", id)
                    .bind("account", caller.accountId())
                    .bind("name", name.strip())
                    .bind("hash", SecretTokens.hash(secret))
                    .bind("by", caller.userId())
                    .bind("now", now)
                    .then()
                    .then(audit.record(caller.accountId(), caller.userId(), caller.userId(), "account.scim-token-created",
                            Map.of("tokenId", id.toString(), "name", name.strip()), "api"))
                    .thenReturn(new Created(id, name.strip(), secret, now));
        });
    }

    Mono<List<Listed>> list(Caller caller) {
        return requireOwner(caller).then(database.sql("""
                        SELECT id, name, created_by, created_at, last_used_at, revoked_at FROM scim_token
                        WHERE account_id = :account ORDER BY created_at, id""")
                .bind("account", caller.accountId())
                .map(row -> new Listed(row.get("id", UUID.class), row.get("name", String.class),
                        row.get("created_by", UUID.class), instant(row.get("created_at", OffsetDateTime.class)),
                        instant(row.get("last_used_at", OffsetDateTime.class)),
                        instant(row.get("revoked_at", OffsetDateTime.class))))
                .all()
                .collectList());
    }

    /** Revokes a token of the caller's account at once: its next request is refused. 404 for anyone else's. */
    Mono<Void> revoke(Caller caller, UUID id) {
        return requireOwner(caller).then(database.sql("""
                        UPDATE scim_token SET revoked_at = coalesce(revoked_at, :now)
                        WHERE id = :id AND account_id = :account RETURNING id""")
                .bind("id", id)
                .bind("account", caller.accountId())
                .bind("now", clock.instant())
                .map(row -> row.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("SCIM token " + id)))
                .flatMap(revoked -> audit.record(caller.accountId(), caller.userId(), caller.userId(), "account.scim-token-revoked",
                        Map.of("tokenId", id.toString()), "api")));
    }

    /** The client a presented token stands for, when it is one of ours and not revoked; its use recorded now and then. */
    Mono<ScimClient> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 200) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return database.sql("""
                        SELECT t.id, t.account_id, t.created_by, t.last_used_at, a.owner_id FROM scim_token t
                        JOIN account a ON a.id = t.account_id
                        WHERE t.token_hash = :hash AND t.revoked_at IS NULL""")
                .bind("hash", SecretTokens.hash(secret))
                .map(row -> {
                    OffsetDateTime lastUsed = row.get("last_used_at", OffsetDateTime.class);
                    UUID creator = row.get("created_by", UUID.class);
                    return new Found(new ScimClient(row.get("id", UUID.class), row.get("account_id", UUID.class),
                            creator != null ? creator : row.get("owner_id", UUID.class)),
                            lastUsed == null || lastUsed.toInstant().isBefore(now.minus(USE_RECORDED_EVERY)));
                })
                .one()
                .flatMap(found -> !found.recordUse() ? Mono.just(found.client())
                        : database.sql("UPDATE scim_token SET last_used_at = :now WHERE id = :id")
                                .bind("now", now).bind("id", found.client().tokenId())
                                .then().thenReturn(found.client()));
    }

    /** The account's settings, for its owner. */
    Mono<ScimSettings> settings(Caller caller) {
        return requireOwner(caller).then(settings(caller.accountId()));
    }

    Mono<ScimSettings> settings(UUID accountId) {
        return database.sql("SELECT deprovision FROM scim_setting WHERE account_id = :account")
                .bind("account", accountId)
                .map(row -> new ScimSettings(ScimSettings.Deprovision.valueOf(row.get("deprovision", String.class))))
                .one()
                .defaultIfEmpty(ScimSettings.DEFAULT);
    }

    Mono<ScimSettings> changeSettings(Caller caller, ScimSettings settings) {
        return requireOwner(caller).then(database.sql("""
                        INSERT INTO scim_setting (account_id, deprovision, updated_at) VALUES (:account, :deprovision, :now)
                        ON CONFLICT (account_id) DO UPDATE SET deprovision = EXCLUDED.deprovision, updated_at = EXCLUDED.updated_at""")
                .bind("account", caller.accountId())
                .bind("deprovision", settings.deprovision().name())
                .bind("now", clock.instant())
                .then())
                .then(audit.record(caller.accountId(), caller.userId(), caller.userId(), "account.scim-settings-changed",
                        Map.of("deprovision", settings.deprovision().name()), "api"))
                .thenReturn(settings);
    }

    private Mono<Void> requireOwner(Caller caller) {
        return accounts.find(caller.accountId())
                .filter(account -> account.isOwner(caller.userId()))
                .switchIfEmpty(Mono.error(() -> new ProblemException(HttpStatus.FORBIDDEN, "account-owner-only",
                        "Forbidden", "Only the Account Owner manages the account's SCIM provisioning")))
                .then();
    }

    private Mono<Long> count(UUID accountId) {
        return database.sql("SELECT count(*) FROM scim_token WHERE account_id = :account AND revoked_at IS NULL")
                .bind("account", accountId)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    /** A new token: {@code token} is the secret, shown this once. */
    record Created(UUID id, String name, String token, Instant createdAt) {
    }

    record Listed(UUID id, String name, UUID createdBy, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    private record Found(ScimClient client, boolean recordUse) {
    }
}
