package kr.tickets.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RateWindowTest {
    private static final Duration TEN = Duration.ofSeconds(10);

    @Test
    void windowsAreAlignedOnTheEpochSoEveryContainerAgrees() {
        RateWindow window = RateWindow.containing(Instant.parse("2030-03-01T09:00:17.250Z"), TEN);
        assertEquals(Instant.parse("2030-03-01T09:00:10Z"), window.start());
        assertEquals(Instant.parse("2030-03-01T09:00:20Z"), window.end());
    }

    @Test
    void theFirstInstantOfAWindowBelongsToItAndTheLastToThePreviousOne() {
        assertEquals(Instant.parse("2030-03-01T09:00:20Z"),
                RateWindow.containing(Instant.parse("2030-03-01T09:00:20Z"), TEN).start());
        assertEquals(Instant.parse("2030-03-01T09:00:10Z"),
                RateWindow.containing(Instant.parse("2030-03-01T09:00:19.999Z"), TEN).start());
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheWindowEndsRoundedUp() {
        RateWindow window = RateWindow.containing(Instant.parse("2030-03-01T09:00:10Z"), TEN);
        assertEquals(10, window.secondsLeft(Instant.parse("2030-03-01T09:00:10Z")));
        assertEquals(3, window.secondsLeft(Instant.parse("2030-03-01T09:00:17.250Z")));
        assertEquals(1, window.secondsLeft(Instant.parse("2030-03-01T09:00:19.999Z")));
    }

    @Test
    void retryAfterIsNeverZero() {
        RateWindow window = RateWindow.containing(Instant.parse("2030-03-01T09:00:10Z"), TEN);
        assertEquals(1, window.secondsLeft(Instant.parse("2030-03-01T09:00:20Z")));
    }

    @Test
    void windowsBeforeTheEpochAreAlignedToo() {
        assertEquals(Instant.parse("1969-12-31T23:59:50Z"),
                RateWindow.containing(Instant.parse("1969-12-31T23:59:55Z"), TEN).start());
    }

    @Test
    void aWindowLastsWholeSeconds() {
        assertThrows(IllegalArgumentException.class, () -> RateWindow.containing(Instant.EPOCH, Duration.ofMillis(1500)));
        assertThrows(IllegalArgumentException.class, () -> RateWindow.containing(Instant.EPOCH, Duration.ZERO));
    }
}
