package kr.tickets.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogTimeTest {

    @Test
    void displayIsYearMonthDayInKoreanWithTwoDigitMonthAndDay() {
        assertEquals("2025년 05월 23일", CatalogTime.display(Instant.parse("2025-05-23T10:00:00Z")));
        assertEquals("2025년 12월 01일", CatalogTime.display(Instant.parse("2025-12-01T00:00:00Z")));
    }

    @Test
    void displayIsTheUtcDateEvenWhenItIsAlreadyTheNextDayInKorea() {
        Instant lateEvening = Instant.parse("2025-05-23T23:30:00Z"); // 2025-05-24 08:30 in Seoul

        assertEquals("2025년 05월 23일", CatalogTime.display(lateEvening));
        assertEquals(LocalDate.of(2025, 5, 23), CatalogTime.date(lateEvening));
    }

    @Test
    void periodJoinsFirstAndLastDateWithTilde() {
        assertEquals("2025년 05월 23일 ~ 2025년 05월 25일",
                CatalogTime.period(Instant.parse("2025-05-23T10:00:00Z"), Instant.parse("2025-05-25T19:00:00Z")));
    }

    @Test
    void periodWithinOneUtcDayIsThatDateAlone() {
        assertEquals("2025년 05월 23일",
                CatalogTime.period(Instant.parse("2025-05-23T00:00:00Z"), Instant.parse("2025-05-23T23:59:00Z")));
        assertEquals("2025년 05월 23일",
                CatalogTime.period(Instant.parse("2025-05-23T10:00:00Z"), Instant.parse("2025-05-23T10:00:00Z")));
    }

    @Test
    void periodAcrossUtcMidnightIsTwoDates() {
        assertEquals("2025년 05월 23일 ~ 2025년 05월 24일",
                CatalogTime.period(Instant.parse("2025-05-23T23:00:00Z"), Instant.parse("2025-05-24T01:00:00Z")));
    }

    @Test
    void parseMinuteReadsAnIsoUtcInstantOnTheMinute() {
        assertEquals(Instant.parse("2025-05-23T20:00:00Z"), CatalogTime.parseMinute("2025-05-23T20:00:00Z"));
        assertEquals(Instant.parse("2025-05-23T20:07:00Z"), CatalogTime.parseMinute("2025-05-23T20:07:00.000Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-05-23T20:00:30Z", "2025-05-23T20:00:00.001Z", "2025-05-23T20:00:59.999999999Z"})
    void parseMinuteRefusesSecondsAndFractions(String text) {
        assertNull(CatalogTime.parseMinute(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-05-23 20:00:00Z", "2025-05-23T20:00:00", "2025-05-23T20:00Z", "2025-05-23",
            "2025/05/23T20:00:00Z", "20:00", "1748030400", "2025-05-23T25:00:00Z", "", "tomorrow"})
    void parseMinuteRefusesWhatIsNotAnIsoInstant(String text) {
        assertNull(CatalogTime.parseMinute(text));
    }
}
