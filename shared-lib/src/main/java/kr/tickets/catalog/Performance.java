package kr.tickets.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A show with its grades and the span of its schedules ({@code startAt} is the first,
 * {@code endAt} the last schedule's start; equal for a single show). {@code version} guards
 * concurrent admin changes.
 */
public record Performance(String performanceId, String title, Genre genre, String venueId, String venueName,
                          int runningTimeMinutes, String thumbnailUrl, String description,
                          Instant ticketingStartAt, Instant ticketingEndAt, List<Grade> grades,
                          Instant startAt, Instant endAt, List<String> scheduleDates, Instant createdAt,
                          long version) {

    public long minPrice() {
        return grades.stream().mapToLong(Grade::price).min().orElse(0);
    }

    public long maxPrice() {
        return grades.stream().mapToLong(Grade::price).max().orElse(0);
    }
}
