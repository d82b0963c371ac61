package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kr.tickets.localstack.AwsLocal;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;

/**
 * What the booking tests share: a performance on sale now (ticketing opened yesterday, shows in
 * a month and more), and the steps of buying a seat over HTTP.
 */
final class Bookings {
    static final long VIP_PRICE = 150_000;
    static final long FEE = 2_000;

    private Bookings() {
    }

    /** A performance on sale now, on a venue of {@code sections}, with one schedule per start offset (days). */
    static JsonNode onSale(Http http, String admin, Map<String, Object> venue, List<Map<String, Object>> grades,
                           int schedules) {
        String venueId = Catalogs.createVenue(http, admin, venue);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        String[] starts = new String[schedules];
        for (int i = 0; i < schedules; i++) {
            starts[i] = now.plus(Duration.ofDays(30 + i)).toString();
        }
        Map<String, Object> body = Catalogs.performanceBody(venueId, "예매 테스트 " + Catalogs.token(), "CONCERT",
                grades, starts);
        body.put("ticketingStartAt", now.minus(Duration.ofDays(1)).toString());
        body.put("ticketingEndAt", now.plus(Duration.ofDays(29)).toString());
        return Catalogs.createPerformance(http, admin, body);
    }

    /** The standard 10-seat venue with VIP/R/S grades, on sale now, with one schedule. */
    static String onSaleSchedule(Http http, String admin) {
        JsonNode performance = onSale(http, admin, Catalogs.venueBody("예매홀 " + Catalogs.token()), Catalogs.grades(), 1);
        return performance.get("schedules").get(0).get("scheduleId").asText();
    }

    static List<String> scheduleIds(JsonNode performance) {
        List<String> out = new ArrayList<>();
        performance.get("schedules").forEach(s -> out.add(s.get("scheduleId").asText()));
        return out;
    }

    static Http.Response hold(Http http, Accounts.Account user, String scheduleId, String seatId) {
        return http.post("/schedules/" + scheduleId + "/holds", Map.of("seatId", seatId), "Authorization", user.bearer());
    }

    static JsonNode held(Http http, Accounts.Account user, String scheduleId, String seatId) {
        Http.Response held = hold(http, user, scheduleId, seatId);
        assertEquals(201, held.status(), held::toString);
        return held.json();
    }

    static JsonNode checkout(Http http, Accounts.Account user, String holdId) {
        Http.Response checkout = http.post("/holds/" + holdId + "/checkout", Map.of("method", "CARD"),
                "Authorization", user.bearer());
        assertEquals(200, checkout.status(), checkout::toString);
        return checkout.json();
    }

    /**
     * The paymentKey of a payment window the buyer opened and authenticated in the Toss sandbox
     * for the hold's order, name and total: as on Toss, a key confirms only that order and amount.
     */
    static String paymentKey(JsonNode hold) {
        return paymentKey(hold, hold.at("/amount/total").asLong());
    }

    /** As {@link #paymentKey(JsonNode)}, for {@code amount} (a checkout's total after a discount). */
    static String paymentKey(JsonNode hold, long amount) {
        return LocalService.shared().tossSandbox().openWindow(hold.get("orderId").asText(), amount,
                hold.get("orderName").asText());
    }

    /**
     * Plays the sandbox's payment window over HTTP for what {@code POST /holds/{id}/checkout}
     * answered, as the web client's redirect would ({@code outcome}: success, cancel or reject),
     * and returns the query parameters of the success or fail URL it redirects to.
     */
    static Map<String, String> window(JsonNode checkout, String outcome) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("orderId", checkout.get("orderId").asText());
        query.put("amount", checkout.at("/amount/total").asText());
        query.put("orderName", checkout.get("orderName").asText());
        query.put("successUrl", checkout.get("successUrl").asText());
        query.put("failUrl", checkout.get("failUrl").asText());
        query.put("outcome", outcome);
        StringBuilder path = new StringBuilder("/sandbox/checkout?");
        query.forEach((k, v) -> path.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        Http.Response redirect = new Http(LocalService.shared().tossSandbox().baseUrl())
                .get(path.substring(0, path.length() - 1));
        assertEquals(302, redirect.status(), redirect::toString);
        String location = redirect.header("Location");
        String expected = checkout.get(outcome.equals("success") ? "successUrl" : "failUrl").asText();
        assertTrue(location.startsWith(expected + "?"), location);
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static Http.Response confirm(Http http, Accounts.Account user, JsonNode hold, String paymentKey, long amount) {
        Map<String, Object> body = new HashMap<>();
        body.put("holdId", hold.get("holdId").asText());
        body.put("paymentKey", paymentKey);
        body.put("orderId", hold.get("orderId").asText());
        body.put("amount", amount);
        return http.post("/payments/confirm", body, "Authorization", user.bearer());
    }

    /** The seat's status in the public seat map. */
    static String seatStatus(Http http, String scheduleId, String seatId) {
        for (JsonNode seat : http.get("/schedules/" + scheduleId + "/seats").json().get("seats")) {
            if (seat.get("seatId").asText().equals(seatId)) {
                return seat.get("status").asText();
            }
        }
        throw new AssertionError("no seat " + seatId);
    }

    /** The status of the hold's booking saga execution (RUNNING, SUCCEEDED, ...), or NONE before it starts. */
    static String executionStatus(String holdId) {
        String machine = LocalService.shared().stack().functionEnvironments().get("HoldsFunction")
                .get("BOOKING_STATE_MACHINE_ARN");
        String execution = machine.replace(":stateMachine:", ":execution:") + ":hold-" + holdId;
        try (SfnClient sfn = AwsLocal.sfn(LocalService.shared().stack().endpoint())) {
            return sfn.describeExecution(r -> r.executionArn(execution)).statusAsString();
        } catch (ExecutionDoesNotExistException notYet) {
            return "NONE";
        }
    }

    /** Polls until {@code done} holds for what {@code read} returns, or fails after {@code within}. */
    static <T> T eventually(Duration within, Supplier<T> read, Predicate<T> done) {
        Instant deadline = Instant.now().plus(within);
        T last = read.get();
        while (!done.test(last)) {
            if (Instant.now().isAfter(deadline)) {
                fail("still " + last + " after " + within);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            last = read.get();
        }
        return last;
    }
}
