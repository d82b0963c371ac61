package kr.tickets.runner.bench;

import java.text.Normalizer;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import kr.tickets.catalog.CatalogKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The DynamoDB reads each public catalog route makes, replayed on the service's own table with
 * the keys, index, order and page size of {@code DynamoCatalogRepository}, to size what they read.
 * moto reports no real consumed capacity, so the cost comes from the items themselves. Each
 * replay also returns what the route shows, so the benchmark can check it against the service's
 * answer and notice when this model and the repository part ways.
 */
final class CatalogReads {
    /** The repository's Query page with a filter; without one it asks for one item more than the page. */
    private static final int FILTERED_QUERY_LIMIT = 200;
    private static final Predicate<Map<String, AttributeValue>> ANY = item -> true;

    private final DynamoDbClient dynamo;
    private final String table;

    CatalogReads(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** A list page: the performances shown, the key its cursor stands for, and what finding them read. */
    record ListRead(List<String> performanceIds, Map<String, AttributeValue> lastKey, ReadCost cost) {
    }

    /**
     * {@code GET /performances} in the default order ("latest", GSI1 backwards): Query pages of
     * size + 1 items (unfiltered) or {@value #FILTERED_QUERY_LIMIT} until one more match than the
     * page size is found (the filter
     * drops items only after they were read), starting after {@code startAfter} (null: page 1).
     */
    ListRead list(Predicate<Map<String, AttributeValue>> filter, int size, Map<String, AttributeValue> startAfter) {
        List<Map<String, AttributeValue>> matches = new ArrayList<>();
        ReadCost cost = ReadCost.NONE;
        Map<String, AttributeValue> start = startAfter;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName("GSI1")
                    .keyConditionExpression("GSI1PK = :all")
                    .expressionAttributeValues(Map.of(":all", AttributeValue.fromS(CatalogKeys.PERFORMANCES)))
                    .scanIndexForward(false).limit(filter == ANY ? size + 1 : FILTERED_QUERY_LIMIT);
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse page = dynamo.query(request.build());
            cost = cost.plus(ReadCost.query(page.items(), false));
            for (Map<String, AttributeValue> item : page.items()) {
                if (matches.size() <= size && filter.test(item)) {
                    matches.add(item);
                }
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (matches.size() <= size && start != null);
        List<Map<String, AttributeValue>> shown = matches.subList(0, Math.min(size, matches.size()));
        Map<String, AttributeValue> lastKey = null;
        if (!shown.isEmpty()) {
            Map<String, AttributeValue> last = shown.get(shown.size() - 1);
            lastKey = Map.of("pk", last.get("pk"), "sk", last.get("sk"), "GSI1PK", last.get("GSI1PK"),
                    "GSI1SK", last.get("GSI1SK"));
        }
        return new ListRead(shown.stream().map(i -> i.get("performanceId").s()).toList(), lastKey, cost);
    }

    static Predicate<Map<String, AttributeValue>> any() {
        return ANY;
    }

    /** {@code q}: the title in the repository's searchable form (NFKC, lower case) contains it. */
    static Predicate<Map<String, AttributeValue>> titleContains(String q) {
        String wanted = Normalizer.normalize(q, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return item -> item.get("titleSearch").s().contains(wanted);
    }

    /** {@code genre}, {@code minPrice}, {@code maxPrice}: the genre, and a price range that overlaps. */
    static Predicate<Map<String, AttributeValue>> genreAndPrice(String genre, long minPrice, long maxPrice) {
        return item -> item.get("genre").s().equals(genre)
                && Long.parseLong(item.get("maxPrice").n()) >= minPrice
                && Long.parseLong(item.get("minPrice").n()) <= maxPrice;
    }

    /**
     * {@code GET /performances/{id}}: the performance and its schedule list (strongly
     * consistent GetItems), then every schedule in one strongly consistent BatchGetItem.
     */
    ScheduleRead detail(String performanceId) {
        Map<String, AttributeValue> index = get(CatalogKeys.performanceSchedules(performanceId));
        ReadCost cost = ReadCost.get(get(CatalogKeys.performance(performanceId)), true).plus(ReadCost.get(index, true));
        List<Map<String, AttributeValue>> schedules = new ArrayList<>();
        for (AttributeValue id : index.get("scheduleIds").l()) {
            schedules.add(get(CatalogKeys.schedule(id.s())));
        }
        return new ScheduleRead(schedules.size(), cost.plus(ReadCost.batchGet(schedules, true)));
    }

    /** {@code GET /performances/{id}/calendar?month=}: the performance, then the month's schedules from GSI1. */
    ScheduleRead calendar(String performanceId, YearMonth month) {
        String low = CatalogKeys.scheduleByTimeFrom(month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        String high = CatalogKeys.scheduleByTimeTo(month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        ReadCost cost = ReadCost.get(get(CatalogKeys.performance(performanceId)), true);
        int schedules = 0;
        for (QueryResponse page : dynamo.queryPaginator(r -> r.tableName(table).indexName("GSI1")
                .keyConditionExpression("GSI1PK = :p AND GSI1SK BETWEEN :low AND :high")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(CatalogKeys.performancePk(performanceId)),
                        ":low", AttributeValue.fromS(low), ":high", AttributeValue.fromS(high))))) {
            cost = cost.plus(ReadCost.query(page.items(), false));
            schedules += page.items().size();
        }
        return new ScheduleRead(schedules, cost);
    }

    /** Schedules read along with their performance. */
    record ScheduleRead(int schedules, ReadCost cost) {
    }

    /**
     * {@code GET /schedules/{id}/seats} answered in full: the schedule, its performance, the
     * performance's grade map, the schedule's held or sold seats and, unless this container
     * already keeps the venue's layout, the layout.
     */
    ReadCost seatMap(String scheduleId, boolean layoutCached) {
        Map<String, AttributeValue> schedule = get(CatalogKeys.schedule(scheduleId));
        String performanceId = schedule.get("performanceId").s();
        Map<String, AttributeValue> performance = get(CatalogKeys.performance(performanceId));
        ReadCost cost = ReadCost.get(schedule, true).plus(ReadCost.get(performance, true));
        if (!layoutCached) {
            cost = cost.plus(prefix(CatalogKeys.venuePk(performance.get("venueId").s()), CatalogKeys.VENUE_SEATS_PREFIX, false));
        }
        return cost.plus(prefix(CatalogKeys.performancePk(performanceId), CatalogKeys.GRADES_PREFIX, true))
                .plus(claims(scheduleId));
    }

    /**
     * {@code GET /schedules/{id}/seats} with a current {@code If-None-Match}: the schedule and its
     * claims, from which the version (the ETag) is derived (issue #11).
     */
    ReadCost notModified(String scheduleId) {
        return ReadCost.get(get(CatalogKeys.schedule(scheduleId)), true).plus(claims(scheduleId));
    }

    /** One strongly consistent Query of each claim shard of the schedule. */
    private ReadCost claims(String scheduleId) {
        ReadCost cost = null;
        for (String shard : CatalogKeys.seatShardPks(scheduleId)) {
            ReadCost one = prefix(shard, CatalogKeys.SEAT_PREFIX, true);
            cost = cost == null ? one : cost.plus(one);
        }
        return cost;
    }

    /** Every performance item, to describe the data set. */
    List<Map<String, AttributeValue>> allPerformances() {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :all")
                .expressionAttributeValues(Map.of(":all", AttributeValue.fromS(CatalogKeys.PERFORMANCES)))).items().forEach(out::add);
        return out;
    }

    private ReadCost prefix(String pk, String prefix, boolean consistent) {
        ReadCost cost = ReadCost.NONE;
        for (QueryResponse page : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk),
                        ":prefix", AttributeValue.fromS(prefix))))) {
            cost = cost.plus(ReadCost.query(page.items(), consistent));
        }
        return cost;
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key)).item();
        if (item == null || item.isEmpty()) {
            throw new IllegalStateException("no item " + key);
        }
        return item;
    }
}
