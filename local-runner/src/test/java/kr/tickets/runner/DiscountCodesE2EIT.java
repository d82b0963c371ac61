package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Discount codes over HTTP: an expiry, a maximum of uses counted when a payment starts (so the
 * last use goes to the first payer, and the other is refused before Toss is asked), one use per
 * user, a use given back by a declined payment, and wrong codes throttled per user.
 */
class DiscountCodesE2EIT {
    private static final long DISCOUNT = 5_000;
    private static final Http http = Http.client();
    private static final String admin = Catalogs.adminBearer(http);
    private static final String TOKEN = Catalogs.token().toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    private static final String EXPIRED = "OLD" + TOKEN;
    private static final String LAST = "LAST" + TOKEN;
    private static final String WELCOME = "HELLO" + TOKEN;
    private static final String SPARE = "SPARE" + TOKEN;

    private static TossSandbox toss() {
        return LocalService.shared().tossSandbox();
    }

    @BeforeAll
    static void codes() {
        Map<String, Object> codes = new HashMap<>();
        codes.put(EXPIRED, code(Instant.now().minus(Duration.ofMinutes(1)), 100));
        codes.put(LAST, code(Instant.now().plus(Duration.ofDays(1)), 1));
        codes.put(WELCOME, code(Instant.now().plus(Duration.ofDays(1)), 100));
        codes.put(SPARE, code(Instant.now().plus(Duration.ofDays(1)), 1));
        setCodes(codes);
    }

    @AfterAll
    static void noCodes() {
        setCodes(Map.of());
    }

    private static Map<String, Object> code(Instant expiresAt, long maxUses) {
        return Map.of("amountKrw", DISCOUNT, "expiresAt", expiresAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString(), "maxUses", maxUses);
    }

    private static void setCodes(Map<String, Object> codes) {
        Http.Response set = http.send("PUT", "/admin/policies/payment.discountCodes", Map.of("value", codes),
                "Authorization", admin);
        assertEquals(200, set.status(), set::toString);
    }

    private static Http.Response checkout(Purchase purchase, String code) {
        Map<String, Object> body = new HashMap<>(Map.of("method", "CARD"));
        if (code != null) {
            body.put("discountCode", code);
        }
        return http.post("/holds/" + purchase.holdId() + "/checkout", body, "Authorization", purchase.buyer().bearer());
    }

    private static void checkedOut(Purchase purchase, String code) {
        Http.Response response = checkout(purchase, code);
        assertEquals(200, response.status(), response::toString);
        assertEquals(code == null ? 0 : DISCOUNT, response.json().at("/amount/discount").asLong());
    }

    @Test
    void anExpiredCodeIsRefusedAtCheckout() {
        Purchase purchase = Purchase.start(http, admin, "A-1-1");
        assertProblem(checkout(purchase, EXPIRED.toLowerCase(java.util.Locale.ROOT)), 409, "DISCOUNT_EXPIRED");
        assertEquals("PENDING", purchase.holdStatus());
    }

    @Test
    void theLastUseGoesToTheFirstPaymentAndTheOtherIsRefusedBeforeTossIsAsked() {
        Purchase first = Purchase.start(http, admin, "A-1-1");
        Purchase second = Purchase.start(http, admin, "A-1-1");
        checkedOut(first, LAST);
        checkedOut(second, LAST);

        Http.Response paid = first.confirm(Bookings.paymentKey(first.hold(), first.total() - DISCOUNT), first.total() - DISCOUNT);
        assertEquals(200, paid.status(), paid::toString);

        String refusedKey = Bookings.paymentKey(second.hold(), second.total() - DISCOUNT);
        assertProblem(second.confirm(refusedKey, second.total() - DISCOUNT), 409, "DISCOUNT_UNAVAILABLE");
        assertNull(toss().payment(refusedKey), "Toss was asked");
        assertEquals("PENDING", second.holdStatus());
        // The seat is still theirs: at the full price it goes through.
        checkedOut(second, null);
        Http.Response fullPrice = second.confirm(Bookings.paymentKey(second.hold()), second.total());
        assertEquals(200, fullPrice.status(), fullPrice::toString);
        // And the code is used up for everyone else.
        assertProblem(checkout(Purchase.start(http, admin, "A-1-1"), LAST), 409, "DISCOUNT_USED_UP");
    }

    @Test
    void aUserUsesACodeOnce() {
        Purchase first = Purchase.start(http, admin, "A-1-1");
        checkedOut(first, WELCOME);
        assertEquals(200, first.confirm(Bookings.paymentKey(first.hold(), first.total() - DISCOUNT), first.total() - DISCOUNT).status());

        String otherSchedule = Bookings.onSaleSchedule(http, admin);
        Purchase again = new Purchase(http, otherSchedule, "A-1-1", first.buyer(),
                Bookings.held(http, first.buyer(), otherSchedule, "A-1-1"));
        assertProblem(checkout(again, WELCOME), 409, "DISCOUNT_ALREADY_USED");
    }

    @Test
    void aDeclinedPaymentGivesItsUseBack() {
        Purchase declined = Purchase.start(http, admin, "A-1-1");
        checkedOut(declined, SPARE);
        toss().failNext(declined.orderId(), "REJECT_CARD_PAYMENT", 1);
        assertProblem(declined.confirm(Bookings.paymentKey(declined.hold(), declined.total() - DISCOUNT), declined.total() - DISCOUNT), 402, "PAYMENT_REJECTED");

        Purchase next = Purchase.start(http, admin, "A-1-1");
        checkedOut(next, SPARE);
        assertEquals(200, next.confirm(Bookings.paymentKey(next.hold(), next.total() - DISCOUNT), next.total() - DISCOUNT).status());
    }

    @Test
    void wrongCodesAreThrottledPerUser() {
        Purchase purchase = Purchase.start(http, admin, "A-1-1");
        for (int i = 0; i < 5; i++) {
            assertProblem(checkout(purchase, "GUESS" + i), 400, "INVALID_DISCOUNT_CODE");
        }
        Http.Response locked = checkout(purchase, WELCOME);
        assertProblem(locked, 429, "TOO_MANY_REQUESTS");
        long retryAfter = Long.parseLong(locked.headers().get("retry-after"));
        assertTrue(retryAfter > 0 && retryAfter <= 900, "Retry-After " + retryAfter);
        // The full price is never throttled.
        checkedOut(purchase, null);
    }
}
