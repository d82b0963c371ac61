package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunnelReportTest {
    private static final Instant TEN = Instant.parse("2026-12-01T10:00:12Z");
    private static final Instant TEN_ONE = Instant.parse("2026-12-01T10:01:40Z");

    /** One EMF document as PowertoolsMetrics prints it. */
    private static String emf(Instant at, String metric, String route) {
        String dimensions = route == null ? "[[\"Service\"]]" : "[[\"Service\",\"Route\"]]";
        return "{\"_aws\":{\"Timestamp\":" + at.toEpochMilli() + ",\"CloudWatchMetrics\":[{\"Namespace\":\"Ticketing\","
                + "\"Metrics\":[{\"Name\":\"" + metric + "\",\"Unit\":\"Count\"}],\"Dimensions\":" + dimensions
                + "}]},\"Service\":\"ticketing\"" + (route == null ? "" : ",\"Route\":\"" + route + "\"")
                + ",\"" + metric + "\":1.0}";
    }

    private static void add(List<String> lines, Instant at, String metric, int times) {
        for (int i = 0; i < times; i++) {
            lines.add(emf(at, metric, null));
        }
    }

    private static List<String> run() {
        List<String> lines = new ArrayList<>();
        add(lines, TEN, "HoldSucceeded", 3);
        add(lines, TEN, "HoldConflicted", 1);
        add(lines, TEN, "PaymentApproved", 2);
        add(lines, TEN, "PaymentDeclined", 1);
        add(lines, TEN, "PaymentErrored", 1);
        add(lines, TEN, "BookingConfirmed", 2);
        lines.add("{\"level\":\"INFO\",\"message\":\"seat held\",\"service\":\"ticketing\"}");
        lines.add("");
        add(lines, TEN_ONE, "HoldConflicted", 1);
        add(lines, TEN_ONE, "BookingCancelled", 1);
        add(lines, TEN_ONE, "RefundPending", 1);
        add(lines, TEN_ONE, "RefundDone", 1);
        lines.add(emf(TEN_ONE, "RateLimited", "Hold"));
        lines.add(emf(TEN_ONE, "RateLimited", "Hold"));
        lines.add(emf(TEN_ONE, "RateLimited", "Confirm"));
        return lines;
    }

    @Test
    void theFunnelAndBothRatiosAreComputedFromTheMetrics() {
        FunnelReport report = FunnelReport.of(run());

        assertEquals(3, report.total("HoldSucceeded"));
        assertEquals(2, report.total("HoldConflicted"));
        assertEquals(2, report.total("BookingConfirmed"));
        assertEquals(0, report.total("RefundFailed"));
        assertEquals(0.4, report.conflictRatio().getAsDouble(), 1e-9, "2 / (3 + 2)");
        assertEquals(0.5, report.paymentSuccessRatio().getAsDouble(), 1e-9, "2 / (2 + 1 + 1)");
        assertEquals(Map.of("Hold", 2.0, "Confirm", 1.0), report.rateLimitedByRoute());
        assertEquals(List.of(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:01:00Z")),
                List.copyOf(report.perMinute().keySet()));
        assertEquals(3.0, report.perMinute().get(Instant.parse("2026-12-01T10:00:00Z")).get("HoldSucceeded"));
        assertEquals(3.0, report.perMinute().get(Instant.parse("2026-12-01T10:01:00Z")).get("RateLimited"));
        assertEquals("funnel: held 3 -> approved 2 -> booked 2 -> cancelled 1 / refunded 1 | conflict ratio 40.0%"
                + " | payment success 50.0% | 429s 3", report.summary());
    }

    @Test
    void withoutHoldsOrPaymentsTheRatiosAreNotApplicable() {
        FunnelReport report = FunnelReport.of(List.of(emf(TEN, "RefundDone", null)));

        assertTrue(report.conflictRatio().isEmpty());
        assertTrue(report.paymentSuccessRatio().isEmpty());
        assertTrue(report.summary().contains("conflict ratio n/a | payment success n/a"), report.summary());
    }

    @Test
    void thePageShowsTheNumbersWithInlineChartsAndFetchesNothing(@TempDir Path dir) throws IOException {
        Path emf = dir.resolve("emf-test.jsonl");
        Files.write(emf, run());

        FunnelReport report = FunnelReport.read(emf);
        Path html = report.write(FunnelReport.htmlFor(emf), emf.toString());

        assertEquals(dir.resolve("emf-test.html"), html);
        String page = Files.readString(html);
        assertTrue(page.contains(">40.0%<"), "conflict ratio");
        assertTrue(page.contains(">50.0%<"), "payment success ratio");
        assertTrue(page.contains("= 2 / 5"), "the conflict ratio's parts");
        assertTrue(page.contains("= 2 / 4"), "the payment ratio's parts");
        for (String row : List.of("Seats held</text>", "Payments approved</text>", "Bookings confirmed</text>",
                "Bookings cancelled</text>", "Refunds done</text>", ">Hold</text>", ">Confirm</text>")) {
            assertTrue(page.contains(row), row);
        }
        assertTrue(page.contains("<title>HoldSucceeded 2026-12-01T10:00:00Z: 3</title>"), "per-minute bar");
        assertTrue(page.contains("<svg"), "inline charts");
        assertFalse(page.contains("<script"), "no script");
        assertFalse(page.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched");
    }

    @Test
    void theNewestEmfFileOfADirectoryIsReported(@TempDir Path dir) throws IOException {
        Path older = Files.writeString(dir.resolve("emf-1.jsonl"), "");
        Path newer = Files.writeString(dir.resolve("emf-2.jsonl"), "");
        Files.writeString(dir.resolve("emf-2.html"), "");
        assertTrue(older.toFile().setLastModified(1_000_000L));
        assertTrue(newer.toFile().setLastModified(2_000_000L));

        assertEquals(newer, FunnelReport.newest(dir).orElseThrow());
    }
}
