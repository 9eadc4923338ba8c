package dev.roster.users.impact;

import dev.roster.events.user.UserStatus;
import dev.roster.platform.impact.DepartureImpact;
import dev.roster.users.group.UserGroups.Membership;
import dev.roster.users.impact.StatusImpactRequest.ImpactStatus;
import dev.roster.users.user.SkipReason;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a status change would do, per user and in total; nothing has been done. A part whose service did not answer
 * in time is listed in {@code unknown}, and its fields are null (never a made-up zero).
 *
 * @param sessions each training session that would lose seats, and who on its waitlist would get them
 */
record StatusImpactResponse(ImpactStatus status, Totals totals, List<UserImpact> users,
        List<DepartureImpact.SeatsFreed> sessions, List<UnknownPart> unknown) {

    /**
     * The sums over every user.
     *
     * @param skipped how many users the change would skip, per reason
     * @param accountOwnerRefused whether the Account Owner is among the users and the change would refuse them
     * @param trainingRecordsErased for a deletion: enrollments and assignments, finished or not, erased
     */
    record Totals(int requested, int applied, Map<SkipReason, Integer> skipped, boolean accountOwnerRefused,
            int signInBlocked, long sessionsCut, Seats seats, int groupsLeft, int groupsJoined, Integer enrollmentsDropped,
            Integer waitlistPromotions, Integer learningLeftUnfinished, Long queuedEmailsCancelled, Long noticesErased,
            Long trainingRecordsErased) {
    }

    /**
     * The account's seats: taken now and after the change, how many it frees and takes, and how many activations the
     * seat limit would refuse.
     */
    record Seats(long limit, long takenNow, long takenAfter, int freed, int taken, int refusedByLimit) {
    }

    /**
     * One user: whether the change applies to them (else why not: nothing would happen to them), and what it would
     * do.
     *
     * @param currentStatus null when no such user is in the account
     * @param seat FREED, TAKEN or UNCHANGED
     * @param sessionsCut live sessions (signed-in devices) that would end at once
     * @param groupsLeft groups they would leave: smart groups when employment ends, every group when deleted
     * @param groupsJoined smart groups they would rejoin when an ended employment becomes active or inactive again
     */
    record UserImpact(UUID userId, UserStatus currentStatus, boolean applies, SkipReason skipReason,
            boolean signInBlocked, long sessionsCut, SeatChange seat, List<Membership> groupsLeft,
            List<Membership> groupsJoined, List<DepartureImpact.DroppedEnrollment> enrollmentsDropped,
            List<DepartureImpact.UnfinishedLearning> learningLeftUnfinished, Long queuedEmailsCancelled,
            Long noticesErased) {
    }

    enum SeatChange {
        FREED,
        TAKEN,
        UNCHANGED
    }

    /** A part of the preview that is not known, and why. */
    record UnknownPart(String part, String service, String reason) {
    }
}
