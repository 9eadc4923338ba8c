package dev.roster.events;

import dev.roster.events.enrollment.Enrolled;
import dev.roster.events.enrollment.EnrollmentDropped;
import dev.roster.events.enrollment.SessionSwitched;
import dev.roster.events.enrollment.Unenrolled;
import dev.roster.events.enrollment.WaitlistPromoted;
import dev.roster.events.enrollment.Waitlisted;
import dev.roster.events.imports.ImportRowApplied;
import dev.roster.events.imports.ImportRowsApplied;
import dev.roster.events.imports.ImportRowSubmitted;
import dev.roster.events.imports.ImportRowsSubmitted;
import dev.roster.events.user.AccountChanged;
import dev.roster.events.user.DepartmentChanged;
import dev.roster.events.user.DepartmentDeleted;
import dev.roster.events.user.GroupChanged;
import dev.roster.events.user.GroupDeleted;
import dev.roster.events.user.GroupMembersChanged;
import dev.roster.events.user.PasswordChanged;
import dev.roster.events.user.SessionRevoked;
import dev.roster.events.user.UserAccessChanged;
import dev.roster.events.user.UserCreated;
import dev.roster.events.user.UserDeleted;
import dev.roster.events.user.UserInvited;
import dev.roster.events.user.UserStatusChanged;
import dev.roster.events.user.UserUpdated;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The registry of every event Roster knows: wire type name to record class and back. */
public final class EventTypes {

    /** Every event record. A new event is added here and gets a shape test. */
    public static final List<Class<? extends RosterEvent>> ALL = List.of(
            UserCreated.class,
            UserUpdated.class,
            UserStatusChanged.class,
            UserDeleted.class,
            UserAccessChanged.class,
            SessionRevoked.class,
            DepartmentChanged.class,
            DepartmentDeleted.class,
            PasswordChanged.class,
            UserInvited.class,
            GroupMembersChanged.class,
            Enrolled.class,
            Waitlisted.class,
            SessionSwitched.class,
            Unenrolled.class,
            EnrollmentDropped.class,
            WaitlistPromoted.class,
            ImportRowSubmitted.class,
            ImportRowsSubmitted.class,
            ImportRowApplied.class,
            ImportRowsApplied.class,
            AccountChanged.class,
            GroupChanged.class,
            GroupDeleted.class);

    private static final Map<String, Class<? extends RosterEvent>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(type -> describe(type).value(), Function.identity()));

    private static final Set<String> CARRYING_SECRETS = ALL.stream()
            .filter(type -> type.isAnnotationPresent(CarriesSecret.class))
            .map(type -> describe(type).value())
            .collect(Collectors.toUnmodifiableSet());

    private EventTypes() {
    }

    /** The wire names of the events marked {@link CarriesSecret}: never kept once published. */
    public static Set<String> carryingSecrets() {
        return CARRYING_SECRETS;
    }

    public static EventType describe(Class<?> eventClass) {
        EventType type = eventClass.getAnnotation(EventType.class);
        if (type == null) {
            throw new IllegalArgumentException(eventClass.getName() + " is not annotated with @EventType");
        }
        return type;
    }

    public static Optional<Class<? extends RosterEvent>> forName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }
}
