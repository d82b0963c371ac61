package kr.tickets.runner;

import static kr.tickets.runner.Bookings.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import kr.tickets.localstack.AwsLocal;
import org.junit.jupiter.api.Test;

/**
 * What on-call sees of real runs over HTTP (requirements §6): the JSON log lines of a purchase, a
 * cancel with its refund and failures (a declined card, a wrong password, a seat someone else
 * holds, replayed submits) name the service, carry API Gateway's request id as correlation id and
 * the user, hold and booking ids as keys, and never a secret: the values actually used in the run
 * are searched for in everything the functions printed. And a purchase shows up in the metrics
 * file the funnel report reads.
 */
class ObservabilityE2EIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final Http http = Http.client();
    /** A card number however it is grouped, not inside a longer id. */
    private static final Pattern CARD_NUMBER = Pattern.compile("(?<![\\w-])\\d{4}[ -]?\\d{4}[ -]?\\d{4}[ -]?\\d{4}(?![\\w-])");

    private record Line(String raw, JsonNode json) {
        String field(String name) {
            return json.path(name).asText(null);
        }
    }

    @Test
    void aPurchaseACancelAndFailuresLogTheirEventsWithIdsAndNoSecret() throws Exception {
        LocalService service = LocalService.shared();
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> output;
        Http.Response held;
        Http.Response conflict;
        Http.Response replayed;
        Http.Response cancelled;
        Http.Response cancelledAgain;
        Accounts.Account buyer;
        Accounts.Account rival;
        Purchase declined;
        try (OutputTap.Capture capture = service.output().capture()) {
            String admin = Catalogs.adminBearer(http);
            String scheduleId = Bookings.onSaleSchedule(http, admin);
            buyer = Accounts.create(http);
            held = Bookings.hold(http, buyer, scheduleId, "A-1-1");
            assertEquals(201, held.status(), held::toString);
            Purchase purchase = new Purchase(http, scheduleId, "A-1-1", buyer, held.json());
            String paymentKey = purchase.paymentKey();
            Http.Response confirmed = purchase.confirm(paymentKey);
            assertEquals(200, confirmed.status(), confirmed::toString);
            replayed = purchase.confirm(paymentKey);
            assertEquals(200, replayed.status(), replayed::toString);

            rival = Accounts.create(http);
            conflict = Bookings.hold(http, rival, scheduleId, "A-1-1");
            conflict.assertProblem(409, "SEAT_UNAVAILABLE");

            cancelled = http.post("/bookings/" + purchase.holdId() + "/cancel", Map.of(), "Authorization",
                    buyer.bearer());
            assertEquals("CANCELLED", cancelled.json().path("status").asText(), cancelled::toString);
            cancelledAgain = http.post("/bookings/" + purchase.holdId() + "/cancel", Map.of(), "Authorization",
                    buyer.bearer());
            assertEquals(200, cancelledAgain.status(), cancelledAgain::toString);

            declined = new Purchase(http, scheduleId, "A-1-2", rival, Bookings.held(http, rival, scheduleId, "A-1-2"));
            service.tossSandbox().failNext(declined.orderId(), "REJECT_CARD_PAYMENT", 1);
            String declinedKey = declined.paymentKey();
            declined.confirm(declinedKey).assertProblem(402, "PAYMENT_REJECTED");

            String wrongPassword = "Wr0ng-pass!word";
            http.post("/auth/login", Accounts.login(buyer.email(), wrongPassword)).assertProblem(401,
                    "INVALID_CREDENTIALS");

            eventually(FLOW, capture::lines, lines -> lines.stream().anyMatch(l -> l.contains("payment failed, declined")));
            output = capture.lines();

            secrets.put("the buyer's password", Accounts.PASSWORD);
            secrets.put("the admin's password", DemoAccounts.ADMIN_PASSWORD);
            secrets.put("a wrong password", wrongPassword);
            secrets.put("the admin's access token", admin.substring("Bearer ".length()));
            secrets.put("an access token", buyer.accessToken());
            secrets.put("a refresh token", buyer.refreshToken());
            secrets.put("another access token", rival.accessToken());
            secrets.put("another refresh token", rival.refreshToken());
            secrets.put("a paymentKey", paymentKey);
            secrets.put("a declined paymentKey", declinedKey);
            secrets.put("the Toss secret key", LocalService.TOSS_SECRET_KEY);
            secrets.put("the Toss secret key as sent", Base64.getEncoder().encodeToString(
                    (LocalService.TOSS_SECRET_KEY + ":").getBytes(StandardCharsets.UTF_8)));
            secrets.put("the JWT signing key", AwsLocal.secrets(service.stack().endpoint())
                    .getSecretValue(r -> r.secretId(service.stack().resources().physicalId("JwtSigningSecret")))
                    .secretString());
        }

        String all = String.join("\n", output);
        secrets.forEach((what, value) -> assertFalse(all.contains(value), what + " appears in the logs"));
        assertFalse(CARD_NUMBER.matcher(all).find(), "something shaped like a card number appears in the logs");

        List<Line> lines = logLines(output);
        List<Line> invocations = lines.stream().filter(l -> l.field("function_name") != null).toList();
        assertFalse(invocations.isEmpty(), "JSON lines of function invocations");
        for (Line line : invocations) {
            assertEquals("ticketing", line.field("service"), line.raw());
        }

        String holdId = held.json().get("holdId").asText();
        Line seatHeld = one(lines, "seat held", l -> holdId.equals(l.field("hold_id")));
        assertEquals("INFO", seatHeld.field("level"));
        assertEquals(held.header("x-amzn-RequestId"), seatHeld.field("correlation_id"), seatHeld.raw());
        assertEquals(buyer.userId(), seatHeld.field("user_id"), seatHeld.raw());

        Line taken = one(lines, "hold conflict", l -> conflict.header("x-amzn-RequestId").equals(l.field("correlation_id")));
        assertEquals("INFO", taken.field("level"));
        assertEquals(rival.userId(), taken.field("user_id"), taken.raw());

        Line duplicate = one(lines, "duplicate payment submit",
                l -> replayed.header("x-amzn-RequestId").equals(l.field("correlation_id")));
        assertEquals("INFO", duplicate.field("level"));
        assertEquals(holdId, duplicate.field("hold_id"), duplicate.raw());

        Line accepted = one(lines, "booking cancel accepted",
                l -> cancelled.header("x-amzn-RequestId").equals(l.field("correlation_id")));
        assertEquals(holdId, accepted.field("booking_id"), accepted.raw());
        Line cancelReplayed = one(lines, "duplicate cancel",
                l -> cancelledAgain.header("x-amzn-RequestId").equals(l.field("correlation_id")));
        assertEquals("INFO", cancelReplayed.field("level"));
        assertEquals(holdId, cancelReplayed.field("booking_id"), cancelReplayed.raw());

        Line refused = one(lines, "payment declined by Toss", l -> declined.holdId().equals(l.field("hold_id")));
        assertEquals("WARN", refused.field("level"));
        Line failed = one(lines, "payment failed, declined", l -> declined.holdId().equals(l.field("hold_id")));
        assertEquals("WARN", failed.field("level"));
        assertNotNull(failed.field("function_name"), failed.raw());
    }

    @Test
    void aPurchaseShowsUpInTheMetricsFileOfTheRun() throws IOException {
        LocalService service = LocalService.shared();
        String admin = Catalogs.adminBearer(http);
        FunnelReport before = FunnelReport.read(service.output().metricsFile());

        Purchase purchase = Purchase.start(http, admin, "A-1-3");
        Http.Response confirmed = purchase.confirm(purchase.paymentKey());
        assertEquals(200, confirmed.status(), confirmed::toString);

        FunnelReport after = eventually(FLOW, () -> {
            try {
                return FunnelReport.read(service.output().metricsFile());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, r -> r.total("BookingConfirmed") > before.total("BookingConfirmed"));
        for (String metric : List.of("HoldSucceeded", "PaymentApproved", "BookingConfirmed")) {
            assertTrue(after.total(metric) >= before.total(metric) + 1, metric + ": " + after.summary());
        }
        assertTrue(after.paymentSuccessRatio().isPresent(), after.summary());
    }

    private static List<Line> logLines(List<String> output) {
        List<Line> lines = new ArrayList<>();
        for (String raw : output) {
            if (!raw.startsWith("{") || raw.contains("\"_aws\"")) {
                continue;
            }
            try {
                JsonNode json = JSON.readTree(raw);
                if (json.has("level") && json.has("message")) {
                    lines.add(new Line(raw, json));
                }
            } catch (IOException notJson) {
                // A line some other code printed; not a log line of ours.
            }
        }
        return lines;
    }

    /** The one log line whose message starts with {@code message} and that {@code which} picks. */
    private static Line one(List<Line> lines, String message, Predicate<Line> which) {
        List<Line> found = lines.stream().filter(l -> l.field("message").startsWith(message)).filter(which).toList();
        assertEquals(1, found.size(), () -> "lines \"" + message + "\": " + found + "\namong "
                + lines.stream().map(Line::raw).filter(r -> r.contains(message)).toList());
        return found.get(0);
    }
}
