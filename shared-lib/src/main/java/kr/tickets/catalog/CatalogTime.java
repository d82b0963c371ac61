package kr.tickets.catalog;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Dates of the catalog. Requirements §7 fix UTC for every time value, so display strings,
 * calendar days and date filters are UTC dates; clients render local time from the instants.
 */
public final class CatalogTime {
    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy년 MM월 dd일");

    private CatalogTime() {
    }

    /** {@code 2025년 05월 23일}. */
    public static String display(Instant instant) {
        return DISPLAY.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** {@code 2025년 05월 23일 ~ 2025년 05월 25일}, or one date for a single day. */
    public static String period(Instant start, Instant end) {
        String first = display(start);
        String last = display(end);
        return first.equals(last) ? first : first + " ~ " + last;
    }

    public static LocalDate date(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /** The instant, or null when the text is not a UTC ISO-8601 instant to the minute ("…T20:00:00Z"). */
    public static Instant parseMinute(String text) {
        if (!text.endsWith("Z")) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            return instant.truncatedTo(ChronoUnit.MINUTES).equals(instant) ? instant : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
