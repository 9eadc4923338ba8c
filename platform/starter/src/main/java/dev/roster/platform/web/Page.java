package dev.roster.platform.web;

import dev.roster.platform.problem.ProblemException;
import java.util.List;

/** A page of a list: {@code {"items": [...], "page": {number, size, totalElements, totalPages}}}. */
public record Page<T>(List<T> items, Info page) {

    public static final int MAX_SIZE = 500;

    public static <T> Page<T> of(List<T> items, int number, int size, long total) {
        return new Page<>(items, new Info(number, size, total, size == 0 ? 0 : (int) ((total + size - 1) / size)));
    }

    /** Fails with a problem unless {@code page} and {@code size} make sense. */
    public static void check(int page, int size) {
        if (page < 0 || size < 1 || size > MAX_SIZE) {
            throw ProblemException.badRequest("invalid-page", "page must be 0 or more, size 1 to " + MAX_SIZE);
        }
    }

    /** The items of page {@code number} of {@code all}. */
    public static <T> Page<T> slice(List<T> all, int number, int size) {
        int from = (int) Math.min((long) number * size, all.size());
        return of(all.subList(from, Math.min(from + size, all.size())), number, size, all.size());
    }

    public record Info(int number, int size, long totalElements, int totalPages) {
    }
}
