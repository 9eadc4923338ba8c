package dev.roster.users.user;

import java.util.List;

/** One page of users: {@code {"items": [...], "page": {number, size, totalElements, totalPages}}}. */
record UserPage(List<UserResponse> items, Page page) {

    /** Where the page stands in the whole list. */
    public record Page(int number, int size, long totalElements, long totalPages) {

        static Page of(int number, int size, long total) {
            return new Page(number, size, total, size == 0 ? 0 : (total + size - 1) / size);
        }
    }

    static UserPage of(List<UserResponse> items, int number, int size, long total) {
        return new UserPage(items, Page.of(number, size, total));
    }
}
