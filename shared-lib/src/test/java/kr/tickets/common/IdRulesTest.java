package kr.tickets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdRulesTest {
    private static final String LONG = "a".repeat(3000);

    @Test
    void theServicesOwnIdsFit() {
        assertTrue(IdRules.isId(Ids.newId()));
        assertTrue(IdRules.isId("T-" + Ids.newId()));
        assertTrue(IdRules.isId("booking.holdMinutes"));
        assertTrue(IdRules.isId("x".repeat(IdRules.MAX_ID_LENGTH)));
    }

    @Test
    void longOrStrangeIdsAreRefused() {
        for (String bad : List.of("", LONG, "x".repeat(IdRules.MAX_ID_LENGTH + 1), "a b", "a#b", "a\u0000b", "공연",
                "a/b", "a%20b", "a\nb")) {
            assertFalse(IdRules.isId(bad), bad.length() > 20 ? bad.length() + " chars" : bad);
        }
        assertFalse(IdRules.isId(null));
    }

    @Test
    void idempotencyKeysMayBeLongerThanIdsButNotUnbounded() {
        assertTrue(IdRules.isIdempotencyKey("k".repeat(100)));
        assertFalse(IdRules.isIdempotencyKey("k".repeat(101)));
        assertFalse(IdRules.isIdempotencyKey("키"));
    }

    @Test
    void everyBadIdOfARequestIsNamedWithoutItsValue() {
        List<FieldError> errors = IdRules.check(Map.of("holdId", LONG, "scheduleId", Ids.newId()),
                Map.of("venueId", List.of("ok", "a b"), "q", List.of(LONG), "performanceId", List.of("p-1")),
                List.of("k".repeat(101)));
        assertEquals(List.of("holdId", "venueId", "Idempotency-Key"),
                errors.stream().map(FieldError::field).sorted((a, b) -> order(a) - order(b)).toList());
        errors.forEach(e -> assertFalse(e.message().contains("aaaa"), e.message()));
    }

    @Test
    void aBlankIdempotencyKeyIsNoKeyAndGoodRequestsPass() {
        assertEquals(List.of(), IdRules.check(Map.of("holdId", Ids.newId()), Map.of("q", List.of("레미제라블 #1")),
                List.of(" ")));
        assertEquals(List.of(), IdRules.check(null, null, null));
    }

    @Test
    void aLongQueryNameIsCutInTheFieldItNames() {
        String name = "x".repeat(500) + "Id";
        List<FieldError> errors = IdRules.check(Map.of(), Map.of(name, List.of("a b")), List.of());
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).field().length() <= 65);
    }

    private static int order(String field) {
        return List.of("holdId", "venueId", "Idempotency-Key").indexOf(field);
    }
}
