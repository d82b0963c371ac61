package kr.tickets.runner.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a confirmed booking costs on AWS and what a ticket open asks of it at its peak, computed
 * from what measured journeys used (counted at the emulator, the runner and the Toss sandbox by
 * {@link CostModelBenchmark}) and a crowd whose behaviour is stated, never from hand-written
 * per-request figures.
 *
 * <p>A booking pays for its own journey (seat map, hold, checkout, confirm, receipt), for the holds
 * that expire unpaid (a rush makes about two holds per booking), for the hold attempts that lose a
 * seat to someone else, and for its share of every viewer's seat-map polls and layout download.
 */
final class CostModel {

    /** The number of requests in one SQS message's life: send, receive (the poller's batch of one), delete. */
    static final int SQS_REQUESTS_PER_MESSAGE = 3;

    /** Toss's confirm answers in about a second; the local sandbox answers at once. */
    static final double TOSS_SECONDS = 1.0;
    /** A warm handler's own work per invocation (routing, JSON, the token's signature), without its calls. */
    static final double HANDLER_SECONDS = 0.010;
    /**
     * What a Lambda waits for each call it makes, in AWS in the same region (typical warm latencies);
     * kinds not named cost nothing to a function (a state machine's Lambda task is the machine's call).
     */
    static final Map<String, Double> CALL_SECONDS = Map.ofEntries(
            Map.entry("dynamodb:GetItem", 0.005), Map.entry("dynamodb:PutItem", 0.008),
            Map.entry("dynamodb:UpdateItem", 0.008), Map.entry("dynamodb:DeleteItem", 0.008),
            Map.entry("dynamodb:Query", 0.010), Map.entry("dynamodb:BatchGetItem", 0.010),
            Map.entry("dynamodb:TransactWriteItems", 0.020), Map.entry("dynamodb:TransactGetItems", 0.010),
            Map.entry("stepfunctions:StartExecution", 0.030), Map.entry("stepfunctions:SendTaskSuccess", 0.020),
            Map.entry("stepfunctions:StopExecution", 0.020), Map.entry("stepfunctions:StartSyncExecution", 0.100),
            Map.entry("sqs:SendMessage", 0.010), Map.entry("sqs:DeleteMessageBatch", 0.010),
            Map.entry("sesv2:SendEmail", 0.080));

    private CostModel() {
    }

    /**
     * Billed Lambda seconds of a run from what it counted: each invocation's own work, every call a
     * function waits for, and Toss twice per call (the step that calls it, and the confirm waiting
     * for the payment's outcome). Local handler time would measure the emulator, not Lambda.
     */
    static double lambdaSeconds(long invocations, Map<String, Long> requestsByKind, long tossCalls) {
        double calls = requestsByKind.entrySet().stream()
                .mapToDouble(e -> e.getValue() * CALL_SECONDS.getOrDefault(e.getKey(), 0.0)).sum();
        return invocations * HANDLER_SECONDS + calls + 2 * tossCalls * TOSS_SECONDS;
    }

    /**
     * AWS list prices in US dollars (us-east-1 on-demand rates read in 2026-12; ap-northeast-2 is a
     * few per cent to ~20 % higher), CloudFront at its South Korea rates (first 10 TB), no free tier.
     */
    record Prices(double apiGatewayPerMillion, double lambdaPerMillion, double lambdaPerGbSecond,
                  double dynamoPerMillionWriteUnits, double dynamoPerMillionReadUnits,
                  double standardPerThousandTransitions, double expressPerMillion, double expressPerGbSecond,
                  double sqsPerMillion, double sesPerThousand, double cloudFrontPerTenThousandHttps,
                  double cloudFrontPerGb) {
        static final Prices LIST = new Prices(3.50, 0.20, 0.0000166667, 0.625, 0.125, 0.025, 1.00, 0.00001667,
                0.40, 0.10, 0.0120, 0.120);
    }

    /**
     * What one journey of a kind used on average: totals of a measured run divided by its journeys.
     *
     * @param apiRequests     requests through API Gateway, by route
     * @param lambdaSeconds   billed seconds over every invocation (its memory is in {@code lambdaGbSeconds})
     * @param expressGbSeconds Express executions' duration × memory (64 MB chunks)
     * @param queueMessages   SQS messages sent (each is sent, received and deleted)
     */
    record Usage(Map<String, Double> apiRequests, double lambdaInvocations, double lambdaSeconds,
                 double lambdaGbSeconds, double readUnits, double writeUnits, double standardTransitions,
                 double expressExecutions, double expressGbSeconds, double queueMessages, double emails) {

        static final Usage NONE = new Usage(Map.of(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        double apiTotal() {
            return apiRequests.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        /** This usage plus {@code times} × {@code other}. */
        Usage plus(Usage other, double times) {
            Map<String, Double> routes = new LinkedHashMap<>(apiRequests);
            other.apiRequests.forEach((route, n) -> routes.merge(route, n * times, Double::sum));
            return new Usage(routes, lambdaInvocations + times * other.lambdaInvocations,
                    lambdaSeconds + times * other.lambdaSeconds, lambdaGbSeconds + times * other.lambdaGbSeconds,
                    readUnits + times * other.readUnits, writeUnits + times * other.writeUnits,
                    standardTransitions + times * other.standardTransitions,
                    expressExecutions + times * other.expressExecutions,
                    expressGbSeconds + times * other.expressGbSeconds, queueMessages + times * other.queueMessages,
                    emails + times * other.emails);
        }
    }

    /**
     * The crowd of a ticket open; each figure is an assumption the output states.
     *
     * @param holdsPerBooking     holds made per booking that is paid (the rest expire unpaid)
     * @param winnerConflicts     lost hold attempts per booking among those who end with a seat
     * @param loserAttempts       hold attempts of each person who ends without a seat
     * @param saleSeconds         how long the seats take to sell out (the peak rates are averages over it)
     * @param viewSeconds         how long each person keeps the seat map open and polling
     * @param pollSeconds         the seat map's polling interval
     * @param pollBytes           bytes of one poll's answer on the wire (compressed, with headers)
     * @param layoutBytes         bytes of one layout download on the wire (compressed, with headers)
     */
    record Crowd(int people, int seats, double holdsPerBooking, double winnerConflicts, double loserAttempts,
                 double saleSeconds, double viewSeconds, double pollSeconds, double pollBytes, double layoutBytes) {

        /**
         * The open issue #11 prices: 100,000 people for a 5,000-seat show; two holds per booking (the
         * issue's figure); 3.3 lost attempts per winner (the rush bench's 400 users on the best 200
         * seats: 667 conflicts for 200 holds) and one for each person left without a seat; sold out
         * in a minute; everyone on the seat map for that minute, polling once a second.
         */
        static Crowd ticketOpen(int seats, double pollBytes, double layoutBytes) {
            return new Crowd(100_000, seats, 2.0, 3.3, 1.0, 60, 60, 1, pollBytes, layoutBytes);
        }

        /** The same crowd with the seat map open {@code seconds} per person and polled every {@code interval} s. */
        Crowd viewing(double seconds, double interval) {
            return new Crowd(people, seats, holdsPerBooking, winnerConflicts, loserAttempts, saleSeconds, seconds,
                    interval, pollBytes, layoutBytes);
        }

        double conflictsPerBooking() {
            return winnerConflicts + loserAttempts * Math.max(0, people - seats) / (double) seats;
        }

        double pollsPerBooking() {
            return people * (viewSeconds / pollSeconds) / seats;
        }

        double layoutsPerBooking() {
            return people / (double) seats;
        }
    }

    /** One line of the cost of a booking. */
    record Line(String service, String what, double dollars) {
    }

    /** The measured journeys: a paid booking, a hold that expires unpaid, a hold attempt that loses the seat. */
    record Journeys(Usage paid, Usage unpaid, Usage conflict) {

        /** What one booking carries: its journey, the unpaid holds and the lost attempts. */
        Usage perBooking(Crowd crowd) {
            return paid.plus(unpaid, crowd.holdsPerBooking() - 1).plus(conflict, crowd.conflictsPerBooking());
        }
    }

    /** The cost of one confirmed booking, line by line (the seat map at the edge last). */
    static List<Line> perBooking(Journeys journeys, Crowd crowd, Prices prices) {
        Usage u = journeys.perBooking(crowd);
        List<Line> lines = new ArrayList<>();
        lines.add(new Line("API Gateway", fmt("%.1f requests", u.apiTotal()), u.apiTotal() * prices.apiGatewayPerMillion() / 1e6));
        lines.add(new Line("Lambda requests", fmt("%.1f invocations", u.lambdaInvocations()),
                u.lambdaInvocations() * prices.lambdaPerMillion() / 1e6));
        lines.add(new Line("Lambda duration", fmt("%.3f GB-s", u.lambdaGbSeconds()), u.lambdaGbSeconds() * prices.lambdaPerGbSecond()));
        lines.add(new Line("DynamoDB writes", fmt("%.1f write units", u.writeUnits()),
                u.writeUnits() * prices.dynamoPerMillionWriteUnits() / 1e6));
        lines.add(new Line("DynamoDB reads", fmt("%.1f read units", u.readUnits()),
                u.readUnits() * prices.dynamoPerMillionReadUnits() / 1e6));
        lines.add(new Line("Step Functions Standard", fmt("%.1f transitions", u.standardTransitions()),
                u.standardTransitions() * prices.standardPerThousandTransitions() / 1e3));
        lines.add(new Line("Step Functions Express", fmt("%.1f executions, %.4f GB-s", u.expressExecutions(), u.expressGbSeconds()),
                u.expressExecutions() * prices.expressPerMillion() / 1e6 + u.expressGbSeconds() * prices.expressPerGbSecond()));
        lines.add(new Line("SQS", fmt("%.1f messages", u.queueMessages()),
                u.queueMessages() * SQS_REQUESTS_PER_MESSAGE * prices.sqsPerMillion() / 1e6));
        lines.add(new Line("SES", fmt("%.1f emails", u.emails()), u.emails() * prices.sesPerThousand() / 1e3));
        lines.add(new Line("CloudFront seat status", fmt("%.0f polls", crowd.pollsPerBooking()),
                crowd.pollsPerBooking() * edge(crowd.pollBytes(), prices)));
        lines.add(new Line("CloudFront seat layout", fmt("%.0f downloads", crowd.layoutsPerBooking()),
                crowd.layoutsPerBooking() * edge(crowd.layoutBytes(), prices)));
        return lines;
    }

    /** The sum of lines whose service starts with none of {@code excluded}. */
    static double total(List<Line> lines, String... excluded) {
        return lines.stream().filter(l -> java.util.Arrays.stream(excluded).noneMatch(l.service()::startsWith))
                .mapToDouble(Line::dollars).sum();
    }

    private static double edge(double bytes, Prices prices) {
        return prices.cloudFrontPerTenThousandHttps() / 1e4 + bytes / 1e9 * prices.cloudFrontPerGb();
    }

    /** The peak of the open: averages over the sale of a crowd where every seat sells. */
    record Peak(Map<String, Double> routesPerSecond, double edgePollsPerSecond, double lambdaConcurrency,
                double transitionsPerSecond, double holdsPerSecond) {
    }

    static Peak peak(Journeys journeys, Crowd crowd) {
        Usage sale = Usage.NONE.plus(journeys.perBooking(crowd), crowd.seats());
        Map<String, Double> routes = new LinkedHashMap<>();
        sale.apiRequests().forEach((route, n) -> routes.put(route, n / crowd.saleSeconds()));
        double holds = crowd.seats() * (crowd.holdsPerBooking() + crowd.conflictsPerBooking()) / crowd.saleSeconds();
        return new Peak(routes, crowd.people() / crowd.pollSeconds(), sale.lambdaSeconds() / crowd.saleSeconds(),
                sale.standardTransitions() / crowd.saleSeconds(), holds);
    }

    /**
     * A partition (or item) the whole crowd shares, with what one hold attempt puts on it; at
     * {@code holdsPerSecond} it takes {@code units × holdsPerSecond} a second.
     */
    record SharedKey(String key, double writeUnitsPerHold, double readUnitsPerHold) {
        double writeUnitsPerSecond(double holdsPerSecond) {
            return writeUnitsPerHold * holdsPerSecond;
        }

        double readUnitsPerSecond(double holdsPerSecond) {
            return readUnitsPerHold * holdsPerSecond;
        }
    }

    static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A Markdown table of the lines with their total, and the total without the seat map at the edge. */
    static String render(List<Line> lines) {
        StringBuilder out = new StringBuilder("| service | per confirmed booking | $ per booking |\n|---|---:|---:|\n");
        for (Line line : lines) {
            out.append(fmt("| %s | %s | %.7f |%n", line.service(), line.what(), line.dollars()));
        }
        out.append(fmt("| **booking path** (all but CloudFront) | | **%.7f** |%n", total(lines, "CloudFront")));
        out.append(fmt("| **total** | | **%.7f** |%n", total(lines)));
        return out.toString();
    }
}
