package dev.roster.trainings.enrollment;

/** A participant's attendance; null clears a mark made by mistake. */
record AttendanceRequest(Attendance attendance) {
}
