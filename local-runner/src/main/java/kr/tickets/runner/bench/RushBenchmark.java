package kr.tickets.runner.bench;

import static kr.tickets.runner.bench.BenchClient.expect;
import static kr.tickets.runner.bench.BenchClient.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.booking.BookingKeys;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.EmulatorCounts;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.LocalService;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A ticket-open rush on the local stack: N users, signed up and logged in beforehand, ask for
 * seats of one schedule at the same instant, each trying another seat after a conflict (as a
 * seat map that greys out taken seats would let them) until they hold one or none is left.
 * Prints, per rush, holds per second, the latency of every hold request, the conflicts, and
 * what one hold writes to DynamoDB in write capacity units.
 *
 * <pre>{@code bench/rush.sh}</pre>
 */
public final class RushBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SECTIONS = 4;
    private static final int ROWS = 10;
    private static final int SEATS_PER_ROW = 25;
    private static final int USERS = 400;
    /** Signing up hashes passwords (bcrypt); a few threads keep it from starving the rest. */
    private static final int SIGNUP_THREADS = 8;
    private static final int ATTEMPTS_PER_USER = 8;
    private static final int SEQUENTIAL_HOLDS = 20;
    private static final long KB = 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(64)).build();
    private final String baseUrl;
    private final BenchClient client;

    private RushBenchmark(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = new BenchClient(http, baseUrl);
    }

    /** One rush: how many users, on which seats. */
    private record Rush(String name, int users, List<String> seats, boolean oneAtATime) {
        Rush(String name, int users, List<String> seats) {
            this(name, users, seats, false);
        }
    }

    private record Result(Rush rush, int requests, int holds, int conflicts, int limits, int other, double seconds,
                          List<Long> latenciesMicros, HotKeyReport counts) {
    }

    /** The rush the issue's goal 5 measures (and the cost model reads). */
    private static final String GOAL_RUSH = "100 users, 1,000 seats";
    private static final List<String> TABLES = List.of("CatalogTable", "BookingTable", "UsersTable", "AuthTable",
            "PoliciesTable");
    /** Long enough for every hold's timer execution to have entered its Wait, so its requests are counted with the rush. */
    private static final Duration SAGA_SETTLE = Duration.ofSeconds(3);
    private static final Duration RAW_RATE_RUN = Duration.ofSeconds(6);
    private static final int RAW_RATE_THREADS = 8;

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        System.out.println(BenchClient.machine(
                "Local-emulator numbers: the API gateway and the functions in this JVM, DynamoDB and Step "
                + "Functions played by moto (Python; DynamoDB one request at a time), the load generator on "
                + "the same machine. Not AWS latencies; the WCU are what the same writes cost in DynamoDB."));
        try (LocalService service = LocalService.start(0, 0);
             DynamoDbClient dynamo = AwsLocal.dynamo(service.stack().endpoint())) {
            new RushBenchmark(service.baseUrl()).run(service, dynamo);
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
        System.exit(0);
    }

    private void run(LocalService service, DynamoDbClient dynamo) throws Exception {
        AdminApi admin = AdminApi.login(baseUrl);
        List<String> allSeats = new ArrayList<>();
        List<Map<String, Object>> sections = new ArrayList<>();
        for (int s = 0; s < SECTIONS; s++) {
            String section = String.valueOf((char) ('A' + s));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= ROWS; r++) {
                rows.add(Map.of("row", Integer.toString(r), "seats", SEATS_PER_ROW));
                for (int n = 1; n <= SEATS_PER_ROW; n++) {
                    allSeats.add(section + "-" + r + "-" + n);
                }
            }
            sections.add(Map.of("name", section, "rows", rows));
        }
        String venueId = admin.create("/admin/venues", Map.of("name", "러시 아레나", "address", "서울 송파구 올림픽로 424",
                "layout", Map.of("sections", sections))).get("venueId").asText();
        List<Rush> rushes = List.of(
                new Rush(SEQUENTIAL_HOLDS + " users one after another (baseline), 1,000 seats", SEQUENTIAL_HOLDS,
                        allSeats, true),
                new Rush(GOAL_RUSH, 100, allSeats),
                new Rush("400 users, 1,000 seats", USERS, allSeats),
                new Rush("400 users, the best 200 seats", USERS, allSeats.subList(0, 200)));
        JsonNode performance = admin.create("/admin/performances", performance(venueId, rushes.size()));
        System.out.printf("Venue: %,d seats in %d sections; one performance on sale with %d schedules (one a run).%n",
                allSeats.size(), SECTIONS, rushes.size());

        List<String> bearers = client.signUp("rush", USERS, SIGNUP_THREADS);
        System.out.printf("%d users signed up and logged in.%n", bearers.size());
        Map<String, String> tableNames = new HashMap<>();
        TABLES.forEach(t -> tableNames.put(service.stack().resources().physicalId(t), t));
        double rawRate = RawTransactionRate.measure(dynamo, service.stack().resources().physicalId("CatalogTable"),
                service.stack().resources().physicalId("BookingTable"), RAW_RATE_THREADS, RAW_RATE_RUN);
        System.out.printf("Emulator's raw rate: %.1f hold-sized TransactWriteItems/s (%d threads, %d s).%n", rawRate,
                RAW_RATE_THREADS, RAW_RATE_RUN.toSeconds());
        List<Result> results = new ArrayList<>();
        String writeCost = null;
        for (int i = 0; i < rushes.size(); i++) {
            String scheduleId = performance.get("schedules").get(i).get("scheduleId").asText();
            Map<String, String> holds = new ConcurrentHashMap<>();
            EmulatorCounts.reset(service.stack().endpoint());
            Result result = rush(rushes.get(i), scheduleId, bearers.subList(0, rushes.get(i).users()), holds);
            Thread.sleep(SAGA_SETTLE.toMillis());
            HotKeyReport counts = new HotKeyReport(Math.max(1, result.holds()),
                    EmulatorCounts.requests(service.stack().endpoint()), EmulatorCounts.keys(service.stack().endpoint()),
                    tableNames);
            results.add(new Result(result.rush(), result.requests(), result.holds(), result.conflicts(), result.limits(),
                    result.other(), result.seconds(), result.latenciesMicros(), counts));
            if (writeCost == null) {
                // Sized before the release, while the seat's claim is in place.
                writeCost = writeCost(service, dynamo, holds.keySet().iterator().next());
            }
            releaseAll(holds);
        }
        System.out.println();
        System.out.println("| rush | hold requests | holds | conflicts (409 SEAT_UNAVAILABLE) | other answers "
                + "| wall s | holds/s | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            List<Long> sorted = new ArrayList<>(r.latenciesMicros());
            Collections.sort(sorted);
            System.out.printf("| %s | %,d | %,d | %,d | %,d | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f |%n",
                    r.rush().name(), r.requests(), r.holds(), r.conflicts(), r.limits() + r.other(), r.seconds(),
                    r.holds() / r.seconds(), percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                    sorted.get(sorted.size() - 1) / 1000.0);
        }
        System.out.println();
        System.out.printf("Emulator's raw transaction rate in the same run: %.1f hold-sized TransactWriteItems/s.%n%n",
                rawRate);
        System.out.println("| rush | holds/s | emulator requests/hold | DynamoDB requests/hold | WCU/hold | RCU/hold |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            double dynamoRequests = r.counts().requestsPerHold().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("dynamodb:")).mapToDouble(Map.Entry::getValue).sum();
            System.out.printf("| %s | %.1f | %.2f | %.2f | %.2f | %.2f |%n", r.rush().name(), r.holds() / r.seconds(),
                    r.counts().emulatorRequestsPerHold(), dynamoRequests, r.counts().writeUnitsPerHold(),
                    r.counts().readUnitsPerHold());
        }
        System.out.println();
        Result goal = results.stream().filter(r -> r.rush().name().equals(GOAL_RUSH)).findFirst().orElseThrow();
        System.out.println("Rush \"" + GOAL_RUSH + "\":");
        System.out.println();
        System.out.println(goal.counts().markdown());
        System.out.println(shardDesign(allSeats));
        System.out.println(writeCost);
        Map<String, Object> json = new LinkedHashMap<>(goal.counts().json());
        json.put("rush", GOAL_RUSH);
        json.put("holdsPerSecond", Math.round(goal.holds() / goal.seconds() * 10) / 10.0);
        json.put("rawTransactionsPerSecond", Math.round(rawRate * 10) / 10.0);
        Path out = Path.of("target", "bench", "rush-counts.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        System.out.println("Counts of the rush \"" + GOAL_RUSH + "\" written to " + out.toAbsolutePath());
    }

    /**
     * What the claim shards take at the design rate, from the venue's seats rather than from one
     * rush's sample: each hold writes one claim (2 WCU in its transaction) in its seat's shard, so
     * a shard takes its share of the seats times the rate.
     */
    private static String shardDesign(List<String> seats) {
        int[] perShard = new int[CatalogKeys.SEAT_SHARDS];
        seats.forEach(seat -> perShard[CatalogKeys.seatShard(seat)]++);
        int busiest = java.util.Arrays.stream(perShard).max().orElse(0);
        int quietest = java.util.Arrays.stream(perShard).min().orElse(0);
        double wcu = (double) busiest / seats.size() * HotKeyReport.DESIGN_HOLDS_PER_SECOND * 2;
        return String.format("Claim shards by design: %d shards hold %d–%d of the %,d seats; at %,d holds/s spread over "
                + "the seats the busiest takes %.1f %% of the claims, %,.0f WCU/s of claim writes (limit %,.0f).%n",
                CatalogKeys.SEAT_SHARDS, quietest, busiest, seats.size(), HotKeyReport.DESIGN_HOLDS_PER_SECOND,
                100.0 * busiest / seats.size(), wcu, HotKeyReport.MAX_WCU_PER_SECOND);
    }

    private static Map<String, Object> performance(String venueId, int schedules) {
        List<Map<String, Object>> grades = List.of(
                grade("VIP", "#D4AF37", 165_000, "A"), grade("R", "#C0392B", 143_000, "B"),
                grade("S", "#2980B9", 121_000, "C"), grade("A", "#27AE60", 99_000, "D"));
        return BenchCatalog.onSale(venueId, "티켓 오픈 러시", "티켓 오픈 러시 벤치마크", "rush", 150, grades, schedules);
    }

    private static Map<String, Object> grade(String name, String color, long price, String section) {
        List<String> rows = new ArrayList<>();
        for (int r = 1; r <= ROWS; r++) {
            rows.add(section + "-" + r);
        }
        return Map.of("name", name, "color", color, "price", price, "rows", rows);
    }

    /** Signs up and logs in {@code count} users; answers their bearer headers. */
    /** What one rush counts, shared by its users' threads. */
    private record Tally(Set<String> taken, ConcurrentLinkedQueue<Long> latencies, AtomicInteger requests,
                         AtomicInteger conflicts, AtomicInteger limits, AtomicInteger other) {
        Tally() {
            this(ConcurrentHashMap.newKeySet(), new ConcurrentLinkedQueue<>(), new AtomicInteger(), new AtomicInteger(),
                    new AtomicInteger(), new AtomicInteger());
        }
    }

    /**
     * Every user asks at the same instant; the baseline's users ask one after another instead, for
     * the latency of a hold nobody competes with.
     */
    private Result rush(Rush rush, String scheduleId, List<String> askers, Map<String, String> holds)
            throws Exception {
        Tally tally = new Tally();
        ExecutorService pool = Executors.newFixedThreadPool(askers.size());
        Semaphore turn = new Semaphore(rush.oneAtATime() ? 1 : askers.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> users = new ArrayList<>();
        for (String bearer : askers) {
            users.add(pool.submit(() -> {
                start.await();
                turn.acquire();
                try {
                    holdOneSeat(rush, scheduleId, bearer, tally, holds);
                } finally {
                    turn.release();
                }
                return null;
            }));
        }
        long began = System.nanoTime();
        start.countDown();
        for (Future<?> user : users) {
            user.get();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        System.out.printf("%s: %d holds in %.1f s.%n", rush.name(), holds.size(), seconds);
        return new Result(rush, tally.requests().get(), holds.size(), tally.conflicts().get(), tally.limits().get(),
                tally.other().get(), seconds, new ArrayList<>(tally.latencies()), null);
    }

    /** One user: a random seat not seen taken, another after each conflict, until one is held. */
    private void holdOneSeat(Rush rush, String scheduleId, String bearer, Tally tally, Map<String, String> holds)
            throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS_PER_USER; attempt++) {
            List<String> free = rush.seats().stream().filter(s -> !tally.taken().contains(s)).toList();
            if (free.isEmpty()) {
                return;
            }
            String seat = free.get(ThreadLocalRandom.current().nextInt(free.size()));
            long sent = System.nanoTime();
            HttpResponse<String> answer = client.send("POST", "/schedules/" + scheduleId + "/holds", bearer,
                    Map.of("seatId", seat), "Idempotency-Key", UUID.randomUUID().toString());
            tally.latencies().add((System.nanoTime() - sent) / 1000);
            tally.requests().incrementAndGet();
            tally.taken().add(seat);
            if (answer.statusCode() == 201) {
                holds.put(JSON.readTree(answer.body()).get("holdId").asText(), bearer);
                return;
            }
            String code = JSON.readTree(answer.body()).path("code").asText();
            if ("SEAT_UNAVAILABLE".equals(code)) {
                tally.conflicts().incrementAndGet();
            } else {
                (("HOLD_LIMIT_REACHED".equals(code)) ? tally.limits() : tally.other()).incrementAndGet();
                System.out.println("unexpected answer " + answer.statusCode() + ": " + answer.body());
                return;
            }
        }
    }

    /** Gives every seat back, so the rush's timers stop (not measured). */
    private void releaseAll(Map<String, String> holds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<Future<?>> pending = new ArrayList<>();
        holds.forEach((holdId, bearer) -> pending.add(pool.submit(() ->
                expect(client.send("DELETE", "/holds/" + holdId, bearer, null), 204))));
        for (Future<?> f : pending) {
            f.get();
        }
        pool.shutdown();
    }

    /**
     * The write units of one hold, from the sizes of the items it wrote: a transactional write
     * costs 2 WCU per item per started KB. Since issue #11 nothing else is written for a hold until
     * its buyer pays or its timer fires: no schedule counters, no task token.
     */
    private static String writeCost(LocalService service, DynamoDbClient dynamo, String holdId) {
        String bookingTable = service.stack().resources().physicalId("BookingTable");
        String catalogTable = service.stack().resources().physicalId("CatalogTable");
        Map<String, AttributeValue> hold = get(dynamo, bookingTable, BookingKeys.hold(holdId));
        String scheduleId = hold.get("scheduleId").s();
        String userId = hold.get("userId").s();
        Map<String, AttributeValue> seat = get(dynamo, catalogTable, CatalogKeys.seat(scheduleId, hold.get("seatId").s()));
        Map<String, AttributeValue> userSeats = get(dynamo, bookingTable, BookingKeys.userSeats(userId, scheduleId));
        Map<String, AttributeValue> idempotency = new HashMap<>(
                BookingKeys.holdIdempotency(userId, UUID.randomUUID().toString()));
        idempotency.put("holdId", AttributeValue.fromS(holdId));
        idempotency.put("expiresAt", AttributeValue.fromN("1795600000"));
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        items.put("seat claim (SCHED#<s>#<shard>/SEAT#)", seat);
        items.put("user's seats (USER#/SCHED#)", userSeats);
        items.put("hold (HOLD#/META)", hold);
        items.put("Idempotency-Key (USER#/IDEM#)", idempotency);
        StringBuilder out = new StringBuilder("DynamoDB writes of one hold (item sizes read back after the rush):\n\n"
                + "| item of the hold transaction | bytes | WCU (transactional: 2 a KB) |\n|---|---:|---:|\n");
        long transaction = 0;
        for (Map.Entry<String, Map<String, AttributeValue>> item : items.entrySet()) {
            long bytes = ReadCost.size(item.getValue());
            long wcu = 2 * Math.max(1, (bytes + KB - 1) / KB);
            transaction += wcu;
            out.append(String.format("| %s | %,d | %d |%n", item.getKey(), bytes, wcu));
        }
        // No write to SCHED#/META nor its GSI1 copy since issue #11: the counters are derived from the claims.
        out.append(String.format("| **per hold** (the hold transaction) | | **%d** |%n", transaction));
        return out.toString();
    }

    private static Map<String, AttributeValue> get(DynamoDbClient dynamo, String table,
                                                   Map<String, AttributeValue> key) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(key)).item();
    }
}
