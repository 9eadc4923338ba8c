package dev.roster.trainings.enrollment;

/** Whether a participant attended their session, as marked by an administrator. */
public enum Attendance {
    ATTENDED,
    ABSENT
}
