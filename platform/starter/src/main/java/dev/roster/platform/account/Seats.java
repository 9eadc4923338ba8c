package dev.roster.platform.account;

/**
 * An account's seats while a run of changes is decided: an active user holds a seat, and no more users are active
 * than the account's limit. Creating an active user or activating one takes a seat when one is free; deactivating,
 * ending an employment or deleting an active user frees one. Every path that makes users active counts with it:
 * the API, bulk changes, imports (applied, and their preview), SCIM. Not thread-safe: one run, one instance.
 */
public final class Seats {

    private final Integer limit;
    private long taken;

    /** {@code taken} of {@code limit} seats (null: no limit known, every seat free). */
    public Seats(Integer limit, long taken) {
        this.limit = limit;
        this.taken = taken;
    }

    /** Whether a seat is free now. */
    public boolean available() {
        return limit == null || taken < limit;
    }

    /** Takes a seat when one is free; false, and nothing taken, when every seat is taken. */
    public boolean take() {
        if (!available()) {
            return false;
        }
        taken++;
        return true;
    }

    /** A seat taken without asking, by a change already decided to be allowed (its seat was free when decided). */
    public void occupy() {
        taken++;
    }

    /** An active user leaves their seat. */
    public void free() {
        taken--;
    }

    public long taken() {
        return taken;
    }

    /** The limit, or null when none is known. */
    public Integer limit() {
        return limit;
    }
}
