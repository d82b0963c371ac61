package kr.tickets.runner;

import static kr.tickets.runner.Bookings.eventually;
import static kr.tickets.runner.Bookings.seatStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import kr.tickets.localstack.AwsLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Cancelling a booking over HTTP, with the real refund state machine and the Toss sandbox: the
 * seat is held back (PENDING) while Toss refunds and on sale again only after Toss refunded; Toss
 * and the tables agree after every case (MoneyInvariants). Each test buys its own seat of its
 * own schedule.
 */
class BookingCancelE2EIT {
    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final Http http = Http.client();
    private static final String admin = Catalogs.adminBearer(http);

    @Test
    void aCancelRefundsTheWholePaymentAndTheSeatIsSoldAgainToSomeoneElse() {
        Purchase purchase = bought("A-1-1");
        int remainingBefore = remaining(purchase.scheduleId());
        JsonNode booked = http.get("/bookings/" + purchase.holdId(), "Authorization", purchase.buyer().bearer()).json();
        String calendar = "/performances/" + booked.at("/performance/performanceId").asText() + "/calendar?month="
                + booked.get("scheduleStartAt").asText().substring(0, 7);
        int calendarBefore = eventually(FLOW, () -> calendarRemaining(calendar, purchase.scheduleId()),
                n -> n == remainingBefore);

        Http.Response cancelled = cancel(purchase, "Idempotency-Key", UUID.randomUUID().toString());

        assertEquals(200, cancelled.status(), cancelled::toString);
        JsonNode body = cancelled.json();
        assertEquals("CANCELLED", body.get("status").asText());
        assertEquals("DONE", body.at("/refund/status").asText());
        assertEquals(purchase.total(), body.at("/refund/refundedAmount").asLong());
        assertEquals("CANCELED", MoneyInvariants.tossStatus(purchase.orderId()));
        assertEquals("AVAILABLE", seatStatus(http, purchase.scheduleId(), purchase.seatId()));
        assertEquals(remainingBefore + 1, remaining(purchase.scheduleId()));
        eventually(FLOW, () -> calendarRemaining(calendar, purchase.scheduleId()), n -> n == calendarBefore + 1);
        assertEquals("CANCELLED", purchase.bookingStatus());
        MoneyInvariants.check(http, purchase);
        JsonNode detail = http.get("/bookings/" + purchase.holdId(), "Authorization", purchase.buyer().bearer()).json();
        assertEquals(List.of("CONFIRMED", "REFUND_PENDING", "CANCELLED"),
                detail.get("history").findValuesAsText("status"), detail::toString);
        assertEquals(purchase.total(), detail.at("/cancellation/refund/amount").asLong(), detail::toString);
        for (String sort : List.of("bookedAt", "title")) {
            JsonNode mine = http.get("/me/bookings?sort=" + sort, "Authorization", purchase.buyer().bearer()).json();
            assertEquals("CANCELLED", eventually(FLOW, () -> http.get("/me/bookings?sort=" + sort, "Authorization",
                    purchase.buyer().bearer()).json().at("/items/0/status").asText(), "CANCELLED"::equals),
                    sort + " list: " + mine);
        }
        JsonNode cancelledList = eventually(FLOW, () -> http.get("/admin/schedules/" + purchase.scheduleId()
                + "/bookings?status=CANCELLED", "Authorization", admin).json(), l -> l.path("items").size() == 1);
        assertEquals(purchase.holdId(), cancelledList.at("/items/0/bookingId").asText());
        assertEquals(0, http.get("/admin/schedules/" + purchase.scheduleId() + "/bookings?status=CONFIRMED",
                "Authorization", admin).json().path("items").size());

        JsonNode email = eventually(FLOW, () -> BookingE2EIT.sentEmail(purchase.buyer().email()),
                e -> e != null && e.path("subject").asText().contains("예매 취소"));
        assertTrue(email.path("body").asText().contains(body.get("bookingNumber").asText()), email::toString);

        Accounts.Account next = Accounts.create(http);
        JsonNode hold = Bookings.held(http, next, purchase.scheduleId(), purchase.seatId());
        Http.Response rebought = Bookings.confirm(http, next, hold, Bookings.paymentKey(hold),
                hold.at("/amount/total").asLong());
        assertEquals(200, rebought.status(), rebought::toString);
        assertEquals("BOOKED", seatStatus(http, purchase.scheduleId(), purchase.seatId()));

        Http.Response again = cancel(purchase);
        assertEquals(200, again.status(), again::toString);
        assertEquals("CANCELLED", again.json().get("status").asText());
        assertEquals(body.at("/refund/refundedAt"), again.json().at("/refund/refundedAt"));
        assertEquals(1, tossCancels(purchase.orderId()), "refunded once");
    }

    @Test
    void tossFailingTwiceIsRetriedAndTheSeatStaysHeldBackUntilTheRefund() {
        Purchase purchase = bought("A-1-2");
        LocalService.shared().tossSandbox().failNext(purchase.orderId(), "PROVIDER_ERROR", 2);

        Http.Response cancelled = cancel(purchase);

        assertTrue(cancelled.status() == 200 || cancelled.status() == 202, cancelled::toString);
        JsonNode booking = eventually(FLOW, () -> cancel(purchase).json(),
                b -> "CANCELLED".equals(b.get("status").asText()));
        assertEquals(2, booking.at("/refund/attempts").asInt(), booking::toString);
        assertEquals("AVAILABLE", seatStatus(http, purchase.scheduleId(), purchase.seatId()));
        assertEquals(1, tossCancels(purchase.orderId()));
        MoneyInvariants.check(http, purchase);
    }

    @Test
    void whenRetriesRunOutTheMoneyAndTheSeatAreBothKeptForAnOperator() {
        Purchase purchase = bought("A-1-3");
        LocalService.shared().tossSandbox().failNext(purchase.orderId(), "PROVIDER_ERROR", 50);

        cancel(purchase);

        JsonNode booking = eventually(FLOW, () -> cancel(purchase).json(),
                b -> "FAILED".equals(b.at("/refund/status").asText()));
        assertEquals("REFUND_PENDING", booking.get("status").asText());
        assertEquals(4, booking.at("/refund/attempts").asInt(), "the first try and one per wait (1,1,2 s)");
        assertEquals("FAILED", eventually(FLOW, () -> refundExecution(purchase.holdId()), "FAILED"::equals));
        assertEquals(202, cancel(purchase).status());
        assertEquals("DONE", MoneyInvariants.tossStatus(purchase.orderId()), "nothing refunded");
        assertEquals("PENDING", seatStatus(http, purchase.scheduleId(), purchase.seatId()));
        Bookings.hold(http, Accounts.create(http), purchase.scheduleId(), purchase.seatId())
                .assertProblem(409, "SEAT_UNAVAILABLE");
        MoneyInvariants.check(http, purchase);
    }

    @Test
    void aCancelWhoseRefundFlowDidNotStartIsRefundedWhenReconciliationRuns() {
        Purchase purchase = bought("A-1-1");
        PaymentFaultMatrixE2EIT.fault("AWSStepFunctions.StartExecution", "before", 10, null);
        Http.Response accepted;
        try {
            accepted = cancel(purchase);
        } finally {
            PaymentFaultMatrixE2EIT.clearFaults();
        }

        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("REFUND_PENDING", accepted.json().get("status").asText());
        assertEquals("PENDING", seatStatus(http, purchase.scheduleId(), purchase.seatId()), "held back");
        assertEquals("DONE", MoneyInvariants.tossStatus(purchase.orderId()), "nothing refunded yet");
        MoneyInvariants.check(http, purchase);

        JsonNode run = PaymentFaultMatrixE2EIT.reconcile();

        assertTrue(run.get("refund_started").asInt() >= 1, run::toString);
        eventually(FLOW, purchase::bookingStatus, "CANCELLED"::equals);
        assertEquals("CANCELED", MoneyInvariants.tossStatus(purchase.orderId()));
        assertEquals("AVAILABLE", seatStatus(http, purchase.scheduleId(), purchase.seatId()));
        MoneyInvariants.check(http, purchase);
    }

    @Test
    void twoCancelsAtOnceRefundOnce() throws Exception {
        Purchase purchase = bought("A-2-1");
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<Http.Response>> racing = List.of(
                CompletableFuture.supplyAsync(() -> await(go, () -> cancel(purchase))),
                CompletableFuture.supplyAsync(() -> await(go, () -> http.post("/admin/bookings/" + purchase.holdId()
                        + "/cancel", Map.of("reason", "중복 취소 시험"), "Authorization", admin))));
        go.countDown();
        for (CompletableFuture<Http.Response> answer : racing) {
            Http.Response response = answer.get();
            assertTrue(response.status() == 200 || response.status() == 202, response::toString);
        }

        eventually(FLOW, purchase::bookingStatus, "CANCELLED"::equals);
        assertEquals(1, tossCancels(purchase.orderId()), "one refund for two cancels");
        assertEquals("AVAILABLE", seatStatus(http, purchase.scheduleId(), purchase.seatId()));
        MoneyInvariants.check(http, purchase);
    }

    @Test
    void aBuyerMayCancelUntilTheDeadlineAndNotAMinuteLater() {
        // Schedules start on a whole minute: the first deadline is 1–2 minutes ahead when it is
        // created (about a minute by the cancel), the second 1–2 minutes behind.
        Instant now = Instant.now();
        Purchase inside = boughtAt("A-1-1", now.plus(Duration.ofHours(24)).plus(Duration.ofMinutes(2))
                .truncatedTo(ChronoUnit.MINUTES));
        Purchase past = boughtAt("A-1-1", now.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(1))
                .truncatedTo(ChronoUnit.MINUTES));

        Http.Response refused = cancel(past);
        refused.assertProblem(409, "CANCELLATION_WINDOW_CLOSED");
        assertTrue(refused.json().get("detail").asText().contains("24시간 전"), refused::toString);
        assertEquals("CONFIRMED", past.bookingStatus(), "a refused cancel changes nothing");
        assertEquals("DONE", MoneyInvariants.tossStatus(past.orderId()));
        assertEquals("BOOKED", seatStatus(http, past.scheduleId(), past.seatId()));

        assertEquals(200, cancel(inside).status());
        MoneyInvariants.check(http, inside);
        MoneyInvariants.check(http, past);
    }

    @Test
    void anAdminCancelsAnyBookingWithAReasonEvenPastTheDeadline() {
        Purchase purchase = boughtAt("A-1-2", Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES));
        String path = "/admin/bookings/" + purchase.holdId() + "/cancel";

        http.post(path, Map.of(), "Authorization", admin).assertProblem(400, "VALIDATION_FAILED");
        http.post(path, Map.of("reason", "x"), "Authorization", purchase.buyer().bearer()).assertProblem(403,
                "FORBIDDEN");
        Http.Response cancelled = http.post(path, Map.of("reason", "공연 취소로 인한 일괄 환불"), "Authorization", admin);

        assertEquals(200, cancelled.status(), cancelled::toString);
        assertEquals("공연 취소로 인한 일괄 환불", cancelled.json().get("reason").asText());
        assertEquals("CANCELED", MoneyInvariants.tossStatus(purchase.orderId()));
        assertNotNull(eventually(FLOW, () -> BookingE2EIT.sentEmail(purchase.buyer().email()),
                e -> e != null && e.path("subject").asText().contains("예매 취소")));
        MoneyInvariants.check(http, purchase);
    }

    @Test
    void anotherUsersBookingAndAnotherBookingsKeyAreRefused() {
        Purchase mine = bought("A-2-2");
        Accounts.Account stranger = Accounts.create(http);
        http.post("/bookings/" + mine.holdId() + "/cancel", Map.of(), "Authorization", stranger.bearer())
                .assertProblem(404, "NOT_FOUND");
        http.post("/bookings/" + mine.holdId() + "/cancel", Map.of("reason", "x".repeat(201)), "Authorization",
                mine.buyer().bearer()).assertProblem(400, "VALIDATION_FAILED");
        http.post("/bookings/" + mine.holdId() + "/cancel", Map.of(), "Authorization", mine.buyer().bearer(),
                "Idempotency-Key", "not a key!").assertProblem(400, "VALIDATION_FAILED");
        assertEquals("CONFIRMED", mine.bookingStatus());
        MoneyInvariants.check(http, mine);

        String key = UUID.randomUUID().toString();
        assertEquals(200, cancel(mine, "Idempotency-Key", key).status());
        Purchase second = Purchase.start(http, admin, "A-2-3");
        Accounts.Account sameBuyer = mine.buyer();
        JsonNode hold = Bookings.held(http, sameBuyer, second.scheduleId(), "A-2-4");
        assertEquals(200, Bookings.confirm(http, sameBuyer, hold, Bookings.paymentKey(hold),
                hold.at("/amount/total").asLong()).status());
        http.post("/bookings/" + hold.get("holdId").asText() + "/cancel", Map.of(), "Authorization",
                sameBuyer.bearer(), "Idempotency-Key", key).assertProblem(422, "IDEMPOTENCY_KEY_REUSED");
        assertEquals("CONFIRMED", http.get("/bookings/" + hold.get("holdId").asText(), "Authorization",
                sameBuyer.bearer()).json().get("status").asText());
        MoneyInvariants.check(http, second.scheduleId(), "A-2-4", hold.get("holdId").asText(),
                hold.get("orderId").asText());
        MoneyInvariants.check(http, mine);
    }

    // --- helpers ------------------------------------------------------------------------------

    private static Purchase bought(String seatId) {
        Purchase purchase = Purchase.start(http, admin, seatId);
        Http.Response confirmed = purchase.confirm(purchase.paymentKey());
        assertEquals(200, confirmed.status(), confirmed::toString);
        return purchase;
    }

    /** A seat bought on a schedule of its own that starts at {@code start}. */
    private static Purchase boughtAt(String seatId, Instant start) {
        String venueId = Catalogs.createVenue(http, admin, Catalogs.venueBody("취소홀 " + Catalogs.token()));
        Map<String, Object> body = Catalogs.performanceBody(venueId, "취소 시험 " + Catalogs.token(), "CONCERT",
                Catalogs.grades(), start.toString());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        body.put("ticketingStartAt", now.minus(Duration.ofDays(1)).toString());
        body.put("ticketingEndAt", start.toString());
        String scheduleId = Catalogs.createPerformance(http, admin, body).get("schedules").get(0)
                .get("scheduleId").asText();
        Accounts.Account buyer = Accounts.create(http);
        Purchase purchase = new Purchase(http, scheduleId, seatId, buyer, Bookings.held(http, buyer, scheduleId, seatId));
        assertEquals(200, purchase.confirm(purchase.paymentKey()).status());
        return purchase;
    }

    private static Http.Response cancel(Purchase purchase, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Authorization";
        all[1] = purchase.buyer().bearer();
        System.arraycopy(headers, 0, all, 2, headers.length);
        return http.post("/bookings/" + purchase.holdId() + "/cancel", Map.of(), all);
    }

    private static int remaining(String scheduleId) {
        int remaining = 0;
        for (JsonNode grade : http.get("/schedules/" + scheduleId + "/seats").json().get("grades")) {
            remaining += grade.get("remaining").asInt();
        }
        return remaining;
    }

    /** The calendar's remaining seats of one schedule (-1 when the calendar does not list it). */
    private static int calendarRemaining(String calendarPath, String scheduleId) {
        for (JsonNode day : http.get(calendarPath).json().path("days")) {
            for (JsonNode schedule : day.path("schedules")) {
                if (scheduleId.equals(schedule.path("scheduleId").asText())) {
                    return schedule.path("remainingSeats").asInt();
                }
            }
        }
        return -1;
    }

    /** How many cancels Toss's record of the order shows. */
    private static int tossCancels(String orderId) {
        return LocalService.shared().tossSandbox().allPayments().stream()
                .filter(p -> orderId.equals(p.path("orderId").asText()) && p.has("cancels"))
                .mapToInt(p -> p.get("cancels").size()).sum();
    }

    private static String refundExecution(String bookingId) {
        String machine = LocalService.shared().stack().functionEnvironments().get("BookingsFunction")
                .get("BOOKING_REFUND_STATE_MACHINE_ARN");
        String execution = machine.replace(":stateMachine:", ":execution:") + ":refund-" + bookingId;
        try (SfnClient sfn = AwsLocal.sfn(LocalService.shared().stack().endpoint())) {
            return sfn.describeExecution(r -> r.executionArn(execution)).statusAsString();
        }
    }

    private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }
}
