package kr.tickets.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import kr.tickets.booking.Booking;
import kr.tickets.booking.BookingKeys;
import kr.tickets.booking.BookingRepository;
import kr.tickets.booking.DynamoBookingRepository;
import kr.tickets.booking.DynamoHoldRepository;
import kr.tickets.booking.HoldRules;
import kr.tickets.booking.PriceBreakdown;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.LocalService;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What a page of {@code GET /me/bookings} costs for a user with {@value #BOOKINGS} bookings of
 * the last 365 days (and {@value #OLD} older ones TTL has not removed yet). Starts a service of
 * its own on free 127.0.0.1 ports, signs one user up over HTTP, writes the bookings with the
 * service's own items ({@link DynamoHoldRepository#bookingWrite}), then for each sort and order
 * reads page 1 and walks every page of {@value #PAGE} with the real {@link DynamoBookingRepository}
 * on a DynamoDB client that records each request. moto reports no consumed capacity, so read
 * units come from the items each Query read ({@link ReadCost}), filtered out or not. The same
 * pages are read over HTTP, checked against the in-process ones and timed.
 *
 * <pre>{@code bench/bookings.sh}</pre>
 */
public final class BookingsListBenchmark {
    private static final long SEED = 365L;
    private static final int BOOKINGS = 500;
    private static final int OLD = 20;
    private static final int PAGE = 20;
    private static final int WARM_UP = 10;
    private static final int REQUESTS = 100;
    /** BatchWriteItem takes 25 items: 8 bookings of 3 items each. */
    private static final int BOOKINGS_PER_BATCH = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminApi user;
    private final String userId;
    private final DynamoBookingRepository repository;
    private final Recorder recorder;
    private final DynamoDbClient plain;
    private final String table;

    private BookingsListBenchmark(AdminApi user, String userId, DynamoBookingRepository repository, Recorder recorder,
                                  DynamoDbClient plain, String table) {
        this.user = user;
        this.userId = userId;
        this.repository = repository;
        this.recorder = recorder;
        this.plain = plain;
        this.table = table;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        System.out.println(CatalogBenchmark.machine());
        Recorder recorder = new Recorder();
        try (LocalService service = LocalService.start(0, 0);
             DynamoDbClient plain = AwsLocal.dynamo(service.stack().endpoint());
             DynamoDbClient recorded = AwsLocal.dynamo(service.stack().endpoint(), recorder)) {
            String table = service.stack().resources().physicalId("BookingTable");
            String email = "bench-" + UUID.randomUUID() + "@example.com";
            String password = "s3cret!pass";
            String userId = AdminApi.anonymous(service.baseUrl()).create("/auth/signup", Map.of("name", "김민지",
                    "email", email, "password", password, "phone", "010-3650-0500")).get("userId").asText();
            AdminApi user = AdminApi.login(service.baseUrl(), email, password);
            new BookingsListBenchmark(user, userId, new DynamoBookingRepository(recorded, table), recorder, plain, table)
                    .run();
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
    }

    /** Every request a client sent, with its answer; Queries are kept to be priced. */
    static final class Recorder implements ExecutionInterceptor {
        private final List<QueryRequest> queries = Collections.synchronizedList(new ArrayList<>());
        private final List<QueryResponse> answers = Collections.synchronizedList(new ArrayList<>());
        private int others;

        @Override
        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof QueryRequest query && context.response() instanceof QueryResponse answer) {
                queries.add(query);
                answers.add(answer);
            } else {
                others++;
            }
        }

        void reset() {
            queries.clear();
            answers.clear();
            others = 0;
        }
    }

    private void run() {
        long seeding = System.nanoTime();
        List<Booking> bookings = seed();
        System.out.printf("Data: one user, %d bookings of the last 365 days and %d older ones (366–700 days; TTL "
                        + "has not deleted their title entries yet), %d distinct titles, written in %.1f s. "
                        + "Booking item median %,d bytes, title entry median %,d bytes.%n%n", BOOKINGS, OLD,
                bookings.stream().map(Booking::performanceTitle).distinct().count(),
                (System.nanoTime() - seeding) / 1e9, medianSize(bookings, 0), medianSize(bookings, 1));
        List<Row> rows = new ArrayList<>();
        for (BookingRepository.Sort sort : BookingRepository.Sort.values()) {
            for (boolean ascending : new boolean[]{false, true}) {
                rows.add(measure(sort, ascending));
            }
        }
        System.out.println(table(rows));
    }

    private List<Booking> seed() {
        Random random = new Random(SEED);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Booking> bookings = new ArrayList<>();
        for (int i = 0; i < BOOKINGS + OLD; i++) {
            // A minute of margin keeps the newest and oldest clear of the cut while the benchmark runs.
            long minutes = i < BOOKINGS ? 1 + random.nextInt(364 * 24 * 60)
                    : (366 + random.nextInt(335)) * 24L * 60;
            bookings.add(booking(CatalogBenchmark.title(random.nextInt(160)), now.minus(Duration.ofMinutes(minutes)),
                    random));
        }
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < bookings.size(); i++) {
            DynamoHoldRepository.bookingWrite(bookings.get(i)).items().forEach(item ->
                    batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()));
            if ((i + 1) % BOOKINGS_PER_BATCH == 0 || i == bookings.size() - 1) {
                Map<String, List<WriteRequest>> pending = Map.of(table, List.copyOf(batch));
                while (!pending.isEmpty()) {
                    Map<String, List<WriteRequest>> request = pending;
                    pending = plain.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
                }
                batch.clear();
            }
        }
        return bookings;
    }

    private Booking booking(String title, Instant bookedAt, Random random) {
        String id = UUID.randomUUID().toString();
        Instant show = bookedAt.plus(Duration.ofDays(7 + random.nextInt(60))).truncatedTo(ChronoUnit.HOURS);
        int row = 1 + random.nextInt(20);
        int seat = 1 + random.nextInt(30);
        return new Booking(id, HoldRules.bookingNumber(id, bookedAt, 0), userId, "김민지", "minji@example.com", id,
                UUID.randomUUID().toString(), UUID.randomUUID().toString(), title,
                "https://img.tickets.example/posters/" + id + ".jpg", CatalogBenchmark.HALL.name(), show,
                "1층-" + row + "-" + seat, "1층 " + row + "열 " + seat + "번", "R",
                new PriceBreakdown(99_000, 2_000, 0),
                new Booking.PaymentInfo("CARD", "카드", "tgen_" + id.replace("-", ""), bookedAt.plusSeconds(2),
                        "https://dashboard.tosspayments.example/receipt/" + id),
                Booking.Status.CONFIRMED, bookedAt);
    }

    private static long medianSize(List<Booking> bookings, int which) {
        long[] sizes = bookings.stream().mapToLong(b -> ReadCost.size(DynamoHoldRepository.bookingWrite(b).items()
                .get(which))).sorted().toArray();
        return sizes[sizes.length / 2];
    }

    /** One sort and order: page 1 and the walk to the end, in process and over HTTP. */
    private Row measure(BookingRepository.Sort sort, boolean ascending) {
        Instant from = Instant.now().minus(BookingKeys.LIST_WINDOW);
        List<PageCost> pages = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
            recorder.reset();
            BookingRepository.Page<BookingRepository.BookingLine> page = repository.userBookings(
                    new BookingRepository.UserBookingsQuery(userId, sort, ascending, from, PAGE, cursor));
            pages.add(price(page.items().size()));
            page.items().forEach(line -> walked.add(line.bookingId()));
            cursor = page.nextCursor();
        } while (cursor != null);

        String query = "/me/bookings?sort=" + (sort == BookingRepository.Sort.TITLE ? "title" : "bookedAt")
                + "&order=" + (ascending ? "asc" : "desc") + "&size=" + PAGE;
        long walkStart = System.nanoTime();
        List<String> overHttp = new ArrayList<>();
        String next = null;
        do {
            JsonNode page = get(query + (next == null ? "" : "&cursor=" + next));
            page.get("items").forEach(item -> overHttp.add(item.get("bookingId").asText()));
            next = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (next != null);
        double walkMillis = (System.nanoTime() - walkStart) / 1e6;
        if (!overHttp.equals(walked) || walked.size() != BOOKINGS) {
            throw new IllegalStateException(query + ": HTTP listed " + overHttp.size() + " bookings, the repository "
                    + walked.size() + ", of " + BOOKINGS + " (or in another order)");
        }
        for (int i = 0; i < WARM_UP; i++) {
            get(query);
        }
        double[] millis = new double[REQUESTS];
        for (int i = 0; i < REQUESTS; i++) {
            long start = System.nanoTime();
            get(query);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Row(sort, ascending, pages, millis, walkMillis);
    }

    /** What the Queries recorded since the last reset read: each priced by every item it evaluated. */
    private PageCost price(int shown) {
        if (recorder.others != 0) {
            throw new IllegalStateException("a list page made a request other than Query");
        }
        ReadCost cost = ReadCost.NONE;
        for (int i = 0; i < recorder.queries.size(); i++) {
            QueryRequest query = recorder.queries.get(i);
            QueryResponse answer = recorder.answers.get(i);
            boolean consistent = Boolean.TRUE.equals(query.consistentRead());
            cost = cost.plus(ReadCost.query(evaluated(query, answer), consistent));
        }
        return new PageCost(recorder.queries.size(), shown, cost);
    }

    /**
     * The items a Query evaluated. With a filter that dropped some, the same Query without it,
     * limited to the answer's ScannedCount, returns them: DynamoDB charges for those too.
     */
    private List<Map<String, AttributeValue>> evaluated(QueryRequest query, QueryResponse answer) {
        if (query.filterExpression() == null || answer.scannedCount().equals(answer.count())) {
            return answer.items();
        }
        Map<String, AttributeValue> keyValues = query.expressionAttributeValues().entrySet().stream()
                .filter(e -> query.keyConditionExpression().contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return plain.query(query.toBuilder().filterExpression(null).expressionAttributeValues(keyValues)
                .limit(answer.scannedCount()).build()).items();
    }

    private JsonNode get(String pathAndQuery) {
        HttpResponse<byte[]> response = user.get(pathAndQuery, "Authorization", user.bearer());
        try {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(pathAndQuery + " answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(pathAndQuery + " answered no JSON", e);
        }
    }

    private record PageCost(int queries, int shown, ReadCost cost) {
    }

    private record Row(BookingRepository.Sort sort, boolean ascending, List<PageCost> pages, double[] millis,
                       double walkMillis) {
        String name() {
            return (sort == BookingRepository.Sort.TITLE ? "title" : "bookedAt") + ", " + (ascending ? "asc" : "desc");
        }

        double percentile(double p) {
            return millis[Math.max(0, (int) Math.ceil(p / 100 * millis.length) - 1)];
        }
    }

    private static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| sort, order | page 1: Queries | page 1: items read / shown "
                + "| page 1: RCU | page 1 over HTTP: p50 / p95 ms | walk: pages | walk: Queries per page (max) "
                + "| walk: RCU per page (mean / max) | walk: RCU total | walk over HTTP: ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            PageCost first = row.pages().get(0);
            double total = row.pages().stream().mapToDouble(p -> p.cost().rcu()).sum();
            out.append(String.format("| %s | %d | %d / %d | %.1f | %.1f / %.1f | %d | %d | %.2f / %.1f | %.1f | %.0f |%n",
                    row.name(), first.queries(), first.cost().items(), first.shown(), first.cost().rcu(),
                    row.percentile(50), row.percentile(95), row.pages().size(),
                    row.pages().stream().mapToInt(PageCost::queries).max().orElse(0), total / row.pages().size(),
                    row.pages().stream().mapToDouble(p -> p.cost().rcu()).max().orElse(0), total, row.walkMillis()));
        }
        return out.toString();
    }
}
