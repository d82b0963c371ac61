package kr.tickets.runner.bench;

import static kr.tickets.runner.VenuePlan.Section.lettered;
import static kr.tickets.runner.VenuePlan.Section.numbered;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.DemoCatalog;
import kr.tickets.runner.LocalService;
import kr.tickets.runner.ShowPlan;
import kr.tickets.runner.VenuePlan;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Latency of the public catalog reads on the local stack, and what each read would cost in
 * DynamoDB read capacity. Starts a service of its own on free 127.0.0.1 ports, creates through
 * the admin API a 5,000-seat arena, a 600-seat hall and 1,000 performances, then times
 * {@value #REQUESTS} sequential requests of each read after {@value #WARM_UP} unmeasured ones
 * (at most {@link #BUDGET} per read) and prints a Markdown table.
 *
 * <pre>{@code bench/catalog.sh}</pre>
 */
public final class CatalogBenchmark {
    private static final long SEED = 5_000L;
    private static final int PERFORMANCES = 1_000;
    /** Every 125th performance plays the arena (8 in all): a 5,000-seat grade map makes a creation slow. */
    private static final int ARENA_EVERY = 125;
    /** Bounded, so creation hides round trips without queueing hundreds of requests at moto. */
    private static final int THREADS = 8;
    private static final int WARM_UP = 20;
    private static final int REQUESTS = 300;
    private static final int REPLAYS = 20;
    private static final Duration BUDGET = Duration.ofSeconds(60);
    private static final int PAGE = 20;

    static final VenuePlan ARENA = new VenuePlan("올림픽공원 핸드볼경기장", "서울 송파구 올림픽로 424", List.of(
            numbered("플로어A", 25, 6, 14), numbered("플로어B", 25, 6, 14), numbered("플로어C", 25, 6, 14),
            numbered("플로어D", 25, 6, 14), numbered("A구역", 25, 0, 0, 8, 12), numbered("B구역", 25, 0, 0, 8, 12),
            numbered("C구역", 25, 0, 0, 8, 12), numbered("D구역", 25, 0, 0, 8, 12), numbered("E구역", 25, 0, 0, 8, 12),
            numbered("F구역", 25, 0, 0, 8, 12)));
    static final VenuePlan HALL = new VenuePlan("예술의전당 IBK챔버홀", "서울 서초구 남부순환로 2406",
            List.of(lettered("1층", 24, 3, 6, 6, 3), lettered("2층", 24, 0, 2, 3, 2)));
    /** Touring productions repeat a title with the city, as ticketing sites list them. */
    private static final List<String> TOUR_STOPS = List.of("부산", "대구", "광주", "대전", "인천", "수원", "창원", "전주",
            "울산", "고양", "성남", "청주", "제주", "천안", "포항", "원주");

    private final AdminApi api;
    private final CatalogReads reads;

    private CatalogBenchmark(AdminApi api, CatalogReads reads) {
        this.api = api;
        this.reads = reads;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        System.out.println(machine());
        try (LocalService service = LocalService.start(0, 0);
             DynamoDbClient dynamo = AwsLocal.dynamo(service.stack().endpoint())) {
            CatalogReads reads = new CatalogReads(dynamo,
                    service.stack().resources().physicalId("CatalogTable"));
            new CatalogBenchmark(AdminApi.login(service.baseUrl()), reads).run();
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
    }

    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format("Machine: %d cores, %s %s, Java %s (%s), max heap %d MiB%n"
                        + "Latencies below are local-emulator numbers: the local API gateway and Lambda host in "
                        + "this JVM, DynamoDB played by moto (Python, one request at a time), all on 127.0.0.1. "
                        + "They are not AWS latencies; items and RCU are what the same reads would cost in "
                        + "DynamoDB.%n",
                runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.arch"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                runtime.maxMemory() / (1024 * 1024));
    }

    private void run() {
        Seeded data = seed();
        System.out.println(data.describe(reads.allPerformances()));

        JsonNode target = data.performances().stream()
                .filter(p -> p.get("venue").get("venueId").asText().equals(data.arenaId()))
                .max(Comparator.comparingInt(p -> p.get("schedules").size())).orElseThrow();
        String performanceId = target.get("performanceId").asText();
        String scheduleId = target.get("schedules").get(0).get("scheduleId").asText();
        YearMonth month = busiestMonth(target);

        List<Row> rows = new ArrayList<>();
        CatalogReads.ListRead latest = reads.list(CatalogReads.any(), PAGE, null);
        JsonNode firstPage = agree("/performances", latest);
        rows.add(listRow("list (latest, 20 a page)", "/performances", CatalogReads.any(), null));
        String q = "레미제라블";
        rows.add(listRow("list, q=" + q, "/performances?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8),
                CatalogReads.titleContains(q), null));
        String nowhere = "베토벤";
        rows.add(listRow("list, q=" + nowhere + " (no match)",
                "/performances?q=" + URLEncoder.encode(nowhere, StandardCharsets.UTF_8),
                CatalogReads.titleContains(nowhere), null));
        rows.add(listRow("list, genre=KIDS & 30,000-50,000 KRW",
                "/performances?genre=KIDS&minPrice=30000&maxPrice=50000",
                CatalogReads.genreAndPrice("KIDS", 30_000, 50_000), null));
        rows.add(listRow("list page 2 (cursor)", "/performances?cursor=" + firstPage.get("nextCursor").asText(),
                CatalogReads.any(), latest.lastKey()));

        String detail = "/performances/" + performanceId;
        int schedules = reads.detail(performanceId).schedules();
        expect(api.getJson(detail).get("schedules").size() == schedules, "detail schedules");
        rows.add(measure("detail (" + schedules + " schedules)", detail, 200,
                () -> reads.detail(performanceId).cost()));

        String calendar = "/performances/" + performanceId + "/calendar?month=" + month;
        int inMonth = reads.calendar(performanceId, month).schedules();
        int shown = 0;
        for (JsonNode day : api.getJson(calendar).get("days")) {
            shown += day.get("schedules").size();
        }
        expect(shown == inMonth, "calendar schedules");
        rows.add(measure("calendar, " + month + " (" + inMonth + " schedules)", calendar, 200,
                () -> reads.calendar(performanceId, month).cost()));

        String seats = "/schedules/" + scheduleId + "/seats";
        HttpResponse<byte[]> full = api.get(seats);
        expect(full.statusCode() == 200, "seat map");
        rows.add(measure(String.format("seat map, %,d seats (200)", ARENA.seatCount()), seats, 200,
                () -> reads.seatMap(scheduleId, true)));
        String etag = full.headers().firstValue("ETag").orElseThrow();
        rows.add(measure("seat map, If-None-Match (304)", seats, 304, () -> reads.notModified(scheduleId),
                "If-None-Match", etag));

        System.out.println(table(rows));
        System.out.println("DynamoDB requests per operation, and the median time of the same reads sent "
                + "straight to moto through the SDK (" + REPLAYS + " times each):");
        rows.forEach(r -> System.out.printf("- %s: %d requests, %.1f ms%n", r.operation(), r.cost().requests(),
                r.replayMillis()));
        ReadCost cold = reads.seatMap(scheduleId, false);
        System.out.printf("Seat map with the layout not yet cached in the container (first read of a venue): "
                        + "%d DynamoDB requests, %d items, %,d bytes, %.1f RCU.%n",
                cold.requests(), cold.items(), cold.bytes(), cold.rcu());
    }

    /** The month in which the performance plays most often, for a calendar with something in it. */
    private static YearMonth busiestMonth(JsonNode performance) {
        Map<YearMonth, Integer> shows = new TreeMap<>();
        performance.get("schedules").forEach(s -> shows.merge(
                YearMonth.from(Instant.parse(s.get("startAt").asText()).atZone(ZoneOffset.UTC)), 1, Integer::sum));
        return shows.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** The data set: both venues, and 1,000 performances created in parallel; the seed fixes the content. */
    private Seeded seed() {
        long started = System.nanoTime();
        String arenaId = api.create("/admin/venues", ARENA.body()).get("venueId").asText();
        String hallId = api.create("/admin/venues", HALL.body()).get("venueId").asText();
        Random random = new Random(SEED);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < PERFORMANCES; i++) {
            ShowPlan show = DemoCatalog.SHOWS.get(i % DemoCatalog.SHOWS.size());
            boolean onArena = i % ARENA_EVERY == 0;
            bodies.add(show.body(title(i), onArena ? ARENA : HALL, onArena ? arenaId : hallId,
                    1 + random.nextInt(10), today, random));
        }
        List<JsonNode> performances = api.createAll("/admin/performances", bodies, THREADS);
        return new Seeded(arenaId, performances, Duration.ofNanos(System.nanoTime() - started));
    }

    /** The demo titles first, then the same shows on tour ("뮤지컬 레미제라블 — 부산"), then their encores. */
    static String title(int i) {
        String base = DemoCatalog.SHOWS.get(i % DemoCatalog.SHOWS.size()).title();
        int round = i / DemoCatalog.SHOWS.size();
        if (round == 0) {
            return base;
        }
        String stop = TOUR_STOPS.get((round - 1) % TOUR_STOPS.size());
        return base + " — " + stop + (round > TOUR_STOPS.size() ? " 앙코르" : "");
    }

    private record Seeded(String arenaId, List<JsonNode> performances, Duration took) {
        String describe(List<Map<String, AttributeValue>> items) {
            long[] sizes = items.stream().mapToLong(ReadCost::size).sorted().toArray();
            return String.format("Data: %s (%,d seats), %s (%,d seats), %,d performances (%d at the arena), "
                            + "%,d schedules; created through the admin API in %.1f s on %d threads. "
                            + "Performance items: median %,d bytes, largest %,d bytes.%n",
                    ARENA.name(), ARENA.seatCount(), HALL.name(), HALL.seatCount(), performances.size(),
                    performances.stream().filter(p -> p.get("venue").get("venueId").asText().equals(arenaId))
                            .count(),
                    performances.stream().mapToInt(p -> p.get("schedules").size()).sum(),
                    took.toMillis() / 1000.0, THREADS, sizes[sizes.length / 2], sizes[sizes.length - 1]);
        }
    }

    /** A list read, checked against its replay first. */
    private Row listRow(String operation, String path, Predicate<Map<String, AttributeValue>> filter,
                        Map<String, AttributeValue> startAfter) {
        agree(path, reads.list(filter, PAGE, startAfter));
        return measure(operation, path, 200, () -> reads.list(filter, PAGE, startAfter).cost());
    }

    /** The service's page at {@code path}, once it shows what the replay found. */
    private JsonNode agree(String path, CatalogReads.ListRead read) {
        JsonNode page = api.getJson(path);
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("performanceId").asText()));
        expect(ids.equals(read.performanceIds()), path + " lists " + ids + " but the replay found "
                + read.performanceIds());
        return page;
    }

    /** A replay that disagrees with the service would price the wrong reads: stop rather than print them. */
    private static void expect(boolean agrees, String what) {
        if (!agrees) {
            throw new IllegalStateException("the read model no longer matches the service: " + what);
        }
    }

    private record Row(String operation, int requests, double[] millis, long responseBytes, ReadCost cost,
                       double replayMillis) {
        double percentile(double p) {
            return millis[Math.max(0, (int) Math.ceil(p / 100 * millis.length) - 1)];
        }
    }

    /**
     * Times sequential requests of {@code path} after a warm-up, then times {@code replay} (the
     * same DynamoDB reads without the service) to tell moto's share from the rest.
     */
    private Row measure(String operation, String path, int status, Supplier<ReadCost> replay, String... headers) {
        for (int i = 0; i < WARM_UP; i++) {
            check(api.get(path, headers), status, operation);
        }
        List<Long> nanos = new ArrayList<>();
        long bytes = 0;
        long deadline = System.nanoTime() + BUDGET.toNanos();
        while (nanos.size() < REQUESTS && System.nanoTime() < deadline) {
            long start = System.nanoTime();
            HttpResponse<byte[]> response = api.get(path, headers);
            nanos.add(System.nanoTime() - start);
            check(response, status, operation);
            bytes = response.body().length;
        }
        double[] millis = nanos.stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        ReadCost cost = replay.get();
        double[] replays = new double[REPLAYS];
        for (int i = 0; i < REPLAYS; i++) {
            long start = System.nanoTime();
            replay.get();
            replays[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(replays);
        return new Row(operation, millis.length, millis, bytes, cost, replays[REPLAYS / 2]);
    }

    private static void check(HttpResponse<byte[]> response, int status, String operation) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(operation + " answered " + response.statusCode() + ", not " + status + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder(
                "| operation | requests | p50 ms | p95 ms | p99 ms | max ms | response bytes | DynamoDB items read "
                        + "| read capacity units |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %,d | %,d | %.1f |%n", row.operation(),
                    row.requests(), row.percentile(50), row.percentile(95), row.percentile(99),
                    row.millis()[row.millis().length - 1], row.responseBytes(), row.cost().items(),
                    row.cost().rcu()));
        }
        return out.toString();
    }
}
