package dev.roster.trainings.course;

/** Courses or programs: the same shapes, their own tables. */
enum CourseKind {
    COURSE("course", "course_id"),
    PROGRAM("program", "program_id");

    /** The table of its definitions. */
    final String table;
    /** The column of {@code assignment} that names one. */
    final String column;

    CourseKind(String table, String column) {
        this.table = table;
        this.column = column;
    }
}
