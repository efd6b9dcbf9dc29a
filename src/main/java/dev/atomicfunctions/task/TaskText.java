package dev.atomicfunctions.task;

/** Rules shared by the text fields of tasks. */
final class TaskText {

    /** PostgreSQL text cannot hold NUL: refuse it as invalid input instead of failing at the database. */
    static final String NO_NUL = "(?s)[^\\x00]*";
    static final String NO_NUL_MESSAGE = "must not contain NUL characters";

    private TaskText() {
    }
}
