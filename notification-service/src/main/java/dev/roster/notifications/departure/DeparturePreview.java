package dev.roster.notifications.departure;

import dev.roster.platform.impact.DepartureImpact;
import dev.roster.platform.impact.DepartureImpact.Departure;
import dev.roster.platform.impact.DepartureImpact.Recipient;
import dev.roster.platform.security.Caller;
import dev.roster.platform.security.Permission;
import java.util.LinkedHashSet;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * What people's leaving would do to their notifications, read and changed nothing, by the statements that would do it
 * ({@code DeliveryRepository.cancelQueued}, {@code NotificationRepository.erase}): whoever stops being active has the
 * emails queued to them cancelled; whoever is deleted also has the in-app notices to or about them erased. One
 * statement whatever the number of people.
 */
@Component
class DeparturePreview {

    private static final String COUNTS = """
            WITH queued AS (
                SELECT recipient_id AS user_id, count(*) AS emails FROM delivery
                WHERE account_id = :account AND recipient_id = ANY(:users) AND status = 'QUEUED' AND channel = 'EMAIL'
                GROUP BY recipient_id
            ), notices AS (
                SELECT u.user_id, count(*) AS notices
                FROM notification n CROSS JOIN LATERAL (VALUES (n.recipient_id), (n.about_user_id)) AS u(user_id)
                WHERE :erase AND n.account_id = :account
                  AND (n.recipient_id = ANY(:users) OR n.about_user_id = ANY(:users)) AND u.user_id = ANY(:users)
                GROUP BY u.user_id
            )
            SELECT coalesce(q.user_id, n.user_id) AS user_id, coalesce(q.emails, 0) AS emails,
                   coalesce(n.notices, 0) AS notices
            FROM queued q FULL JOIN notices n ON n.user_id = q.user_id
            ORDER BY 1""";

    private final DatabaseClient database;

    DeparturePreview(DatabaseClient database) {
        this.database = database;
    }

    /** The caller needs the permission of the change itself (deleting: USERS_DELETE). */
    Mono<DepartureImpact.Notifications> preview(Caller caller, DepartureImpact.Request request) {
        caller.require(request.departure() == Departure.DELETED ? Permission.USERS_DELETE : Permission.USERS_MANAGE);
        return database.sql(COUNTS)
                .bind("account", caller.accountId())
                .bind("users", new LinkedHashSet<>(request.userIds()).toArray(UUID[]::new))
                .bind("erase", request.departure() == Departure.DELETED)
                .map(row -> new Recipient(row.get("user_id", UUID.class), row.get("emails", Long.class),
                        row.get("notices", Long.class)))
                .all()
                .collectList()
                .map(DepartureImpact.Notifications::new);
    }
}
