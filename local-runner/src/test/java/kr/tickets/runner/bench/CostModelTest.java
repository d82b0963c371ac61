package kr.tickets.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import kr.tickets.runner.bench.CostModel.Crowd;
import kr.tickets.runner.bench.CostModel.Journeys;
import kr.tickets.runner.bench.CostModel.Line;
import kr.tickets.runner.bench.CostModel.Peak;
import kr.tickets.runner.bench.CostModel.Prices;
import kr.tickets.runner.bench.CostModel.Usage;
import org.junit.jupiter.api.Test;

class CostModelTest {
    private static final Usage PAID = new Usage(Map.of("POST /holds", 1.0, "POST /payments/confirm", 1.0), 5, 2.0, 2.0,
            10, 20, 2, 1, 0.1, 1, 1);
    private static final Usage UNPAID = new Usage(Map.of("POST /holds", 1.0), 2, 0.5, 0.5, 4, 8, 3, 0, 0, 0, 0);
    private static final Usage LOST = new Usage(Map.of("POST /holds", 1.0), 1, 0.1, 0.1, 2, 2, 0, 0, 0, 0, 0);
    private static final Journeys JOURNEYS = new Journeys(PAID, UNPAID, LOST);
    /** 1,000 people for 100 seats: 900 losers with 1 attempt each = 9 per booking, plus 1 among winners. */
    private static final Crowd CROWD = new Crowd(1_000, 100, 2.0, 1.0, 1.0, 10, 20, 2, 2_000, 50_000);

    @Test
    void aBookingCarriesItsUnpaidHoldsAndTheLostAttempts() {
        assertEquals(10.0, CROWD.conflictsPerBooking(), 1e-9);
        Usage booking = JOURNEYS.perBooking(CROWD);
        // paid + 1 unpaid + 10 lost
        assertEquals(2.0 + 1 + 10, booking.apiTotal(), 1e-9);
        assertEquals(12.0, booking.apiRequests().get("POST /holds"), 1e-9);
        assertEquals(5 + 2 + 10, booking.lambdaInvocations(), 1e-9);
        assertEquals(20 + 8 + 20, booking.writeUnits(), 1e-9);
        assertEquals(10 + 4 + 20, booking.readUnits(), 1e-9);
        assertEquals(2 + 3, booking.standardTransitions(), 1e-9);
    }

    @Test
    void eachLineIsPricedAtItsListPrice() {
        List<Line> lines = CostModel.perBooking(JOURNEYS, CROWD, Prices.LIST);
        assertEquals(13 * 3.50 / 1e6, dollars(lines, "API Gateway"), 1e-12);
        assertEquals(17 * 0.20 / 1e6, dollars(lines, "Lambda requests"), 1e-12);
        assertEquals((2.0 + 0.5 + 1.0) * 0.0000166667, dollars(lines, "Lambda duration"), 1e-12);
        assertEquals(48 * 0.625 / 1e6, dollars(lines, "DynamoDB writes"), 1e-12);
        assertEquals(34 * 0.125 / 1e6, dollars(lines, "DynamoDB reads"), 1e-12);
        assertEquals(5 * 0.025 / 1e3, dollars(lines, "Step Functions Standard"), 1e-12);
        assertEquals(1 * 1.00 / 1e6 + 0.1 * 0.00001667, dollars(lines, "Step Functions Express"), 1e-12);
        assertEquals(3 * 0.40 / 1e6, dollars(lines, "SQS"), 1e-12);
        assertEquals(0.10 / 1e3, dollars(lines, "SES"), 1e-12);
        // 1,000 people × 20 s / 2 s = 10,000 polls for 100 bookings
        assertEquals(100 * (0.0120 / 1e4 + 2_000 / 1e9 * 0.120), dollars(lines, "CloudFront seat status"), 1e-12);
        assertEquals(10 * (0.0120 / 1e4 + 50_000 / 1e9 * 0.120), dollars(lines, "CloudFront seat layout"), 1e-12);
        double all = lines.stream().mapToDouble(Line::dollars).sum();
        assertEquals(all, CostModel.total(lines), 1e-15);
        assertEquals(all - dollars(lines, "CloudFront seat status") - dollars(lines, "CloudFront seat layout"),
                CostModel.total(lines, "CloudFront"), 1e-15);
    }

    @Test
    void thePeakSpreadsTheSaleOverItsSeconds() {
        Peak peak = CostModel.peak(JOURNEYS, CROWD);
        // 100 bookings × 12 hold requests over 10 s
        assertEquals(120.0, peak.routesPerSecond().get("POST /holds"), 1e-9);
        assertEquals(10.0, peak.routesPerSecond().get("POST /payments/confirm"), 1e-9);
        assertEquals(120.0, peak.holdsPerSecond(), 1e-9);
        assertEquals(500.0, peak.edgePollsPerSecond(), 1e-9);
        // 100 × (2.0 + 0.5 + 10 × 0.1) s of handler time over 10 s
        assertEquals(35.0, peak.lambdaConcurrency(), 1e-9);
        assertEquals(50.0, peak.transitionsPerSecond(), 1e-9);
    }

    private static double dollars(List<Line> lines, String service) {
        return lines.stream().filter(l -> l.service().equals(service)).findFirst().orElseThrow().dollars();
    }

    @Test
    void lambdaTimeIsTheHandlersWorkTheirCallsAndTossTwice() {
        double seconds = CostModel.lambdaSeconds(4, Map.of("dynamodb:GetItem", 10L, "dynamodb:TransactWriteItems", 2L,
                "lambda:Invoke", 3L), 1);
        assertEquals(4 * 0.010 + 10 * 0.005 + 2 * 0.020 + 0 + 2 * 1.0, seconds, 1e-12);
    }

    @Test
    void viewingChangesOnlyTheSeatMapsShare() {
        Crowd lighter = CROWD.viewing(10, 5);
        List<Line> before = CostModel.perBooking(JOURNEYS, CROWD, Prices.LIST);
        List<Line> after = CostModel.perBooking(JOURNEYS, lighter, Prices.LIST);
        // 1,000 people × 10 s / 5 s = 2,000 polls for 100 bookings
        assertEquals(20 * (0.0120 / 1e4 + 2_000 / 1e9 * 0.120), dollars(after, "CloudFront seat status"), 1e-12);
        assertEquals(CostModel.total(before, "CloudFront"), CostModel.total(after, "CloudFront"), 1e-15);
    }

    @Test
    void theTicketOpenCountsEveryLosersAttempt() {
        Crowd open = Crowd.ticketOpen(5_000, 600, 45_000);
        // 3.3 among the winners + 95,000 losers × 1 attempt / 5,000 bookings
        assertEquals(22.3, open.conflictsPerBooking(), 1e-9);
        assertEquals(1_200, open.pollsPerBooking(), 1e-9);
        assertEquals(20, open.layoutsPerBooking(), 1e-9);
    }
}
