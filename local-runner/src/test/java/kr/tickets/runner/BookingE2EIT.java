package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static kr.tickets.runner.Bookings.FEE;
import static kr.tickets.runner.Bookings.VIP_PRICE;
import static kr.tickets.runner.Bookings.eventually;
import static kr.tickets.runner.Bookings.seatStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import kr.tickets.booking.BookingKeys;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.TossSandbox;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Holding a seat, paying through the Toss sandbox and getting the booking and its receipt, over
 * real HTTP against the local stack: the handlers, the booking saga run by moto's Step Functions,
 * the receipt queue and SES. Each test uses its own schedule and users.
 */
class BookingE2EIT {
    private static final Duration SAGA = Duration.ofSeconds(30);
    private static final Http http = Http.client();
    private static final String admin = Catalogs.adminBearer(http);

    private static TossSandbox toss() {
        return LocalService.shared().tossSandbox();
    }

    @Test
    void heldSeatIsPendingForOthersThenPaidBookedAndReceipted() throws Exception {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);

        JsonNode hold = Bookings.held(http, buyer, scheduleId, "A-1-1");
        assertEquals("PENDING", hold.get("status").asText());
        assertEquals(VIP_PRICE, hold.at("/amount/seatPrice").asLong());
        assertEquals(FEE, hold.at("/amount/fee").asLong());
        assertEquals(VIP_PRICE + FEE, hold.at("/amount/total").asLong());
        assertEquals("KRW", hold.at("/amount/currency").asText());
        assertTrue(hold.get("expiresAt").asText().endsWith("Z"));
        assertEquals("PENDING", seatStatus(http, scheduleId, "A-1-1"));

        JsonNode checkout = Bookings.checkout(http, buyer, hold.get("holdId").asText());
        assertEquals(hold.get("orderId").asText(), checkout.get("orderId").asText());
        assertTrue(checkout.get("clientKey").asText().startsWith("test_ck_"));
        assertFalse(checkout.get("successUrl").asText().isEmpty());

        // The payer opens Toss's window twice (say, two tabs); each success redirect carries a key
        // bound to this order and total.
        String otherTab = Bookings.paymentKey(hold);
        Map<String, String> success = Bookings.window(checkout, "success");
        assertEquals("NORMAL", success.get("paymentType"));
        assertEquals(hold.get("orderId").asText(), success.get("orderId"));
        assertEquals(Long.toString(VIP_PRICE + FEE), success.get("amount"));
        String paymentKey = success.get("paymentKey");
        Http.Response confirmed = Bookings.confirm(http, buyer, hold, paymentKey, Long.parseLong(success.get("amount")));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("CONFIRMED", confirmed.json().get("status").asText());
        String bookingId = confirmed.json().get("bookingId").asText();
        assertEquals("BOOKED", seatStatus(http, scheduleId, "A-1-1"));
        assertEquals("DONE", toss().payment(paymentKey).path("status").asText());

        // A double submit of the same payment is harmless: the same answer, nothing charged twice.
        Http.Response again = Bookings.confirm(http, buyer, hold, paymentKey, VIP_PRICE + FEE);
        assertEquals(200, again.status(), again::toString);
        assertEquals(bookingId, again.json().get("bookingId").asText());
        assertProblem(Bookings.confirm(http, buyer, hold, otherTab, VIP_PRICE + FEE), 409, "ALREADY_PROCESSED");
        assertNull(toss().payment(otherTab));

        JsonNode booking = http.get("/bookings/" + bookingId, "Authorization", buyer.bearer()).json();
        assertEquals("CONFIRMED", booking.get("status").asText());
        assertTrue(booking.get("bookingNumber").asText().startsWith("TK"));
        assertEquals("A-1-1", booking.at("/seat/seatId").asText());
        assertEquals("VIP", booking.at("/seat/gradeName").asText());
        assertEquals("카드", booking.at("/payment/methodLabel").asText());
        assertTrue(booking.at("/payment/receiptUrl").asText().contains(paymentKey));

        JsonNode receipt = http.get("/bookings/" + bookingId + "/receipt", "Authorization", buyer.bearer()).json();
        assertEquals(booking.get("bookingNumber").asText(), receipt.get("bookingNumber").asText());
        Http.Response html = http.get("/bookings/" + bookingId + "/receipt", "Authorization", buyer.bearer(),
                "Accept", "text/html");
        assertTrue(html.header("Content-Type").startsWith("text/html"), html::toString);
        assertTrue(html.body().contains(booking.get("bookingNumber").asText()));

        JsonNode email = eventually(SAGA, () -> sentEmail(buyer.email()), m -> m != null);
        assertTrue(email.path("subject").asText().contains("예매"), email::toString);
        assertTrue(email.path("body").asText().contains(booking.get("bookingNumber").asText()));

        // Someone else's booking is not found, not forbidden.
        Accounts.Account other = Accounts.create(http);
        assertProblem(http.get("/bookings/" + bookingId, "Authorization", other.bearer()), 404, "NOT_FOUND");
        assertProblem(Bookings.hold(http, other, scheduleId, "A-1-1"), 409, "SEAT_UNAVAILABLE");
    }

    @Test
    void wrongAmountIsRefusedAndChargesNothing() {
        Purchase purchase = Purchase.start(http, admin, "A-1-2");
        String paymentKey = purchase.paymentKey();
        assertProblem(purchase.confirm(paymentKey, 1_000), 400, "AMOUNT_MISMATCH");
        assertNull(toss().payment(paymentKey));
        assertEquals("PENDING", purchase.holdStatus());
        assertEquals("PENDING", purchase.seatStatus());
    }

    @Test
    void rejectedCardReleasesTheSeat() {
        Purchase purchase = Purchase.start(http, admin, "A-1-3");
        toss().failNext(purchase.orderId(), "REJECT_CARD_PAYMENT", 1);
        Http.Response rejected = purchase.confirm(purchase.paymentKey());
        assertProblem(rejected, 402, "PAYMENT_REJECTED");
        assertEquals("REJECT_CARD_PAYMENT", rejected.json().get("providerCode").asText());
        assertEquals("FAILED", purchase.holdStatus());
        assertEquals("AVAILABLE", purchase.seatStatus());
        Bookings.held(http, Accounts.create(http), purchase.scheduleId(), "A-1-3");
    }

    @Test
    void providerErrorsAreRetriedUntilTossApproves() {
        Purchase purchase = Purchase.start(http, admin, "A-1-4");
        toss().failNext(purchase.orderId(), "PROVIDER_ERROR", 2);
        String paymentKey = purchase.paymentKey();
        Http.Response confirmed = purchase.confirm(paymentKey);
        assertTrue(confirmed.status() == 200 || confirmed.status() == 202, confirmed::toString);
        eventually(SAGA, purchase::bookingStatus, "CONFIRMED"::equals);
        assertEquals("DONE", toss().payment(paymentKey).path("status").asText());
        assertEquals("BOOKED", purchase.seatStatus());
    }

    @Test
    void slowTossAnswersProcessingAndStillBooksOnce() {
        Purchase purchase = Purchase.start(http, admin, "A-2-1");
        // Longer than the client's read timeout: the first confirm times out, and the retry finds
        // the payment Toss approved meanwhile.
        toss().delayNext(purchase.orderId(), Duration.ofSeconds(12));
        String paymentKey = purchase.paymentKey();
        Http.Response answer = purchase.confirm(paymentKey);
        assertEquals(202, answer.status(), answer::toString);
        assertEquals("PROCESSING", answer.json().get("status").asText());
        assertEquals(purchase.holdId(), answer.json().get("bookingId").asText());
        assertEquals("PROCESSING", purchase.bookingStatus());
        eventually(Duration.ofSeconds(60), purchase::bookingStatus, "CONFIRMED"::equals);
        JsonNode payment = toss().payment(paymentKey);
        assertEquals("DONE", payment.path("status").asText());
        assertEquals(110_000 + FEE, payment.path("totalAmount").asLong());
    }

    @Test
    void approvedPaymentIsCancelledWhenTheBookingCannotBeWritten() {
        Purchase purchase = Purchase.start(http, admin, "A-2-2");
        // A booking item already under this id makes the booking transaction fail after Toss approved.
        try (DynamoDbClient dynamo = AwsLocal.dynamo(LocalService.shared().stack().endpoint())) {
            dynamo.putItem(r -> r.tableName("BookingTable").item(BookingKeys.booking(purchase.holdId())));
        }
        String paymentKey = purchase.paymentKey();
        assertProblem(purchase.confirm(paymentKey), 409, "BOOKING_FAILED");
        assertEquals("CANCELED", toss().payment(paymentKey).path("status").asText());
        assertEquals("FAILED", purchase.holdStatus());
        assertEquals("AVAILABLE", purchase.seatStatus());
    }

    @Test
    void failRedirectKeepsTheSeatForAnotherTry() {
        Purchase purchase = Purchase.start(http, admin, "A-2-3");
        JsonNode checkout = Bookings.checkout(http, purchase.buyer(), purchase.holdId());
        Map<String, String> cancelled = Bookings.window(checkout, "cancel");
        assertEquals(purchase.orderId(), cancelled.get("orderId"));
        assertFalse(cancelled.containsKey("paymentKey"));
        Http.Response failed = http.post("/payments/fail", Map.of("holdId", purchase.holdId(),
                "code", cancelled.get("code"), "message", cancelled.get("message")),
                "Authorization", purchase.buyer().bearer());
        assertEquals(200, failed.status(), failed::toString);
        assertEquals("PENDING", failed.json().get("status").asText());
        assertEquals("PAY_PROCESS_CANCELED", failed.json().at("/lastPaymentFailure/code").asText());
        assertEquals("PENDING", purchase.seatStatus());
        Http.Response confirmed = purchase.confirm(purchase.paymentKey());
        assertEquals(200, confirmed.status(), confirmed::toString);
    }

    @Test
    void releasedSeatIsFreeAtOnceAndItsTimerStops() {
        Purchase purchase = Purchase.start(http, admin, "A-2-4");
        String etag = http.get("/schedules/" + purchase.scheduleId() + "/seats").header("ETag");
        eventually(SAGA, () -> Bookings.executionStatus(purchase.holdId()), "RUNNING"::equals);
        String bearer = purchase.buyer().bearer();
        assertEquals(204, http.send("DELETE", "/holds/" + purchase.holdId(), null, "Authorization", bearer).status());
        assertEquals("RELEASED", purchase.holdStatus());
        assertEquals("AVAILABLE", purchase.seatStatus());
        assertEquals(200, http.get("/schedules/" + purchase.scheduleId() + "/seats", "If-None-Match", etag).status());
        // The release stops the hold's timer: nothing is left for it to do.
        eventually(SAGA, () -> Bookings.executionStatus(purchase.holdId()), "ABORTED"::equals);
        assertEquals(204, http.send("DELETE", "/holds/" + purchase.holdId(), null, "Authorization", bearer).status());
        Bookings.held(http, Accounts.create(http), purchase.scheduleId(), "A-2-4");
        assertProblem(purchase.confirm(purchase.paymentKey()), 410, "HOLD_EXPIRED");
    }

    @Test
    void holdsAreRefusedWithClearCodes() {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);
        assertProblem(http.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", "A-1-1")), 401,
                "UNAUTHENTICATED");
        assertProblem(Bookings.hold(http, buyer, scheduleId, "Z-9-9"), 400, "VALIDATION_FAILED");
        assertProblem(http.post("/schedules/" + scheduleId + "/holds", Map.of(), "Authorization", buyer.bearer()),
                400, "VALIDATION_FAILED");
        assertProblem(Bookings.hold(http, buyer, "no-such-schedule", "A-1-1"), 404, "NOT_FOUND");

        JsonNode first = Bookings.held(http, buyer, scheduleId, "B-1-1");
        assertProblem(Bookings.hold(http, buyer, scheduleId, "B-1-2"), 409, "HOLD_LIMIT_REACHED");
        Accounts.Account other = Accounts.create(http);
        assertProblem(Bookings.hold(http, other, scheduleId, "B-1-1"), 409, "SEAT_UNAVAILABLE");
        assertProblem(http.get("/holds/" + first.get("holdId").asText(), "Authorization", other.bearer()), 404,
                "NOT_FOUND");

        // Ticketing not open yet.
        String venueId = Catalogs.createVenue(http, admin);
        String later = Catalogs.createPerformance(http, admin, venueId, "예매 전 " + Catalogs.token(),
                "2031-05-23T11:00:00Z");
        String laterSchedule = http.get("/performances/" + later).json().get("schedules").get(0).get("scheduleId").asText();
        assertProblem(Bookings.hold(http, other, laterSchedule, "A-1-1"), 409, "TICKETING_CLOSED");
    }

    /** The policy switches and the checkout's own refusals, as the web client sees them. */
    @Test
    void checkoutAndHoldsFollowThePolicySwitches() {
        Purchase purchase = Purchase.start(http, admin, "B-1-2");
        String checkout = "/holds/" + purchase.holdId() + "/checkout";
        String bearer = purchase.buyer().bearer();
        assertProblem(http.post(checkout, Map.of("method", "CARD", "discountCode", "NO-SUCH-CODE"),
                "Authorization", bearer), 400, "INVALID_DISCOUNT_CODE");
        assertProblem(http.post(checkout, Map.of("method", "BANK"), "Authorization", bearer), 400, "VALIDATION_FAILED");
        setPolicy("payment.discountCodes", Map.of("WELCOME",
                Map.of("amountKrw", 5000, "expiresAt", "2099-01-01T00:00:00Z", "maxUses", 1000)));
        try {
            Http.Response discounted = http.post(checkout, Map.of("method", "EASY_PAY", "discountCode", "welcome"),
                    "Authorization", bearer);
            assertEquals(200, discounted.status(), discounted::toString);
            assertEquals(5000, discounted.json().at("/amount/discount").asLong());
            assertEquals(purchase.total() - 5000, discounted.json().at("/amount/total").asLong());
        } finally {
            setPolicy("payment.discountCodes", Map.of());
        }
        setPolicy("feature.paymentProvider", "DISABLED");
        try {
            assertProblem(http.post(checkout, Map.of("method", "CARD"), "Authorization", bearer), 503,
                    "PAYMENTS_DISABLED");
        } finally {
            setPolicy("feature.paymentProvider", "TOSS");
        }
        setPolicy("feature.maintenance", true);
        try {
            assertProblem(Bookings.hold(http, Accounts.create(http), purchase.scheduleId(), "B-1-1"), 503,
                    "MAINTENANCE");
        } finally {
            setPolicy("feature.maintenance", false);
        }
        assertEquals(204, http.send("DELETE", "/holds/" + purchase.holdId(), null, "Authorization", bearer).status());
        assertProblem(http.post(checkout, Map.of("method", "CARD"), "Authorization", bearer), 410, "HOLD_EXPIRED");
        assertProblem(http.get("/bookings/" + purchase.holdId() + "/receipt", "Authorization", bearer), 404,
                "NOT_FOUND");
    }

    private static void setPolicy(String key, Object value) {
        Http.Response set = http.send("PUT", "/admin/policies/" + key, Map.of("value", value), "Authorization", admin);
        assertEquals(200, set.status(), set::toString);
    }

    @Test
    void retriedHoldWithTheSameIdempotencyKeyReturnsTheSameHold() {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);
        String key = java.util.UUID.randomUUID().toString();
        Http.Response first = http.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", "B-1-2"),
                "Authorization", buyer.bearer(), "Idempotency-Key", key);
        Http.Response retry = http.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", "B-1-2"),
                "Authorization", buyer.bearer(), "Idempotency-Key", key);
        assertEquals(201, first.status(), first::toString);
        assertEquals(201, retry.status(), retry::toString);
        assertEquals(first.json().get("holdId"), retry.json().get("holdId"));
        assertProblem(http.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", "B-1-1"),
                "Authorization", buyer.bearer(), "Idempotency-Key", key), 422, "IDEMPOTENCY_KEY_REUSED");
    }

    /** The newest email moto's SES accepted for {@code to}, or null. */
    static JsonNode sentEmail(String to) {
        try {
            HttpResponse<String> data = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(LocalService.shared().stack().endpoint() + "/moto-api/data.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode found = null;
            for (JsonNode message : Http.JSON.readTree(data.body()).path("ses").path("Message")) {
                for (JsonNode address : message.path("destinations").path("ToAddresses")) {
                    if (address.asText().equals(to)) {
                        found = message;
                    }
                }
            }
            return found;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
