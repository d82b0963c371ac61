package kr.tickets.runner;

import static kr.tickets.runner.Bookings.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import kr.tickets.booking.BookingKeys;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The fault matrix of the money path (issue #8): real purchases over HTTP through the runner,
 * the state machine run by moto and the Toss sandbox, each with one fault injected — by the Toss
 * sandbox (declines, errors, delays, an approval whose answer is lost), by the moto launcher
 * (the confirm's run of the payment steps failing before it started or its answer lost, a step
 * crashing before or after it ran) or by the buyer (double submits, races, a key of another hold). After each
 * case {@link MoneyInvariants} compares the Toss sandbox with DynamoDB for every order involved.
 * The rows are written to target/fault-matrix.md (case, expected, observed) for docs/fault-matrix.md.
 */
class PaymentFaultMatrixE2EIT {
    private static final Duration SAGA = Duration.ofSeconds(90);
    private static final Http http = Http.client();
    private static final String admin = Catalogs.adminBearer(http);
    private static final List<String> rows = new ArrayList<>();

    private static TossSandbox toss() {
        return LocalService.shared().tossSandbox();
    }

    @AfterEach
    void noFaultOutlivesItsCase() {
        clearFaults();
    }

    static void clearFaults() {
        send("DELETE", LocalService.shared().stack().endpoint() + "/_local/faults", "");
    }

    @AfterAll
    static void writeMatrix() throws IOException {
        StringBuilder table = new StringBuilder("| case | expected | observed |\n|---|---|---|\n");
        rows.forEach(row -> table.append(row).append('\n'));
        Files.writeString(Path.of("target", "fault-matrix.md"), table);
    }

    // --- Toss's answers -------------------------------------------------------------------------

    @Test
    void declinedCard() {
        Purchase p = paying("A-1-1");
        toss().failNext(p.orderId(), "REJECT_CARD_PAYMENT", 1);
        Http.Response answer = p.confirm(window(p));
        assertEquals(402, answer.status(), answer::toString);
        row("Toss declines the card", "402 PAYMENT_REJECTED; seat free; nothing charged", answer, p);
    }

    @Test
    void tossErrorsOutlastTheRetries() {
        Purchase p = paying("A-1-1");
        toss().failNext(p.orderId(), "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", 30);
        String key = window(p);
        Http.Response answer = p.confirm(key);
        settled(p);
        Http.Response again = p.confirm(key);
        assertEquals(502, again.status(), again::toString);
        row("Toss answers 5xx to every confirm retry", "202, then 502 PAYMENT_ERROR (Toss has no payment); seat free",
                answer, again, p);
    }

    @Test
    void tossSlowerThanTheReadTimeout() {
        Purchase p = paying("A-1-1");
        toss().delayNext(p.orderId(), Duration.ofSeconds(12));
        String key = window(p);
        CompletableFuture<Http.Response> confirm = CompletableFuture.supplyAsync(() -> p.confirm(key));
        eventually(SAGA, p::holdStatus, "PAYING"::equals);
        // The seat being paid for counts against the buyer's limit (1) for as long as Toss takes.
        Http.Response second = Bookings.hold(http, p.buyer(), p.scheduleId(), "A-1-2");
        assertEquals(409, second.status(), second::toString);
        assertEquals("HOLD_LIMIT_REACHED", second.json().path("code").asText());
        Http.Response answer = confirm.join();
        settled(p);
        assertEquals("CONFIRMED", p.bookingStatus());
        row("Toss answers after the client's read timeout", "202 PROCESSING, then booked once (the retry finds it processed); meanwhile a second hold of the buyer is 409 HOLD_LIMIT_REACHED",
                answer, p);
    }

    @Test
    void tossApprovesButTheAnswerIsLost() {
        Purchase p = paying("A-1-1");
        toss().loseAnswerNext(p.orderId());
        Http.Response answer = p.confirm(window(p));
        settled(p);
        assertEquals("CONFIRMED", p.bookingStatus());
        row("Toss approves, its answer is lost (500)", "booked once: the retry's ALREADY_PROCESSED is looked up as this order's",
                answer, p);
    }

    // --- our side failing -------------------------------------------------------------------------

    @Test
    void bookingWriteFailsAfterApproval() {
        Purchase p = paying("A-1-1");
        try (DynamoDbClient dynamo = AwsLocal.dynamo(LocalService.shared().stack().endpoint())) {
            dynamo.putItem(r -> r.tableName("BookingTable").item(BookingKeys.booking(p.holdId())));
        }
        Http.Response answer = p.confirm(window(p));
        settled(p);
        assertEquals(409, answer.status(), answer::toString);
        assertEquals("CANCELED", MoneyInvariants.tossStatus(p.orderId()));
        row("the booking write fails after Toss approved", "409 BOOKING_FAILED; Toss CANCELED; seat free", answer, p);
    }

    @Test
    void paymentStepsFailToStartBeforeStepFunctionsAcceptsThem() {
        Purchase p = paying("A-1-1", 1);
        fault("AWSStepFunctions.StartSyncExecution", "before", 10, null);
        Http.Response answer = p.confirm(window(p));
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("PAYING", p.holdStatus(), "the hold is not put back: the timer settles it");
        clearFaults();
        Http.Response release = http.send("DELETE", "/holds/" + p.holdId(), null, "Authorization", p.buyer().bearer());
        assertEquals(409, release.status(), release::toString);
        assertTrue(release.json().path("detail").asText().contains("결제가 진행 중"), release::toString);
        // The hold's time runs out (1 minute) and its timer runs the payment steps for the payment on record.
        assertEquals("SUCCEEDED", timerEnded(p, Duration.ofSeconds(150)));
        assertEquals("CONFIRMED", p.bookingStatus());
        row("the confirm's run of the payment steps fails before Step Functions accepts it", "202 PROCESSING; DELETE "
                + "/holds meanwhile 409 (결제가 진행 중); the hold timer runs the payment steps for the payment on record; "
                + "booked", answer, p);
    }

    @Test
    void paymentStepsRunButTheirAnswerIsLost() {
        Purchase p = paying("A-1-1");
        fault("AWSStepFunctions.StartSyncExecution", "after", 10, null);
        Http.Response answer = p.confirm(window(p));
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("CONFIRMED", settled(p));
        assertEquals("CONFIRMED", p.bookingStatus());
        row("the payment steps run, their answer is lost (SDK retries run them again)", "202 PROCESSING; booked once",
                answer, p);
    }

    @Test
    void sagaStepCrashesAfterTossApproved() {
        Purchase p = paying("A-1-1");
        fault("invoke:confirmPayment", "after", 1, p.holdId());
        Http.Response answer = p.confirm(window(p));
        settled(p);
        assertEquals("CANCELED", MoneyInvariants.tossStatus(p.orderId()));
        row("the confirm step crashes after Toss approved", "compensation looks the payment up and cancels it; "
                + "409 BOOKING_FAILED; seat free", answer, p);
    }

    @Test
    void receiptEmailCannotBeSent() {
        Purchase p = paying("A-1-1");
        String sender = LocalService.shared().stack().functionEnvironments().get("ReceiptsFunction").get("RECEIPT_SENDER");
        try (var ses = AwsLocal.sesv2(LocalService.shared().stack().endpoint())) {
            ses.deleteEmailIdentity(r -> r.emailIdentity(sender));
            try {
                Http.Response answer = p.confirm(window(p));
                assertEquals(200, answer.status(), answer::toString);
                settled(p);
                row("SES is down when the receipt is sent", "200 CONFIRMED; booking kept, receipt retried", answer, p);
            } finally {
                ses.createEmailIdentity(r -> r.emailIdentity(sender));
            }
        }
    }

    // --- the buyer's tricks ----------------------------------------------------------------------

    @Test
    void anotherUsersHoldAndAHugeKeyChargeNothing() {
        Purchase owner = paying("A-1-1");
        Accounts.Account stranger = Accounts.create(http);
        String key = window(owner);
        Http.Response borrowed = Bookings.confirm(http, stranger, owner.hold(), key, owner.total());
        assertEquals(404, borrowed.status(), borrowed::toString);
        Http.Response huge = owner.confirm("k".repeat(3_000));
        assertEquals(400, huge.status(), huge::toString);
        assertTrue(huge.body().length() < 1_000, "the key is not echoed back");
        assertEquals("RUNNING", Bookings.executionStatus(owner.holdId()), "the hold's timer still runs");
        assertEquals("PENDING", owner.holdStatus());
        assertEquals("IN_PROGRESS", MoneyInvariants.tossStatus(owner.orderId()), "Toss was never asked");
        row("another user confirms someone's hold; the owner sends a 3,000-character key",
                "404 and 400, nothing sent to Toss; the owner then pays", borrowed, huge, owner);
        Http.Response paid = owner.confirm(key);
        assertEquals(200, paid.status(), paid::toString);
        MoneyInvariants.check(http, owner);
    }

    @Test
    void doubleSubmit() {
        Purchase p = paying("A-1-1");
        String key = window(p);
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> p.confirm(key));
        CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> p.confirm(key));
        Http.Response a = first.join();
        Http.Response b = second.join();
        settled(p);
        assertTrue(a.status() == 200 || a.status() == 202, a::toString);
        assertTrue(b.status() == 200 || b.status() == 202, b::toString);
        assertEquals("CONFIRMED", p.bookingStatus());
        row("the same confirm sent twice at once", "both 200/202 for one booking; one payment", a, b, p);
    }

    @Test
    void confirmAfterTheHoldExpired() {
        Purchase p = paying("A-1-1", 1);
        String key = window(p);
        assertEquals("SUCCEEDED", timerEnded(p, Duration.ofSeconds(150)));
        assertEquals("EXPIRED", p.holdStatus());
        Http.Response answer = p.confirm(key);
        assertEquals(410, answer.status(), answer::toString);
        row("confirm after the hold expired", "410 HOLD_EXPIRED; Toss never asked", answer, p);
    }

    @Test
    void releaseRacingConfirm() {
        for (int round = 0; round < 3; round++) {
            Purchase p = paying("A-1-1");
            String key = window(p);
            CompletableFuture<Http.Response> release = CompletableFuture.supplyAsync(() -> http.send("DELETE",
                    "/holds/" + p.holdId(), null, "Authorization", p.buyer().bearer()));
            CompletableFuture<Http.Response> confirm = CompletableFuture.supplyAsync(() -> p.confirm(key));
            Http.Response released = release.join();
            Http.Response confirmed = confirm.join();
            settled(p);
            boolean releasedFirst = released.status() == 204;
            if (releasedFirst) {
                assertEquals(410, confirmed.status(), confirmed::toString);
                assertEquals("RELEASED", p.holdStatus());
            } else {
                assertEquals(409, released.status(), released::toString);
                assertTrue(confirmed.status() == 200 || confirmed.status() == 202, confirmed::toString);
                assertEquals("CONFIRMED", p.holdStatus());
            }
            row("DELETE /holds races the confirm (round " + (round + 1) + ")",
                    "either 204 + 410 (released, nothing charged) or 409 + 200/202 (booked)", released, confirmed, p);
        }
    }

    @Test
    void onePaymentKeyForTwoHoldsOfOneUser() {
        Purchase first = paying("A-1-1");
        String key = window(first);
        assertEquals(200, first.confirm(key).status());
        String otherSchedule = Bookings.onSaleSchedule(http, admin);
        Purchase second = new Purchase(http, otherSchedule, "A-1-1", first.buyer(),
                Bookings.held(http, first.buyer(), otherSchedule, "A-1-1"));
        Bookings.checkout(http, second.buyer(), second.holdId());
        Http.Response answer = second.confirm(key);
        assertEquals(409, answer.status(), answer::toString);
        assertEquals("PAYMENT_KEY_USED", answer.json().path("code").asText());
        assertEquals("CONFIRMED", first.bookingStatus());
        MoneyInvariants.check(http, first);
        row("one user sends the key of their booked hold for another hold", "409 PAYMENT_KEY_USED before Toss; "
                + "the first booking and its payment untouched", answer, second);
        assertEquals(200, second.confirm(window(second)).status(), "the second hold can still be paid");
        MoneyInvariants.check(http, second);
    }

    @Test
    void onePaymentKeyForHoldsOfTwoUsers() {
        Purchase victim = paying("A-1-1");
        String key = window(victim);
        assertEquals(200, victim.confirm(key).status());
        Purchase attacker = paying("A-1-1");
        Http.Response answer = attacker.confirm(key);
        assertEquals(409, answer.status(), answer::toString);
        assertEquals("PAYMENT_KEY_USED", answer.json().path("code").asText());
        assertEquals("DONE", MoneyInvariants.tossStatus(victim.orderId()));
        MoneyInvariants.check(http, victim);
        row("another user sends someone's paymentKey (the reported bug)", "409 PAYMENT_KEY_USED; the owner's payment "
                + "stays DONE and booked", answer, attacker);
    }

    @Test
    void keyTossProcessedForAnotherOrderIsRefusedAndNotCancelled() {
        Purchase p = paying("A-1-1");
        // A payment the service never saw: its key is unknown here, and Toss processed it for another order.
        String foreignOrder = "T-foreign-" + Catalogs.token();
        String foreignKey = toss().openWindow(foreignOrder, 1_000, "다른 가게 주문");
        assertEquals(200, send("POST", toss().baseUrl() + "/v1/payments/confirm", "{\"paymentKey\":\"" + foreignKey
                + "\",\"orderId\":\"" + foreignOrder + "\",\"amount\":1000}", "Authorization", "Basic "
                + Base64.getEncoder().encodeToString((LocalService.TOSS_SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8)),
                "Content-Type", "application/json"));
        Http.Response answer = p.confirm(foreignKey);
        settled(p);
        assertEquals(409, answer.status(), answer::toString);
        assertEquals("PAYMENT_KEY_USED", answer.json().path("code").asText());
        assertEquals("DONE", MoneyInvariants.tossStatus(foreignOrder));
        row("a key Toss processed for another order", "Toss's ALREADY_PROCESSED is a refusal: 409 PAYMENT_KEY_USED; "
                + "that payment is not cancelled", answer, p);
    }

    // --- reconciliation ---------------------------------------------------------------------------

    @Test
    void reconciliationDuringASagaChangesNothing() {
        Purchase p = paying("A-1-1");
        toss().delayNext(p.orderId(), Duration.ofSeconds(6));
        CompletableFuture<Http.Response> confirm = CompletableFuture.supplyAsync(() -> p.confirm(window(p)));
        eventually(SAGA, p::holdStatus, "PAYING"::equals);
        JsonNode report = reconcile();
        Http.Response answer = confirm.join();
        settled(p);
        assertEquals("CONFIRMED", p.bookingStatus());
        assertEquals(0, report.path("booked").asInt() + report.path("refunded").asInt() + report.path("released").asInt(),
                report::toString);
        row("reconciliation runs while the saga confirms", "the running saga is skipped; booked by the saga",
                answer, p);
    }

    @Test
    void reconciliationBooksAPaymentTheSagaLeftPaying() {
        Purchase p = paying("A-1-1", 1);
        Http.Response answer = confirmWhileSagaStepsCrash(p, "confirmBooking", "cancelPayment", "release");
        assertEquals("PAYING", p.holdStatus());
        JsonNode report = reconcile();
        assertEquals(1, report.path("booked").asInt(), report::toString);
        assertEquals("CONFIRMED", p.bookingStatus());
        eventually(SAGA, () -> BookingE2EIT.sentEmail(p.buyer().email()), Objects::nonNull);
        row("the saga fails after Toss approved, leaving the hold PAYING; reconciliation runs",
                "reconciliation books it (the seat is still the hold's) and queues its receipt email", answer, p);
    }

    @Test
    void reconciliationRefundsAPaymentWhoseHoldEndedWithoutABooking() {
        Purchase p = paying("A-1-1", 1);
        Http.Response answer = confirmWhileSagaStepsCrash(p, "confirmBooking", "cancelPayment");
        assertEquals("DONE", MoneyInvariants.tossStatus(p.orderId()));
        JsonNode report = reconcile();
        assertEquals(1, report.path("refunded").asInt(), report::toString);
        assertEquals("CANCELED", MoneyInvariants.tossStatus(p.orderId()));
        assertEquals(0, reconcile().path("refunded").asInt(), "a second run refunds nothing");
        row("the refund fails for good (REFUND_PENDING, failed execution); reconciliation runs",
                "reconciliation cancels the payment; a second run changes nothing", answer, p);
    }

    @Test
    void reconciliationReleasesAHoldTossNeverCharged() {
        Purchase p = paying("A-1-1", 1);
        Http.Response answer = confirmWhileSagaStepsCrash(p, "confirmPayment", "cancelPayment", "release");
        assertEquals("PAYING", p.holdStatus());
        JsonNode report = reconcile();
        assertEquals(1, report.path("released").asInt(), report::toString);
        assertEquals("FAILED", p.holdStatus());
        assertEquals("AVAILABLE", p.seatStatus());
        row("the saga fails before Toss was asked, leaving the hold PAYING; reconciliation runs",
                "Toss has no payment for the order: the hold is released", answer, p);
    }

    // --- plumbing ---------------------------------------------------------------------------------

    /** A buyer holding {@code seatId} of a fresh schedule, checked out for a card payment. */
    private static Purchase paying(String seatId) {
        return paying(seatId, 0);
    }

    /** As {@link #paying(String)}, with a hold time of {@code holdMinutes} (0: the policy's). */
    private static Purchase paying(String seatId, int holdMinutes) {
        Purchase p;
        if (holdMinutes > 0) {
            setHoldMinutes(holdMinutes);
            try {
                p = Purchase.start(http, admin, seatId);
            } finally {
                setHoldMinutes(10);
            }
        } else {
            p = Purchase.start(http, admin, seatId);
        }
        Bookings.checkout(http, p.buyer(), p.holdId());
        return p;
    }

    /** The payment window of the hold's order: the key Toss's success redirect carries. */
    private static String window(Purchase p) {
        return toss().openWindow(p.orderId(), p.total(), p.hold().path("orderName").asText());
    }

    /**
     * Confirms the payment of a hold with a 1-minute hold time while each of {@code steps} crashes
     * before it runs, for this hold only, until the hold's timer has ended: stopped by a confirm
     * whose run ended the hold, or failed when its own run of the payment steps (the hold was left
     * PAYING) failed too. Then the faults are cleared. The confirm's answer.
     */
    private static Http.Response confirmWhileSagaStepsCrash(Purchase p, String... steps) {
        for (String step : steps) {
            fault("invoke:" + step, "before", 100, p.holdId());
        }
        Http.Response answer = p.confirm(window(p));
        String timer = timerEnded(p, Duration.ofSeconds(240));
        assertTrue(Set.of("FAILED", "ABORTED").contains(timer), timer);
        clearFaults();
        return answer;
    }

    /** Waits until the hold has ended (booked, failed, expired or released); its status. */
    private static String settled(Purchase p) {
        return eventually(SAGA, p::holdStatus, s -> !s.equals("PENDING") && !s.equals("PAYING"));
    }

    /** Waits until the hold's timer has ended; its final status (ABORTED when a confirm stopped it). */
    private static String timerEnded(Purchase p, Duration within) {
        return eventually(within, () -> Bookings.executionStatus(p.holdId()), s -> !s.equals("RUNNING") && !s.equals("NONE"));
    }

    static void fault(String target, String when, int times, String holdId) {
        StringBuilder body = new StringBuilder("{\"target\":\"" + target + "\",\"when\":\"" + when + "\",\"times\":" + times);
        if (holdId != null) {
            body.append(",\"holdId\":\"").append(holdId).append('"');
        }
        int status = send("POST", LocalService.shared().stack().endpoint() + "/_local/faults", body.append('}').toString());
        assertEquals(204, status);
    }

    /** Runs reconciliation now, through Lambda's Invoke API as the schedule would, without the grace. */
    static JsonNode reconcile() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    LocalService.shared().stack().endpoint() + "/2015-03-31/functions/ReconciliationFunction/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"graceSeconds\": 0}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response::body);
            return Http.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int send(String method, String url, String body, String... headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i < headers.length; i += 2) {
                request.header(headers[i], headers[i + 1]);
            }
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void setHoldMinutes(int minutes) {
        Http.Response set = http.send("PUT", "/admin/policies/booking.holdMinutes", Map.of("value", minutes),
                "Authorization", admin);
        assertEquals(200, set.status(), set::toString);
    }

    /** Checks the money invariants of the case's order and records its row. */
    private static void row(String name, String expected, Http.Response answer, Purchase p) {
        row(name, expected, answer, null, p);
    }

    private static void row(String name, String expected, Http.Response answer, Http.Response second, Purchase p) {
        MoneyInvariants.Observed observed = MoneyInvariants.check(http, p);
        String answers = describe(answer) + (second == null ? "" : " / " + describe(second));
        synchronized (rows) {
            rows.add("| " + name + " | " + expected + " | " + answers + "; " + observed + "; invariants hold |");
        }
    }

    private static String describe(Http.Response response) {
        JsonNode json = response.status() == 204 ? null : response.json();
        String code = json == null ? "" : json.path("code").asText(json.path("status").asText(""));
        return response.status() + (code.isEmpty() ? "" : " " + code);
    }
}
