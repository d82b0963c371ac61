package kr.tickets.runner.bench;

import static kr.tickets.runner.bench.BenchClient.expect;
import static kr.tickets.runner.bench.CostModel.fmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.EmulatorCounts;
import kr.tickets.localstack.EmulatorCounts.KeyCount;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.FunctionHost;
import kr.tickets.runner.LocalService;
import kr.tickets.runner.SqsPoller;
import kr.tickets.runner.bench.CostModel.Crowd;
import kr.tickets.runner.bench.CostModel.Journeys;
import kr.tickets.runner.bench.CostModel.Line;
import kr.tickets.runner.bench.CostModel.Peak;
import kr.tickets.runner.bench.CostModel.Prices;
import kr.tickets.runner.bench.CostModel.SharedKey;
import kr.tickets.runner.bench.CostModel.Usage;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.StateMachineListItem;
import software.amazon.awssdk.services.sfn.model.StateMachineType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The capacity and cost model of issue #11, from counted calls: on the local stack it runs three
 * journeys a number of times each — a paid booking (hold, checkout, Toss's window, confirm, the
 * booking page, the receipt email), a hold that expires unpaid (hold, checkout, the timer), and a
 * hold attempt that loses the seat (409) — and counts what each used: API requests by route, Lambda
 * invocations and time in the handler per function (the runner), DynamoDB read and write units
 * per item key and every emulator request by kind (the launcher), Step Functions transitions and
 * Express executions (the executions' histories), Toss API calls (the sandbox). {@link CostModel}
 * turns the averages, with a stated crowd, into cost per confirmed booking and the open's peak.
 *
 * <pre>{@code bench/cost.sh}</pre>
 */
public final class CostModelBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int JOURNEYS = 10;
    /** Express executions are billed in 64 MB steps of their definition and payload; these are small. */
    private static final double EXPRESS_GB = 64 / 1024.0;
    /** Response headers of a poll on the wire, beside its compressed body. */
    private static final int HEADER_BYTES = 350;
    private static final Duration SETTLE = Duration.ofMinutes(4);
    private static final java.util.Set<String> OBSERVER_KINDS = java.util.Set.of("stepfunctions:ListStateMachines",
            "stepfunctions:ListExecutions", "stepfunctions:DescribeStateMachine", "stepfunctions:GetExecutionHistory",
            "sqs:GetQueueUrl", "sqs:GetQueueAttributes", "sqs:ReceiveMessage");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final LocalService service;
    private final BenchClient client;
    private final SfnClient sfn;
    private final SqsClient sqs;
    private final String emulator;

    private CostModelBenchmark(LocalService service, SfnClient sfn, SqsClient sqs) {
        this.service = service;
        this.client = new BenchClient(http, service.baseUrl());
        this.sfn = sfn;
        this.sqs = sqs;
        this.emulator = service.stack().endpoint();
    }

    /** The tables, printed after the run so that the functions' log lines do not interleave with them. */
    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        String report;
        try (LocalService service = LocalService.start(0, 0);
             SfnClient sfn = AwsLocal.sfn(service.stack().endpoint());
             SqsClient sqs = AwsLocal.sqs(service.stack().endpoint())) {
            CostModelBenchmark benchmark = new CostModelBenchmark(service, sfn, sqs);
            benchmark.say(BenchClient.machine("Counted on the local stack (counts do not depend on its speed). "
                    + "Lambda seconds are modelled from the counted calls (CostModel.CALL_SECONDS) plus "
                    + CostModel.TOSS_SECONDS + " s per Toss call for the step and the waiting confirm each; "
                    + "the local handlers' time, which measures the emulator, is shown beside them."));
            benchmark.run();
            report = benchmark.report.toString();
        }
        Path file = Path.of("target", "bench", "cost-model.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, report);
        System.out.println("\n---- cost model (also in " + file + ") ----\n" + report);
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
        System.exit(0);
    }

    private void say(String text) {
        report.append(text).append('\n');
    }

    /** A schedule of the 5,000-seat crowd venue, on sale. */
    private record Schedule(String performanceId, String scheduleId, List<String> seats, long layoutVersion) {
    }

    private void run() throws Exception {
        AdminApi admin = AdminApi.login(service.baseUrl());
        Schedule schedule = schedule(admin);
        List<String> buyers = client.signUp("cost", 2 * JOURNEYS, 4);
        setHoldMinutes(admin, 1);

        Measured paid = measure("paid booking", JOURNEYS, i -> paidBooking(schedule, buyers.get(i), schedule.seats().get(i)));
        Measured unpaid = measure("hold expired unpaid", JOURNEYS,
                i -> unpaidHold(schedule, buyers.get(JOURNEYS + i), schedule.seats().get(JOURNEYS + i)));
        Measured conflict = measure("hold attempt that lost the seat", JOURNEYS,
                i -> lostHold(schedule, buyers.get(JOURNEYS + i), schedule.seats().get(i)));
        setHoldMinutes(admin, 10);

        double pollBytes = wireBytes(expect(client.send("GET", "/schedules/" + schedule.scheduleId() + "/seat-status",
                null, null), 200).body());
        double layoutBytes = wireBytes(expect(client.send("GET", "/performances/" + schedule.performanceId()
                + "/seat-layout?version=" + schedule.layoutVersion(), null, null), 200).body());

        say("\n## What each journey used (averages per journey)\n");
        say(Measured.table(List.of(paid, unpaid, conflict)));
        say("Emulator requests per journey by kind:\n");
        say(Measured.kinds(List.of(paid, unpaid, conflict)));
        say("Write units (reads) per journey by item kind (table, key prefixes; GSI copies under their index):\n");
        say(Measured.itemKinds(List.of(paid, unpaid, conflict)));

        Journeys journeys = new Journeys(paid.usage(), unpaid.usage(), conflict.usage());
        Crowd crowd = Crowd.ticketOpen(schedule.seats().size(), pollBytes, layoutBytes);
        printCrowd(crowd);
        List<Line> lines = CostModel.perBooking(journeys, crowd, Prices.LIST);
        say("\n## Cost per confirmed booking (AWS list prices)\n");
        say(CostModel.render(lines));
        say("Total per booking as the seat map's use varies (seconds open per person × poll interval):\n");
        say("| seat map open, s | poll every 1 s | every 2 s | every 5 s | every 10 s |\n|---:|---:|---:|---:|---:|");
        for (int open : new int[]{15, 30, 60}) {
            StringBuilder row = new StringBuilder(fmt("| %d |", open));
            for (int every : new int[]{1, 2, 5, 10}) {
                row.append(fmt(" $%.7f |", CostModel.total(CostModel.perBooking(journeys, crowd.viewing(open, every),
                        Prices.LIST))));
            }
            say(row.toString());
        }

        Peak peak = CostModel.peak(journeys, crowd);
        say("\n## The open's peak (averages over the sale)\n");
        say("| figure | value |\n|---|---:|");
        peak.routesPerSecond().forEach((route, rate) -> say(fmt("| %s requests/s | %,.0f |", route, rate)));
        say(fmt("| seat-status polls/s at the edge (origin: ≤ 1/s per schedule) | %,.0f |", peak.edgePollsPerSecond()));
        say(fmt("| hold attempts/s | %,.0f |", peak.holdsPerSecond()));
        say(fmt("| Lambda concurrency | %,.0f |", peak.lambdaConcurrency()));
        say(fmt("| Step Functions Standard transitions/s (timers fire a hold time later) | %,.0f |",
                peak.transitionsPerSecond()));
        say("\n## Keys the crowd shares (per hold attempt; at the peak and at 5,000 holds/s)\n");
        say("| table | key | WCU/hold | RCU/hold | WCU/s at peak | RCU/s at peak | WCU/s at 5,000 holds/s | RCU/s at 5,000 holds/s |");
        say("|---|---|---:|---:|---:|---:|---:|---:|");
        for (SharedKey key : sharedKeys(schedule, unpaid, conflict)) {
            say(fmt("| %s | %.2f | %.2f | %,.0f | %,.0f | %,.0f | %,.0f |", key.key(), key.writeUnitsPerHold(),
                    key.readUnitsPerHold(), key.writeUnitsPerSecond(peak.holdsPerSecond()),
                    key.readUnitsPerSecond(peak.holdsPerSecond()), key.writeUnitsPerSecond(5000),
                    key.readUnitsPerSecond(5000)));
        }
    }

    private void printCrowd(Crowd crowd) {
        say("\n## The crowd (assumptions)\n");
        say("| assumption | value |\n|---|---:|");
        say(fmt("| people arriving / seats (every seat sells) | %,d / %,d |", crowd.people(), crowd.seats()));
        say(fmt("| holds per booking (the rest expire unpaid) | %.1f |", crowd.holdsPerBooking()));
        say(fmt("| lost hold attempts per booking among winners (rush bench, 400 users on 200 seats) | %.1f |",
                crowd.winnerConflicts()));
        say(fmt("| hold attempts of each person left without a seat | %.1f |", crowd.loserAttempts()));
        say(fmt("| sale until sold out, s | %.0f |", crowd.saleSeconds()));
        say(fmt("| seat map open per person, s / poll interval, s | %.0f / %.0f |", crowd.viewSeconds(),
                crowd.pollSeconds()));
        say(fmt("| bytes per poll / per layout download on the wire (gzip + headers) | %,.0f / %,.0f |",
                crowd.pollBytes(), crowd.layoutBytes()));
    }

    private Schedule schedule(AdminApi admin) throws IOException {
        String venueId = admin.create("/admin/venues", Map.of("name", "비용 모델 아레나 " + UUID.randomUUID().toString().substring(0, 8),
                "address", "서울 송파구 올림픽로 424", "layout", Map.of("sections", SeatMapBenchmark.sections())))
                .get("venueId").asText();
        JsonNode performance = admin.create("/admin/performances", SeatMapBenchmark.performance(venueId));
        String performanceId = performance.get("performanceId").asText();
        String scheduleId = performance.get("schedules").get(0).get("scheduleId").asText();
        JsonNode status = JSON.readTree(expect(client.send("GET", "/schedules/" + scheduleId + "/seat-status", null, null),
                200).body());
        long version = status.get("layoutVersion").asLong();
        JsonNode layout = JSON.readTree(expect(client.send("GET", "/performances/" + performanceId
                + "/seat-layout?version=" + version, null, null), 200).body());
        List<String> seats = new ArrayList<>();
        layout.get("seats").forEach(s -> seats.add(s.get("seatId").asText()));
        return new Schedule(performanceId, scheduleId, seats, version);
    }

    private void setHoldMinutes(AdminApi admin, int minutes) throws InterruptedException {
        expect(client.send("PUT", "/admin/policies/booking.holdMinutes", admin.bearer(), Map.of("value", minutes)), 200);
        // Functions cache policies for PolicyCacheSeconds (5 s in the template).
        Thread.sleep(6_000);
    }

    /** One run of a journey (the index picks its buyer and seat); answers the API requests it sent, by route. */
    private interface Journey {
        Map<String, Integer> run(int index) throws Exception;
    }

    private Map<String, Integer> paidBooking(Schedule schedule, String bearer, String seat) throws IOException {
        Map<String, Integer> routes = new LinkedHashMap<>();
        JsonNode hold = JSON.readTree(expect(counted(routes, "POST /schedules/{id}/holds", "POST",
                "/schedules/" + schedule.scheduleId() + "/holds", bearer, Map.of("seatId", seat)), 201).body());
        String holdId = hold.get("holdId").asText();
        JsonNode checkout = JSON.readTree(expect(counted(routes, "POST /holds/{id}/checkout", "POST",
                "/holds/" + holdId + "/checkout", bearer, Map.of("method", "CARD")), 200).body());
        long total = checkout.at("/amount/total").asLong(hold.at("/amount/total").asLong());
        String paymentKey = service.tossSandbox().openWindow(hold.get("orderId").asText(), total,
                hold.get("orderName").asText());
        Map<String, Object> confirm = new LinkedHashMap<>();
        confirm.put("holdId", holdId);
        confirm.put("paymentKey", paymentKey);
        confirm.put("orderId", hold.get("orderId").asText());
        confirm.put("amount", total);
        expect(counted(routes, "POST /payments/confirm", "POST", "/payments/confirm", bearer, confirm), 200);
        expect(counted(routes, "GET /bookings/{id}", "GET", "/bookings/" + holdId, bearer, null), 200);
        return routes;
    }

    private Map<String, Integer> unpaidHold(Schedule schedule, String bearer, String seat) throws IOException {
        Map<String, Integer> routes = new LinkedHashMap<>();
        JsonNode hold = JSON.readTree(expect(counted(routes, "POST /schedules/{id}/holds", "POST",
                "/schedules/" + schedule.scheduleId() + "/holds", bearer, Map.of("seatId", seat)), 201).body());
        expect(counted(routes, "POST /holds/{id}/checkout", "POST", "/holds/" + hold.get("holdId").asText() + "/checkout",
                bearer, Map.of("method", "CARD")), 200);
        return routes;
    }

    private Map<String, Integer> lostHold(Schedule schedule, String bearer, String bookedSeat) {
        Map<String, Integer> routes = new LinkedHashMap<>();
        expect(counted(routes, "POST /schedules/{id}/holds", "POST", "/schedules/" + schedule.scheduleId() + "/holds",
                bearer, Map.of("seatId", bookedSeat)), 409);
        return routes;
    }

    private HttpResponse<String> counted(Map<String, Integer> routes, String route, String method, String path,
                                         String bearer, Object body) {
        routes.merge(route, 1, Integer::sum);
        return client.send(method, path, bearer, body);
    }

    /** What a run of journeys used, in totals, and its usage per journey. */
    private record Measured(String name, int journeys, Usage usage, Map<String, Long> kinds,
                            List<KeyCount> items, long tossCalls, double localSeconds) {

        static String table(List<Measured> all) {
            StringBuilder out = new StringBuilder("| journey | API requests | Lambda invocations | Lambda s (model) | Lambda s (local handlers) | "
                    + "write units | read units | Standard transitions | Express executions | SQS messages | emails | Toss calls |\n"
                    + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Measured m : all) {
                Usage u = m.usage();
                out.append(fmt("| %s | %.1f | %.1f | %.2f | %.2f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n", m.name(),
                        u.apiTotal(), u.lambdaInvocations(), u.lambdaSeconds(), m.localSeconds() / m.journeys(), u.writeUnits(), u.readUnits(),
                        u.standardTransitions(), u.expressExecutions(), u.queueMessages(), u.emails(),
                        m.tossCalls() / (double) m.journeys()));
            }
            return out.toString();
        }

        /** An item's kind: its table (and index) and the prefixes of its keys, ids left out. */
        private static String itemKind(KeyCount item) {
            String table = item.index() == null ? item.table() : item.table() + " (" + item.index() + ")";
            return table + " " + prefix(item.pk()) + (item.sk() == null ? " (query)" : " / " + prefix(item.sk()));
        }

        /** The key with every segment that is not an upper-case label (ids, times, emails) as {@code *}. */
        private static String prefix(String key) {
            return java.util.Arrays.stream(key.split("#", -1)).map(part -> part.matches("[A-Z_]+") ? part : "*")
                    .collect(java.util.stream.Collectors.joining("#"));
        }

        static String itemKinds(List<Measured> all) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            all.forEach(m -> m.items().forEach(i -> names.add(itemKind(i))));
            StringBuilder out = new StringBuilder("| item kind |");
            all.forEach(m -> out.append(' ').append(m.name()).append(" |"));
            out.append("\n|---|").append("---:|".repeat(all.size())).append('\n');
            for (String kind : names) {
                out.append("| ").append(kind).append(" |");
                for (Measured m : all) {
                    double writes = m.items().stream().filter(i -> itemKind(i).equals(kind)).mapToDouble(KeyCount::writeUnits).sum();
                    double reads = m.items().stream().filter(i -> itemKind(i).equals(kind)).mapToDouble(KeyCount::readUnits).sum();
                    out.append(fmt(" %.1f (%.1f) |", writes / m.journeys(), reads / m.journeys()));
                }
                out.append('\n');
            }
            return out.toString();
        }

        static String kinds(List<Measured> all) {
            java.util.SortedSet<String> names = new java.util.TreeSet<>();
            all.forEach(m -> names.addAll(m.kinds().keySet()));
            StringBuilder out = new StringBuilder("| request kind |");
            all.forEach(m -> out.append(' ').append(m.name()).append(" |"));
            out.append("\n|---|").append("---:|".repeat(all.size())).append('\n');
            for (String kind : names) {
                out.append("| ").append(kind).append(" |");
                all.forEach(m -> out.append(fmt(" %.1f |", m.kinds().getOrDefault(kind, 0L) / (double) m.journeys())));
                out.append('\n');
            }
            return out.toString();
        }
    }

    private Measured measure(String name, int journeys, Journey journey) throws Exception {
        Map<String, long[]> functionsBefore = functionCounts();
        long tossBefore = service.tossSandbox().apiCalls();
        EmulatorCounts.reset(emulator);
        Instant start = Instant.now();
        Map<String, Double> routes = new LinkedHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Map<String, Integer>>> runs = new ArrayList<>();
            for (int i = 0; i < journeys; i++) {
                int index = i;
                runs.add(pool.submit(() -> journey.run(index)));
            }
            for (Future<Map<String, Integer>> run : runs) {
                run.get().forEach((route, n) -> routes.merge(route, (double) n, Double::sum));
            }
        } finally {
            pool.shutdown();
        }
        List<ExecutionListItem> executions = settled(start);
        Map<String, Long> kinds = requestKinds();
        List<KeyCount> items = EmulatorCounts.keys(emulator);
        double standard = 0;
        double express = 0;
        double expressGbSeconds = 0;
        for (ExecutionListItem execution : executions) {
            if (machineType(execution.stateMachineArn()) == StateMachineType.EXPRESS) {
                express++;
                double seconds = Math.ceil(Duration.between(execution.startDate(), execution.stopDate()).toMillis() / 100.0) / 10;
                expressGbSeconds += seconds * EXPRESS_GB;
            } else {
                standard += transitions(execution.executionArn());
            }
        }
        long tossCalls = service.tossSandbox().apiCalls() - tossBefore;
        double invocations = 0;
        double localSeconds = 0;
        double megabyteInvocations = 0;
        for (Map.Entry<String, long[]> now : functionCounts().entrySet()) {
            long[] before = functionsBefore.getOrDefault(now.getKey(), new long[2]);
            long calls = now.getValue()[0] - before[0];
            invocations += calls;
            localSeconds += (now.getValue()[1] - before[1]) / 1e3;
            megabyteInvocations += calls * (double) service.function(now.getKey()).spec().memoryMb();
        }
        double seconds = CostModel.lambdaSeconds((long) invocations, kinds, tossCalls);
        double gbSeconds = invocations == 0 ? 0 : seconds * megabyteInvocations / invocations / 1024;
        double n = journeys;
        Map<String, Double> perJourney = new LinkedHashMap<>();
        routes.forEach((route, count) -> perJourney.put(route, count / n));
        Usage usage = new Usage(perJourney, invocations / n, seconds / n, gbSeconds / n,
                items.stream().mapToDouble(KeyCount::readUnits).sum() / n,
                items.stream().mapToDouble(KeyCount::writeUnits).sum() / n, standard / n, express / n,
                expressGbSeconds / n, kinds.getOrDefault("sqs:SendMessage", 0L) / n,
                kinds.getOrDefault("sesv2:SendEmail", 0L) / n);
        System.out.printf("Measured %d × %s in %.1f s.%n", journeys, name, Duration.between(start, Instant.now()).toMillis() / 1e3);
        return new Measured(name, journeys, usage, kinds, items, tossCalls, localSeconds);
    }

    /**
     * Waits until every execution started since {@code start} has ended (the unpaid holds' timers
     * fire after the hold time) and the receipt queue is drained; answers those executions.
     */
    private List<ExecutionListItem> settled(Instant start) throws InterruptedException {
        Instant deadline = Instant.now().plus(SETTLE);
        while (true) {
            List<ExecutionListItem> ours = new ArrayList<>();
            for (StateMachineListItem machine : sfn.listStateMachines().stateMachines()) {
                sfn.listExecutionsPaginator(r -> r.stateMachineArn(machine.stateMachineArn())).executions().stream()
                        .filter(e -> !e.startDate().isBefore(start.minusSeconds(1))).forEach(ours::add);
            }
            boolean running = ours.stream().anyMatch(e -> e.status() == ExecutionStatus.RUNNING);
            if (!running && queuesEmpty()) {
                Thread.sleep(2_000);
                return ours;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("executions still running after " + SETTLE);
            }
            Thread.sleep(1_000);
        }
    }

    private boolean queuesEmpty() {
        for (SqsPoller poller : service.pollers()) {
            String name = poller.queueArn().substring(poller.queueArn().lastIndexOf(':') + 1);
            String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            if (attributes.values().stream().anyMatch(v -> !"0".equals(v))) {
                return false;
            }
        }
        return true;
    }

    private final Map<String, StateMachineType> types = new java.util.concurrent.ConcurrentHashMap<>();

    private StateMachineType machineType(String arn) {
        return types.computeIfAbsent(arn, a -> sfn.describeStateMachine(r -> r.stateMachineArn(a)).type());
    }

    /** Standard workflows bill a transition for every state entered (a retry enters again). */
    private long transitions(String executionArn) {
        long entered = 0;
        for (HistoryEvent event : sfn.getExecutionHistoryPaginator(r -> r.executionArn(executionArn)).events()) {
            if (event.typeAsString().endsWith("StateEntered")) {
                entered++;
            }
        }
        return entered;
    }

    private Map<String, long[]> functionCounts() {
        Map<String, long[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, FunctionHost> f : service.functions().entrySet()) {
            out.put(f.getKey(), new long[]{f.getValue().invocations(), Math.round(f.getValue().busyMillis())});
        }
        return out;
    }

    /**
     * The keys whose partition the whole crowd shares: those naming the schedule or the
     * performance, with their units per hold attempt (over the unpaid and the lost holds, which
     * carry nothing but hold attempts), hottest first. The schedule's seat-claim shards count as
     * one key whose units are spread evenly over its {@value CatalogKeys#SEAT_SHARDS} partitions (the
     * seat ids hash evenly; a sample of a few dozen holds cannot show that per shard).
     */
    private static List<SharedKey> sharedKeys(Schedule schedule, Measured... holdsOnly) {
        Map<String, double[]> perKey = new LinkedHashMap<>();
        String claimShard = CatalogKeys.seatShardPk(schedule.scheduleId(), 0);
        String claimShards = claimShard.substring(0, claimShard.lastIndexOf('#') + 1);
        int attempts = 0;
        for (Measured m : holdsOnly) {
            attempts += m.journeys();
            for (KeyCount item : m.items()) {
                if (item.pk().contains(schedule.scheduleId()) || item.pk().contains(schedule.performanceId())) {
                    String table = item.index() == null ? item.table() : item.table() + " (" + item.index() + ")";
                    boolean shard = item.index() == null && item.pk().startsWith(claimShards);
                    String key = shard ? claimShards + "<shard>, each of " + CatalogKeys.SEAT_SHARDS : item.pk();
                    double share = shard ? 1.0 / CatalogKeys.SEAT_SHARDS : 1.0;
                    double[] units = perKey.computeIfAbsent(table + " | " + key, k -> new double[2]);
                    units[0] += item.writeUnits() * share;
                    units[1] += item.readUnits() * share;
                }
            }
        }
        int n = attempts;
        return perKey.entrySet().stream()
                .map(e -> new SharedKey(e.getKey(), e.getValue()[0] / n, e.getValue()[1] / n))
                .sorted(Comparator.comparingDouble((SharedKey k) -> -Math.max(k.writeUnitsPerHold(), k.readUnitsPerHold() / 3)))
                .limit(8).toList();
    }

    /** Bytes on the wire through CloudFront (which compresses these documents): gzip of the body plus headers. */
    private static double wireBytes(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() + HEADER_BYTES;
    }

    /**
     * The emulator's requests by kind, without the ones this benchmark makes to watch the journeys
     * settle and the local queue poller's receives (on AWS the event source mapping's long polls are
     * a fixed cost per queue, not per message).
     */
    private Map<String, Long> requestKinds() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (EmulatorCounts.RequestCount r : EmulatorCounts.requests(emulator)) {
            if (!OBSERVER_KINDS.contains(r.kind())) {
                out.merge(r.kind(), r.count(), Long::sum);
            }
        }
        return out;
    }
}
