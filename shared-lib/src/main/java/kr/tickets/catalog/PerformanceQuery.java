package kr.tickets.catalog;

import java.time.LocalDate;

/**
 * The list's filters, order and page: {@code q} is a lower-cased partial title, dates are UTC
 * days (a performance qualifies with any schedule in [from, to]), prices in KRW overlap the
 * performance's range. Null means no filter.
 */
public record PerformanceQuery(String q, Genre genre, String venueId, LocalDate from, LocalDate to, Long minPrice,
                               Long maxPrice, Sort sort, int size, String cursor) {
    public enum Sort {
        LATEST,
        NAME
    }
}
