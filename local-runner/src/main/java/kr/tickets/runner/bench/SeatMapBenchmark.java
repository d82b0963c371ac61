package kr.tickets.runner.bench;

import static kr.tickets.runner.bench.BenchClient.expect;
import static kr.tickets.runner.bench.BenchClient.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kr.tickets.catalog.CatalogKeys;
import kr.tickets.catalog.SeatStateBits;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.DynamoCounts;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.LocalService;
import kr.tickets.runner.StageCache;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The seat map for a crowd (issue #11): {@value #VIEWERS} simulated viewers poll one 5,000-seat
 * schedule's seat status every second for {@value #SECONDS} s, through the local gateway's stage
 * cache (template.yaml's), while a rush of holds runs on the same schedule. Counts at the
 * emulator the DynamoDB requests that read the schedule's seat state, measures the bytes of a
 * poll against the full seat map, and the delay from each hold's 201 to the first poll that
 * shows it. Prints Markdown tables.
 *
 * <pre>{@code bench/seatmap.sh                     # as template.yaml declares it: CloudFront (Origin Shield) + stage cache
 * bench/seatmap.sh --stage-cache-only  # API Gateway's stage cache alone: no collapsing of concurrent misses}</pre>
 */
public final class SeatMapBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int VIEWERS = 1_000;
    static final int SECONDS = 60;
    private static final int SECTIONS = 10;
    private static final int ROWS = 20;
    private static final int SEATS_PER_ROW = 25;
    private static final int HOLDERS = 240;
    private static final int SIGNUP_THREADS = 8;
    /**
     * Holders asking at once. The local gateway runs every function on one pool of 64 threads;
     * more holders than this would leave the viewers' polls queued behind holds (in AWS each
     * function scales on its own).
     */
    private static final int CONCURRENT_HOLDERS = 16;
    /**
     * Polls in flight at most; a viewer whose poll would pass this skips the second (counted),
     * rather than the load generator opening sockets without bound when the machine falls behind.
     */
    private static final int MAX_IN_FLIGHT = 2_000;
    /** The holds start this long into the polling, so the first seconds show the idle rate. */
    private static final long RUSH_DELAY_SECONDS = 5;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).executor(Executors.newFixedThreadPool(16)).build();
    private final String baseUrl;
    private final BenchClient client;

    private SeatMapBenchmark(String baseUrl) {
        this.baseUrl = baseUrl;
        this.client = new BenchClient(http, baseUrl);
    }

    public static void main(String[] args) throws Exception {
        boolean stageCacheOnly = List.of(args).contains("--stage-cache-only");
        long started = System.nanoTime();
        System.out.println(BenchClient.machine(
                "Local-emulator numbers: the API gateway (with the stage cache of template.yaml) and the "
                + "functions in this JVM, DynamoDB played by moto (one request at a time), the viewers and "
                + "the holders on the same machine."));
        try (LocalService service = LocalService.start(0, 0);
             DynamoDbClient dynamo = AwsLocal.dynamo(service.stack().endpoint())) {
            if (stageCacheOnly) {
                service.useStageCache(service.stageCache().withoutCdn());
            }
            new SeatMapBenchmark(service.baseUrl()).run(service, dynamo, !service.stageCache().collapsedRoutes().isEmpty());
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
        System.exit(0);
    }

    private void run(LocalService service, DynamoDbClient dynamo, boolean collapse) throws Exception {
        AdminApi admin = AdminApi.login(baseUrl);
        String venueId = admin.create("/admin/venues", Map.of("name", "크라우드 아레나 " + token(),
                "address", "서울 송파구 올림픽로 424", "layout", Map.of("sections", sections()))).get("venueId").asText();
        JsonNode performance = admin.create("/admin/performances", performance(venueId));
        String performanceId = performance.get("performanceId").asText();
        String scheduleId = performance.get("schedules").get(0).get("scheduleId").asText();
        String catalogTable = service.stack().resources().physicalId("CatalogTable");
        System.out.printf("Venue: %,d seats; performance %s, schedule %s.%n", SECTIONS * ROWS * SEATS_PER_ROW,
                performanceId, scheduleId);

        JsonNode firstStatus = JSON.readTree(expect(client.send("GET", "/schedules/" + scheduleId + "/seat-status", null, null),
                200).body());
        HttpResponse<String> layoutAnswer = expect(client.send("GET", "/performances/" + performanceId
                + "/seat-layout?version=" + firstStatus.get("layoutVersion").asLong(), null, null), 200);
        List<String> seatOrder = new ArrayList<>();
        JSON.readTree(layoutAnswer.body()).get("seats").forEach(s -> seatOrder.add(s.get("seatId").asText()));
        Map<String, Integer> indexOf = new ConcurrentHashMap<>();
        for (int i = 0; i < seatOrder.size(); i++) {
            indexOf.put(seatOrder.get(i), i);
        }
        List<String> bearers = client.signUp("crowd", HOLDERS, SIGNUP_THREADS);
        System.out.printf("%d holders signed up and logged in.%n", bearers.size());

        // --- the measured minute ------------------------------------------------------------
        Polls polls = new Polls(indexOf.size());
        StageCache.Counts cacheBefore = statusCounts(service);
        DynamoCounts.reset(service.stack().endpoint());
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(4);
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(SECONDS);
        URI statusUri = URI.create(baseUrl + "/schedules/" + scheduleId + "/seat-status");
        for (int v = 0; v < VIEWERS; v++) {
            int viewer = v;
            long phase = ThreadLocalRandom.current().nextLong(1_000);
            clock.scheduleAtFixedRate(() -> {
                if (System.nanoTime() < end) {
                    poll(statusUri, viewer, polls);
                }
            }, phase, 1_000, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(RUSH_DELAY_SECONDS));
        Rush rush = rush(scheduleId, bearers, seatOrder, indexOf, polls, end);
        long left = end - System.nanoTime();
        if (left > 0) {
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(left));
        }
        clock.shutdownNow();
        Thread.sleep(3_000);
        double seconds = SECONDS;
        StageCache.Counts cacheAfter = statusCounts(service);
        List<DynamoCounts.Count> counts = DynamoCounts.read(service.stack().endpoint());

        // --- sizes after the minute ----------------------------------------------------------
        HttpResponse<String> fullMap = expect(client.send("GET", "/schedules/" + scheduleId + "/seats", null, null), 200);
        HttpResponse<String> lastStatus = expect(client.send("GET", "/schedules/" + scheduleId + "/seat-status", null, null),
                200);
        long partitionBytes = 0;
        int partitionItems = 0;
        long seatItemBytes = 0;
        int seatItems = 0;
        List<String> statePartitions = new ArrayList<>(List.of(CatalogKeys.schedulePk(scheduleId)));
        statePartitions.addAll(CatalogKeys.seatShardPks(scheduleId));
        for (Map<String, AttributeValue> item : statePartitions.stream().flatMap(pk -> dynamo.queryPaginator(r -> r
                .tableName(catalogTable).consistentRead(true).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))).items().stream()).toList()) {
            long size = ReadCost.size(item);
            partitionBytes += size;
            partitionItems++;
            if (CatalogKeys.isSeatSk(item.get(CatalogKeys.SK).s())) {
                seatItemBytes += size;
                seatItems++;
            }
        }

        // --- report --------------------------------------------------------------------------
        System.out.println();
        System.out.printf("Cache: %s.%n%n", collapse
                ? "template.yaml's: CloudFront with Origin Shield (concurrent misses of one key collapsed into one "
                        + "function call) in front of the stage cache"
                : "API Gateway's stage cache alone, as AWS documents it (no collapsing of concurrent misses)");
        System.out.println("| viewers | seconds | polls answered | 200s | other answers / errors | skipped (client busy) "
                + "| poll p50 ms | poll p95 ms | poll p99 ms | cache hits | cache misses (function calls) | holds (201) "
                + "| holds/s |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        List<Long> latencies = new ArrayList<>(polls.latenciesMicros);
        Collections.sort(latencies);
        long hits = cacheAfter.hits() - cacheBefore.hits();
        long misses = cacheAfter.misses() - cacheBefore.misses();
        System.out.printf("| %,d | %.0f | %,d | %,d | %,d | %,d | %.1f | %.1f | %.1f | %,d | %,d | %,d | %.1f |%n", VIEWERS,
                seconds, polls.answered.get(), polls.ok.get(), polls.answered.get() - polls.ok.get() + polls.errors.get(),
                polls.skipped.get(), percentile(latencies, 50), percentile(latencies, 95), percentile(latencies, 99), hits, misses,
                rush.holds, rush.holds / rush.seconds);

        String schedulePk = CatalogKeys.schedulePk(scheduleId);
        String performancePk = CatalogKeys.performancePk(performanceId);
        System.out.println();
        System.out.println("DynamoDB requests during the minute, counted at the emulator (a transaction counts once per "
                + "item of the partition it names):");
        System.out.println();
        System.out.println("| partition | operation | requests | per second |");
        System.out.println("|---|---|---:|---:|");
        Map<String, Long> byRow = new LinkedHashMap<>();
        for (DynamoCounts.Count c : counts) {
            boolean shard = c.partition() != null && c.partition().startsWith(schedulePk + "#");
            if (catalogTable.equals(c.table()) && (schedulePk.equals(c.partition()) || shard
                    || performancePk.equals(c.partition()))) {
                String label = (schedulePk.equals(c.partition()) ? "`SCHED#<schedule>`"
                        : shard ? "`SCHED#<schedule>#<shard>` (16 claim shards)" : "`PERF#<performance>`")
                        + (c.index() == null ? "" : " (" + c.index() + ")") + " | " + c.operation();
                byRow.merge(label, c.count(), Long::sum);
            }
        }
        byRow.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                System.out.printf("| %s | %,d | %.2f |%n", e.getKey(), e.getValue(), e.getValue() / seconds));
        // Each refresh of the state reads the schedule and Queries every claim shard once (issue #11).
        long stateReads = DynamoCounts.total(counts, catalogTable, CatalogKeys.seatShardPks(scheduleId).get(0), "Query");
        System.out.printf("%nReads of the schedule's seat state (one Query of each of the %d claim shards `SCHED#<schedule>#<n>`"
                + " and a GetItem of `SCHED#<schedule>/META` each): %,d in %.0f s = **%.2f a second** for %,d viewers "
                + "(%,d polls a second).%n", CatalogKeys.SEAT_SHARDS, stateReads, seconds, stateReads / seconds,
                VIEWERS, Math.round(polls.answered.get() / seconds));

        int statusBytes = lastStatus.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int mapBytes = fullMap.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        int layoutBytes = layoutAnswer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        System.out.println();
        System.out.println("| document | bytes | when a viewer downloads it |");
        System.out.println("|---|---:|---|");
        System.out.printf("| seat status (`/schedules/{id}/seat-status`) | %,d | every poll (mean of the minute: %,.0f) |%n",
                statusBytes, polls.bytes.get() / (double) Math.max(1, polls.ok.get()));
        System.out.printf("| seat layout (`/performances/{id}/seat-layout?version=`) | %,d | once per performance version |%n",
                layoutBytes);
        System.out.printf("| full seat map (`/schedules/{id}/seats`), %,d seats taken | %,d | every change, before |%n",
                seatItems, mapBytes);

        System.out.println();
        System.out.printf("Schedule partition after the minute: %,d items, %,d bytes (%,d `SEAT#` items, %,.0f bytes each "
                + "on average): a refresh of the status costs **%.1f RCU** (strongly consistent Query, 1 RCU per 4 KB).%n",
                partitionItems, partitionBytes, seatItems, seatItems == 0 ? 0 : seatItemBytes / (double) seatItems,
                Math.ceil(partitionBytes / 4096.0));

        System.out.println();
        System.out.println("| delay from a hold's 201 to the first poll showing it | holds | p50 ms | p95 ms | max ms | not shown |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        printDelays("any of the viewers", polls.firstSeenAny, rush.answeredAt);
        printDelays("one viewer (viewer 0, polling each second)", polls.firstSeenByViewer0, rush.answeredAt);
        if (polls.errors.get() > 0) {
            System.out.println();
            System.out.println("First poll error: " + polls.firstError);
        }
    }

    private static StageCache.Counts statusCounts(LocalService service) {
        return service.stageCache().counts().getOrDefault("GET /schedules/{scheduleId}/seat-status",
                new StageCache.Counts(0, 0));
    }

    private static void printDelays(String who, Map<Integer, Long> seenAt, Map<Integer, Long> answeredAt) {
        List<Long> delays = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<Integer, Long> hold : answeredAt.entrySet()) {
            Long seen = seenAt.get(hold.getKey());
            if (seen == null) {
                missing++;
            } else {
                delays.add(Math.max(0, seen - hold.getValue()) / 1000);
            }
        }
        Collections.sort(delays);
        System.out.printf("| %s | %,d | %.0f | %.0f | %.0f | %d |%n", who, delays.size(), percentile(delays, 50),
                percentile(delays, 95), delays.isEmpty() ? 0 : delays.get(delays.size() - 1) / 1000.0, missing);
    }

    /** What the viewers saw: answers, latencies, bytes, and when each held seat first showed taken. */
    private static final class Polls {
        final int seats;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();
        final java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(MAX_IN_FLIGHT);
        final AtomicLong bytes = new AtomicLong();
        final ConcurrentLinkedQueue<Long> latenciesMicros = new ConcurrentLinkedQueue<>();
        /** Seat index → nanoTime of the first answer received showing it not AVAILABLE, after its hold's 201. */
        final Map<Integer, Long> firstSeenAny = new ConcurrentHashMap<>();
        final Map<Integer, Long> firstSeenByViewer0 = new ConcurrentHashMap<>();
        /** Seat index → nanoTime of its hold's 201; a seat leaves it once every viewer we follow saw it. */
        final Map<Integer, Long> watched = new ConcurrentHashMap<>();
        volatile String firstError;

        Polls(int seats) {
            this.seats = seats;
        }
    }

    private void poll(URI uri, int viewer, Polls polls) {
        if (!polls.inFlight.tryAcquire()) {
            polls.skipped.incrementAndGet();
            return;
        }
        long sent = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            polls.inFlight.release();
            long received = System.nanoTime();
            if (error != null) {
                polls.errors.incrementAndGet();
                if (polls.firstError == null) {
                    polls.firstError = error.toString();
                }
                return;
            }
            polls.answered.incrementAndGet();
            polls.latenciesMicros.add((received - sent) / 1000);
            if (response.statusCode() != 200) {
                return;
            }
            polls.ok.incrementAndGet();
            polls.bytes.addAndGet(response.body().length());
            if (polls.watched.isEmpty()) {
                return;
            }
            try {
                JsonNode status = JSON.readTree(response.body());
                int[] codes = SeatStateBits.decode(status.get("states").asText(), polls.seats);
                for (Map.Entry<Integer, Long> seat : polls.watched.entrySet()) {
                    if (codes[seat.getKey()] != SeatStateBits.AVAILABLE) {
                        polls.firstSeenAny.putIfAbsent(seat.getKey(), received);
                        if (viewer == 0) {
                            polls.firstSeenByViewer0.putIfAbsent(seat.getKey(), received);
                            polls.watched.remove(seat.getKey());
                        }
                    }
                }
            } catch (IOException e) {
                polls.errors.incrementAndGet();
            }
        });
    }

    private record Rush(int holds, double seconds, Map<Integer, Long> answeredAt) {
    }

    /**
     * Every holder asks for a random seat at once, another after a conflict, until one is held;
     * each 201 starts the watch for its seat. Holders that have not got a seat by {@code end} stop.
     */
    private Rush rush(String scheduleId, List<String> bearers, List<String> seats, Map<String, Integer> indexOf,
                      Polls polls, long end) throws Exception {
        Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
        Set<String> taken = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_HOLDERS);
        List<Future<?>> holders = new ArrayList<>();
        long began = System.nanoTime();
        AtomicLong lastHold = new AtomicLong(began);
        for (String bearer : bearers) {
            holders.add(pool.submit(() -> {
                for (int attempt = 0; attempt < 8 && System.nanoTime() < end; attempt++) {
                    String seat = seats.get(ThreadLocalRandom.current().nextInt(seats.size()));
                    if (!taken.add(seat)) {
                        continue;
                    }
                    HttpResponse<String> answer = client.send("POST", "/schedules/" + scheduleId + "/holds", bearer,
                            Map.of("seatId", seat), "Idempotency-Key", UUID.randomUUID().toString());
                    if (answer.statusCode() == 201) {
                        long at = System.nanoTime();
                        answeredAt.put(indexOf.get(seat), at);
                        polls.watched.put(indexOf.get(seat), at);
                        lastHold.accumulateAndGet(at, Math::max);
                        return null;
                    }
                    if (answer.statusCode() != 409) {
                        System.out.println("unexpected hold answer " + answer.statusCode() + ": " + answer.body());
                        return null;
                    }
                }
                return null;
            }));
        }
        for (Future<?> holder : holders) {
            holder.get();
        }
        pool.shutdown();
        double seconds = Math.max(0.001, (lastHold.get() - began) / 1e9);
        System.out.printf("Rush: %d holders, %d holds in %.1f s.%n", bearers.size(), answeredAt.size(), seconds);
        return new Rush(answeredAt.size(), seconds, answeredAt);
    }

    /** The 5,000-seat venue of the crowd benchmarks: sections A–J, 20 rows of 25 seats each. */
    static List<Map<String, Object>> sections() {
        List<Map<String, Object>> sections = new ArrayList<>();
        for (int s = 0; s < SECTIONS; s++) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int r = 1; r <= ROWS; r++) {
                rows.add(Map.of("row", Integer.toString(r), "seats", SEATS_PER_ROW));
            }
            sections.add(Map.of("name", String.valueOf((char) ('A' + s)), "rows", rows));
        }
        return sections;
    }

    /** A performance on sale at the crowd venue, four grades over its sections, one schedule in 30 days. */
    static Map<String, Object> performance(String venueId) {
        String[][] grades = {{"VIP", "#D4AF37", "165000", "AB"}, {"R", "#C0392B", "143000", "CDE"},
            {"S", "#2980B9", "121000", "FGH"}, {"A", "#27AE60", "99000", "IJ"}};
        List<Map<String, Object>> gradeBodies = new ArrayList<>();
        for (String[] g : grades) {
            List<String> rows = new ArrayList<>();
            for (char section : g[3].toCharArray()) {
                for (int r = 1; r <= ROWS; r++) {
                    rows.add(section + "-" + r);
                }
            }
            gradeBodies.add(Map.of("name", g[0], "color", g[1], "price", Long.parseLong(g[2]), "rows", rows));
        }
        return BenchCatalog.onSale(venueId, "좌석도 크라우드", "좌석도 벤치마크", "crowd", 150, gradeBodies, 1);
    }

    private static String token() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Signs up and logs in {@code count} users; answers their bearer headers. */
}
