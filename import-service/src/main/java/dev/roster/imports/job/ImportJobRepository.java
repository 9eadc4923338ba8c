package dev.roster.imports.job;

import dev.roster.events.imports.ImportRowApplied;
import dev.roster.imports.sheet.FileFormat;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Imports and their rows; every query is scoped by the account. */
@Repository
class ImportJobRepository {

    private static final TypeReference<Map<String, String>> VALUES = new TypeReference<>() { };
    private static final TypeReference<List<RowError>> ERRORS = new TypeReference<>() { };

    private final DatabaseClient database;
    private final JsonMapper json;

    ImportJobRepository(DatabaseClient database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    Mono<Void> insert(UUID id, UUID accountId, UUID createdBy, String fileName, FileFormat format, long size, Instant now) {
        return database.sql("""
                        INSERT INTO import_job (id, account_id, created_by, file_name, format, file_size, state, created_at)
                        VALUES (:id, :account, :by, :name, :format, :size, 'PREPARING', :now)""")
                .bind("id", id)
                .bind("account", accountId)
                .bind("by", createdBy)
                .bind("name", Parameter.fromOrEmpty(fileName, String.class))
                .bind("format", format.name())
                .bind("size", size)
                .bind("now", now)
                .then();
    }

    /** Stores a batch of validated rows in one statement (a password only as its hash). */
    Mono<Void> insertRows(UUID importId, List<HashedRow> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        int size = rows.size();
        Integer[] numbers = new Integer[size];
        String[] actions = new String[size];
        String[] logins = new String[size];
        String[] values = new String[size];
        String[] hashes = new String[size];
        String[] errors = new String[size];
        String[] warnings = new String[size];
        for (int i = 0; i < size; i++) {
            ValidatedRow row = rows.get(i).row();
            numbers[i] = row.number();
            actions[i] = row.action().name();
            logins[i] = row.login();
            values[i] = json.writeValueAsString(row.values());
            hashes[i] = rows.get(i).passwordHash();
            errors[i] = json.writeValueAsString(row.errors());
            warnings[i] = json.writeValueAsString(row.warnings());
        }
        return database.sql("""
                        INSERT INTO import_row (import_id, row_number, action, login, values, password_hash, errors, warnings)
                        SELECT :import, n, a, l, v::jsonb, h, e::jsonb, w::jsonb
                        FROM unnest(:numbers::int[], :actions::text[], :logins::text[], :values::text[], :hashes::text[],
                                    :errors::text[], :warnings::text[]) AS t (n, a, l, v, h, e, w)""")
                .bind("import", importId)
                .bind("numbers", numbers)
                .bind("actions", actions)
                .bind("logins", logins)
                .bind("values", values)
                .bind("hashes", hashes)
                .bind("errors", errors)
                .bind("warnings", warnings)
                .then();
    }

    /** Stores the hashes of a batch of rows' passwords, in one statement. */
    Mono<Void> storeHashes(UUID importId, List<PasswordHashing.Hashed> hashes) {
        return database.sql("""
                        UPDATE import_row r SET password_hash = v.hash
                        FROM unnest(:rows::int[], :hashes::text[]) AS v(row_number, hash)
                        WHERE r.import_id = :import AND r.row_number = v.row_number""")
                .bind("import", importId)
                .bind("rows", hashes.stream().map(PasswordHashing.Hashed::rowNumber).toArray(Integer[]::new))
                .bind("hashes", hashes.stream().map(PasswordHashing.Hashed::hash).toArray(String[]::new))
                .then();
    }

    /** Counts the rows by action into the import's summary. */
    Mono<Void> summarize(UUID importId) {
        return database.sql("""
                        UPDATE import_job j SET total_rows = c.total, to_create = c.creates, to_update = c.updates,
                            status_changes = c.status_changes, unchanged = c.unchanged, invalid = c.invalid,
                            with_warnings = c.with_warnings
                        FROM (SELECT count(*) AS total,
                                     count(*) FILTER (WHERE action = 'CREATE') AS creates,
                                     count(*) FILTER (WHERE action = 'UPDATE') AS updates,
                                     count(*) FILTER (WHERE action = 'STATUS_CHANGE') AS status_changes,
                                     count(*) FILTER (WHERE action = 'UNCHANGED') AS unchanged,
                                     count(*) FILTER (WHERE action = 'INVALID') AS invalid,
                                     count(*) FILTER (WHERE warnings <> '[]'::jsonb) AS with_warnings
                              FROM import_row WHERE import_id = :import) c
                        WHERE j.id = :import""")
                .bind("import", importId)
                .then();
    }

    Mono<ImportResponse> find(UUID accountId, UUID id) {
        return database.sql("SELECT * FROM import_job WHERE id = :id AND account_id = :account")
                .bind("id", id)
                .bind("account", accountId)
                .map(ImportJobRepository::job)
                .one();
    }

    /** The account's imports, newest first; only those {@code createdBy} uploaded unless it is null. */
    Flux<ImportResponse> list(UUID accountId, UUID createdBy, int limit, long offset) {
        return database.sql("SELECT * FROM import_job WHERE account_id = :account"
                        + " AND (CAST(:by AS uuid) IS NULL OR created_by = :by) ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
                .bind("account", accountId)
                .bind("by", org.springframework.r2dbc.core.Parameter.fromOrEmpty(createdBy, UUID.class))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(ImportJobRepository::job)
                .all();
    }

    Mono<Long> count(UUID accountId, UUID createdBy) {
        return database.sql("SELECT count(*) FROM import_job WHERE account_id = :account"
                        + " AND (CAST(:by AS uuid) IS NULL OR created_by = :by)")
                .bind("account", accountId)
                .bind("by", org.springframework.r2dbc.core.Parameter.fromOrEmpty(createdBy, UUID.class))
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** Moves an import from {@code from} to {@code to}; emits whether it was in {@code from}. */
    Mono<Boolean> transition(UUID accountId, UUID id, ImportState from, ImportState to, UUID actor, Instant now) {
        return database.sql("""
                        UPDATE import_job SET state = :to, version = version + 1,
                            confirmed_at = CASE WHEN :to = 'CONFIRMED' THEN CAST(:now AS timestamptz) ELSE confirmed_at END,
                            confirmed_by = CASE WHEN :to = 'CONFIRMED' THEN CAST(:actor AS uuid) ELSE confirmed_by END,
                            completed_at = CASE WHEN :to IN ('COMPLETED', 'CANCELLED') THEN CAST(:now AS timestamptz) ELSE completed_at END
                        WHERE id = :id AND account_id = :account AND state = :from""")
                .bind("id", id)
                .bind("account", accountId)
                .bind("from", from.name())
                .bind("to", to.name())
                .bind("actor", Parameter.fromOrEmpty(actor, UUID.class))
                .bind("now", now)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    Flux<RowResponse> rows(UUID importId, List<RowAction> actions, int limit, long offset) {
        return database.sql("""
                        SELECT * FROM import_row WHERE import_id = :import AND action = ANY(:actions)
                        ORDER BY row_number LIMIT :limit OFFSET :offset""")
                .bind("import", importId)
                .bind("actions", actions.stream().map(Enum::name).toArray(String[]::new))
                .bind("limit", limit)
                .bind("offset", offset)
                .map(this::row)
                .all();
    }

    Mono<Long> countRows(UUID importId, List<RowAction> actions) {
        return database.sql("SELECT count(*) FROM import_row WHERE import_id = :import AND action = ANY(:actions)")
                .bind("import", importId)
                .bind("actions", actions.stream().map(Enum::name).toArray(String[]::new))
                .map(row -> row.get(0, Long.class))
                .one();
    }

    private RowResponse row(Readable row) {
        return new RowResponse(row.get("row_number", Integer.class), RowAction.valueOf(row.get("action", String.class)),
                row.get("login", String.class), json.readValue(row.get("values", String.class), VALUES),
                json.readValue(row.get("errors", String.class), ERRORS),
                json.readValue(row.get("warnings", String.class), ERRORS), row.get("outcome", String.class),
                row.get("outcome_reason", String.class), row.get("user_id", UUID.class));
    }

    private static ImportResponse job(Readable row) {
        int submitted = row.get("submitted", Integer.class);
        int applied = row.get("applied", Integer.class);
        int refused = row.get("refused", Integer.class);
        int total = Math.max(submitted, row.get("to_submit", Integer.class));
        return new ImportResponse(row.get("id", UUID.class), ImportState.valueOf(row.get("state", String.class)),
                row.get("format", String.class), row.get("file_name", String.class), row.get("file_size", Long.class),
                row.get("created_by", UUID.class), row.get("created_at", Instant.class),
                new ImportResponse.Summary(row.get("total_rows", Integer.class), row.get("to_create", Integer.class),
                        row.get("to_update", Integer.class), row.get("status_changes", Integer.class),
                        row.get("unchanged", Integer.class), row.get("invalid", Integer.class),
                        row.get("with_warnings", Integer.class)),
                new ImportResponse.Progress(total, submitted, applied, refused, Math.max(0, total - applied - refused),
                        Boolean.TRUE.equals(row.get("submitting", Boolean.class))),
                row.get("confirmed_by", UUID.class), row.get("confirmed_at", Instant.class),
                row.get("completed_at", Instant.class));
    }

    /**
     * A page of the rows that change something (create, update, status change), in file order, after row
     * {@code afterRow}; read whole, so that no cursor stays open while the page is written elsewhere.
     */
    Mono<List<Submission>> toSubmit(UUID importId, int afterRow, int limit) {
        return database.sql("""
                        SELECT row_number, values, password_hash FROM import_row
                        WHERE import_id = :import AND action IN ('CREATE', 'UPDATE', 'STATUS_CHANGE') AND row_number > :after
                        ORDER BY row_number LIMIT :limit""")
                .bind("import", importId)
                .bind("after", afterRow)
                .bind("limit", limit)
                .map(row -> new Submission(row.get("row_number", Integer.class),
                        json.readValue(row.get("values", String.class), VALUES), row.get("password_hash", String.class)))
                .all()
                .collectList();
    }

    /**
     * Confirms a previewed import: it becomes CONFIRMED and submitting, with every row that changes something
     * still to submit, or COMPLETED at once when there is none. Emits whether it was a previewed import.
     */
    Mono<Boolean> confirm(UUID accountId, UUID id, UUID actor, Instant now) {
        return database.sql("""
                        UPDATE import_job SET version = version + 1, confirmed_at = :now, confirmed_by = :actor,
                            to_submit = to_create + to_update + status_changes,
                            submitting = to_create + to_update + status_changes > 0,
                            state = CASE WHEN to_create + to_update + status_changes > 0 THEN 'CONFIRMED' ELSE 'COMPLETED' END,
                            completed_at = CASE WHEN to_create + to_update + status_changes > 0 THEN NULL ELSE CAST(:now AS timestamptz) END
                        WHERE id = :id AND account_id = :account AND state = 'PREVIEW'""")
                .bind("id", id)
                .bind("account", accountId)
                .bind("actor", actor)
                .bind("now", now)
                .fetch().rowsUpdated()
                .map(updated -> updated == 1);
    }

    /** The imports whose passwords are being hashed (or were, when a restart stopped it). */
    Flux<Preparing> preparing() {
        return database.sql("SELECT id, account_id, format FROM import_job WHERE state = 'PREPARING' ORDER BY created_at")
                .map(row -> new Preparing(row.get("id", UUID.class), row.get("account_id", UUID.class),
                        FileFormat.valueOf(row.get("format", String.class))))
                .all();
    }

    /** The rows of an import that are valid and have no password hash stored (yet). */
    Flux<Integer> unhashed(UUID importId) {
        return database.sql("""
                        SELECT row_number FROM import_row
                        WHERE import_id = :import AND action <> 'INVALID' AND password_hash IS NULL""")
                .bind("import", importId)
                .map(row -> row.get("row_number", Integer.class))
                .all();
    }

    /** The imports whose rows are not all submitted yet. */
    Flux<UUID> submitting() {
        return database.sql("SELECT id FROM import_job WHERE submitting ORDER BY confirmed_at")
                .map(row -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Locks an import that is being submitted, for the page its transaction writes; empty when it is not being
     * submitted. Waits while another transaction holds the import (another replica writing a page, or results
     * being counted) and then reads the cursor as that one left it. Skipping instead (SKIP LOCKED) stopped the
     * submission at every collision with the results arriving meanwhile, until the next rescan 15 s later: a
     * 100,000-row import spent most of its two minutes waiting so.
     */
    Mono<Cursor> lockSubmitting(UUID id) {
        return database.sql("""
                        SELECT id, account_id, confirmed_by, submitted_through FROM import_job
                        WHERE id = :id AND submitting AND state = 'CONFIRMED' FOR UPDATE""")
                .bind("id", id)
                .map(row -> new Cursor(row.get("id", UUID.class), row.get("account_id", UUID.class),
                        row.get("confirmed_by", UUID.class), row.get("submitted_through", Integer.class)))
                .one();
    }

    /**
     * Records a page of {@code count} rows submitted, up to row {@code through}; after the last page
     * ({@code more} false) the import is no longer submitting, and complete if every row was answered already.
     */
    Mono<Void> advance(UUID id, int count, int through, boolean more, Instant now) {
        return database.sql("""
                        UPDATE import_job SET submitted = submitted + :count, submitted_through = :through,
                            submitting = :more,
                            state = CASE WHEN NOT :more AND applied + refused >= submitted + :count THEN 'COMPLETED' ELSE state END,
                            completed_at = CASE WHEN NOT :more AND applied + refused >= submitted + :count
                                                THEN CAST(:now AS timestamptz) ELSE completed_at END
                        WHERE id = :id""")
                .bind("id", id)
                .bind("count", count)
                .bind("through", through)
                .bind("more", more)
                .bind("now", now)
                .then();
    }

    /**
     * Records what user-service did with rows of one import and counts them, in one statement; the import
     * completes with its last row. A row whose outcome is already recorded is not counted twice. Emits how
     * long the import took from confirmation when these rows completed it.
     */
    Mono<java.time.Duration> applied(UUID importId, List<ImportRowApplied> results, Instant now) {
        return database.sql("""
                        WITH updated AS (
                            UPDATE import_row r SET outcome = v.outcome, outcome_reason = v.reason, user_id = v.user_id::uuid
                            FROM unnest(:rows::int[], :outcomes::text[], :reasons::text[], :users::text[])
                                AS v(row_number, outcome, reason, user_id)
                            -- the row numbers also as an index condition: joined alone, the planner read every row of
                            -- the import (100,000) for each batch of results
                            WHERE r.import_id = :import AND r.row_number = ANY(:rows::int[]) AND r.row_number = v.row_number
                                AND r.outcome IS NULL
                            RETURNING r.outcome),
                        counted AS (
                            SELECT count(*) FILTER (WHERE outcome <> 'REFUSED') AS applied,
                                   count(*) FILTER (WHERE outcome = 'REFUSED') AS refused
                            FROM updated)
                        UPDATE import_job j SET
                            applied = j.applied + c.applied,
                            refused = j.refused + c.refused,
                            state = CASE WHEN NOT j.submitting AND j.applied + j.refused + c.applied + c.refused >= j.submitted
                                         THEN 'COMPLETED' ELSE j.state END,
                            completed_at = CASE WHEN NOT j.submitting AND j.applied + j.refused + c.applied + c.refused >= j.submitted
                                                THEN CAST(:now AS timestamptz) ELSE j.completed_at END
                        FROM counted c
                        WHERE j.id = :import AND j.state = 'CONFIRMED' AND c.applied + c.refused > 0
                        RETURNING j.state, j.confirmed_at, j.completed_at""")
                .bind("import", importId)
                .bind("rows", results.stream().map(ImportRowApplied::rowNumber).toArray(Integer[]::new))
                .bind("outcomes", results.stream().map(ImportRowApplied::outcome).toArray(String[]::new))
                .bind("reasons", results.stream().map(ImportRowApplied::reason).toArray(String[]::new))
                .bind("users", results.stream().map(result -> result.userId() == null ? null : result.userId().toString())
                        .toArray(String[]::new))
                .bind("now", now)
                .map(row -> "COMPLETED".equals(row.get("state", String.class))
                        ? java.util.Optional.of(java.time.Duration.between(row.get("confirmed_at", Instant.class),
                                row.get("completed_at", Instant.class)))
                        : java.util.Optional.<java.time.Duration>empty())
                .one()
                .flatMap(Mono::justOrEmpty);
    }

    /** Every row of an import in file order, for the report. */
    Flux<RowResponse> allRows(UUID importId) {
        return database.sql("SELECT * FROM import_row WHERE import_id = :import ORDER BY row_number")
                .bind("import", importId)
                .map(this::row)
                .all();
    }

    /** An import whose passwords are being hashed. */
    record Preparing(UUID id, UUID accountId, FileFormat format) {
    }

    /** Where the submission of a confirmed import stands: who confirmed it and the last row submitted. */
    record Cursor(UUID importId, UUID accountId, UUID confirmedBy, int through) {
    }

    /** A row to send to user-service: its number, cleaned values and password hash. */
    record Submission(int rowNumber, Map<String, String> values, String passwordHash) {
    }

    /** A validated row with its password hashed (null when it has none). */
    record HashedRow(ValidatedRow row, String passwordHash) {
    }
}
