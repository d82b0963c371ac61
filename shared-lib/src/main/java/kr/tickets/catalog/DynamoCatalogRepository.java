package kr.tickets.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.tickets.aws.DynamoItems;
import kr.tickets.ops.Metrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The Catalog table (keys in {@link CatalogKeys}): venues with their layout in chunks of
 * {@value #SEATS_PER_CHUNK} seats, so a 5,000-seat map is a Query of 10 items; performances
 * with their grades, listed by GSI1 ("latest") and GSI2 ("name"); schedules, listed per
 * performance by GSI1, with the seats that are held or booked.
 */
@Singleton
@Requires(property = "catalog.table")
public class DynamoCatalogRepository implements CatalogRepository {
    static final int SEATS_PER_CHUNK = 500;
    static final int GRADES_PER_CHUNK = 1000;
    private static final int MAX_QUERY_PAGE = 200;
    private static final String UNSOLD_AT_VERSION = "bookedSeats = :zero AND heldSeats = :zero AND version = :v";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DynamoDbClient dynamo;
    private final Metrics metrics;
    private final String table;

    public DynamoCatalogRepository(DynamoDbClient dynamo, Metrics metrics, @Value("${catalog.table}") String table) {
        this.dynamo = dynamo;
        this.metrics = metrics;
        this.table = table;
    }

    // --- venues -------------------------------------------------------------------------------

    @Override
    public void createVenue(Venue venue, List<Seat> seats) {
        List<TransactWriteItem> writes = new ArrayList<>();
        Map<String, AttributeValue> meta = CatalogKeys.venue(venue.venueId());
        meta.put("venueId", s(venue.venueId()));
        meta.put("name", s(venue.name()));
        meta.put("address", s(venue.address()));
        meta.put("seatCount", n(venue.seatCount()));
        meta.put("sections", AttributeValue.fromL(venue.sections().stream().map(DynamoCatalogRepository::s).toList()));
        meta.put("createdAt", s(venue.createdAt().toString()));
        writes.add(putNew(meta));
        for (int from = 0, chunk = 0; from < seats.size(); from += SEATS_PER_CHUNK, chunk++) {
            Map<String, AttributeValue> item = CatalogKeys.venueSeats(venue.venueId(), chunk);
            item.put("seats", s(json(seats.subList(from, Math.min(seats.size(), from + SEATS_PER_CHUNK)))));
            writes.add(putNew(item));
        }
        DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(writes)), metrics);
    }

    @Override
    public Optional<Venue> findVenue(String venueId) {
        return get(CatalogKeys.venue(venueId)).map(item -> new Venue(item.get("venueId").s(), item.get("name").s(),
                item.get("address").s(), Integer.parseInt(item.get("seatCount").n()),
                item.get("sections").l().stream().map(AttributeValue::s).toList(),
                Instant.parse(item.get("createdAt").s())));
    }

    @Override
    public List<Seat> venueSeats(String venueId) {
        List<Seat> seats = new ArrayList<>();
        for (Map<String, AttributeValue> item : queryPrefix(CatalogKeys.venuePk(venueId), CatalogKeys.VENUE_SEATS_PREFIX)) {
            seats.addAll(parse(item.get("seats").s(), new TypeReference<List<Seat>>() { }));
        }
        return seats;
    }

    // --- performances -------------------------------------------------------------------------

    @Override
    public void createPerformance(Performance performance, Map<String, String> gradeOfSeat, List<Schedule> schedules) {
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(putNew(performanceItem(performance)));
        writes.addAll(gradeChunks(performance.performanceId(), gradeOfSeat));
        schedules.forEach(schedule -> writes.add(putNew(scheduleItem(schedule))));
        writes.add(putNew(scheduleIndex(performance.performanceId(),
                schedules.stream().map(Schedule::scheduleId).toList())));
        DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(writes)), metrics);
    }

    @Override
    public Optional<Performance> findPerformance(String performanceId) {
        return get(CatalogKeys.performance(performanceId)).map(DynamoCatalogRepository::performance);
    }

    @Override
    public Map<String, String> gradeOfSeat(String performanceId) {
        Map<String, String> out = new HashMap<>();
        for (Map<String, AttributeValue> item : queryPrefix(CatalogKeys.performancePk(performanceId), CatalogKeys.GRADES_PREFIX, true)) {
            out.putAll(parse(item.get("grades").s(), new TypeReference<Map<String, String>>() { }));
        }
        return out;
    }

    @Override
    public void savePerformance(Performance current, Performance updated, Map<String, String> newGradeOfSeat,
                                List<Schedule> put, List<Schedule> removed, List<Schedule> mustBeUnsold) {
        requireNoClaims(removed);
        requireNoClaims(mustBeUnsold);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(performanceItem(updated))
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", n(current.version()))).build()).build());
        if (newGradeOfSeat != null) {
            int oldChunks = queryPrefix(CatalogKeys.performancePk(current.performanceId()), CatalogKeys.GRADES_PREFIX).size();
            List<TransactWriteItem> chunks = gradeChunks(updated.performanceId(), newGradeOfSeat);
            writes.addAll(chunks);
            for (int chunk = chunks.size(); chunk < oldChunks; chunk++) {
                writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                        .key(CatalogKeys.grades(current.performanceId(), chunk)).build()).build());
            }
        }
        List<String> touched = new ArrayList<>();
        for (Schedule schedule : put) {
            touched.add(schedule.scheduleId());
            Optional<Schedule> read = mustBeUnsold.stream()
                    .filter(s -> s.scheduleId().equals(schedule.scheduleId())).findFirst();
            Put.Builder write = Put.builder().tableName(table).item(scheduleItem(schedule));
            // The rewrite carries counts read earlier: it may only replace exactly what was read.
            read.ifPresent(was -> write.conditionExpression(UNSOLD_AT_VERSION)
                    .expressionAttributeValues(Map.of(":zero", n(0), ":v", n(was.version()))));
            writes.add(TransactWriteItem.builder().put(write.build()).build());
        }
        for (Schedule schedule : removed) {
            touched.add(schedule.scheduleId());
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(CatalogKeys.schedule(schedule.scheduleId()))
                    .conditionExpression("bookedSeats = :zero AND heldSeats = :zero")
                    .expressionAttributeValues(Map.of(":zero", n(0))).build()).build());
        }
        for (Schedule schedule : mustBeUnsold) {
            if (!touched.contains(schedule.scheduleId())) {
                writes.add(unsold(schedule));
            }
        }
        List<String> ids = new ArrayList<>(scheduleIds(current.performanceId()));
        removed.forEach(schedule -> ids.remove(schedule.scheduleId()));
        put.stream().map(Schedule::scheduleId).filter(id -> !ids.contains(id)).forEach(ids::add);
        writes.add(TransactWriteItem.builder().put(Put.builder().tableName(table)
                .item(scheduleIndex(current.performanceId(), ids)).build()).build());
        write(writes);
    }

    /**
     * The performance's schedule ids, kept in one item beside it and changed in the same
     * transactions, so admin changes see every schedule at once (the GSI catches up later).
     */
    private static Map<String, AttributeValue> scheduleIndex(String performanceId, List<String> scheduleIds) {
        Map<String, AttributeValue> item = CatalogKeys.performanceSchedules(performanceId);
        item.put("scheduleIds", AttributeValue.fromL(scheduleIds.stream().map(DynamoCatalogRepository::s).toList()));
        return item;
    }

    private List<String> scheduleIds(String performanceId) {
        return get(CatalogKeys.performanceSchedules(performanceId))
                .map(item -> item.get("scheduleIds").l().stream().map(AttributeValue::s).toList())
                .orElse(List.of());
    }

    @Override
    public void deletePerformance(Performance performance, List<Schedule> schedules) {
        requireNoClaims(schedules);
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(CatalogKeys.performance(performance.performanceId())).conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", n(performance.version()))).build()).build());
        writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                .key(CatalogKeys.performanceSchedules(performance.performanceId())).build()).build());
        for (Map<String, AttributeValue> chunk : queryPrefix(CatalogKeys.performancePk(performance.performanceId()), CatalogKeys.GRADES_PREFIX)) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(CatalogKeys.key(chunk.get(CatalogKeys.PK).s(), chunk.get(CatalogKeys.SK).s())).build()).build());
        }
        for (Schedule schedule : schedules) {
            writes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(table)
                    .key(CatalogKeys.schedule(schedule.scheduleId()))
                    .conditionExpression("bookedSeats = :zero AND heldSeats = :zero")
                    .expressionAttributeValues(Map.of(":zero", n(0))).build()).build());
        }
        write(writes);
    }

    /**
     * Holds no longer count on the schedule's item (issue #11), so "no seat held or booked" is read
     * from the claims before the admin's transaction. A hold placed between this read and that
     * transaction is not seen: the window is one transaction long, admins change a schedule's
     * time or grades before its sale rather than during it, and the hold keeps the price and time
     * it was shown (docs/data-model.md, "Derived counters").
     */
    private void requireNoClaims(List<Schedule> schedules) {
        for (Schedule schedule : schedules) {
            if (anyClaim(schedule.scheduleId())) {
                throw new CatalogConflict(true);
            }
        }
    }

    private TransactWriteItem unsold(Schedule schedule) {
        return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                .key(CatalogKeys.schedule(schedule.scheduleId()))
                .conditionExpression(UNSOLD_AT_VERSION)
                .expressionAttributeValues(Map.of(":zero", n(0), ":v", n(schedule.version()))).build()).build();
    }

    private void write(List<TransactWriteItem> writes) {
        try {
            DynamoItems.transact(() -> dynamo.transactWriteItems(r -> r.transactItems(writes)), metrics);
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())) {
                throw new CatalogConflict(false);
            }
            if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw new CatalogConflict(true);
            }
            throw e;
        }
    }

    private List<TransactWriteItem> gradeChunks(String performanceId, Map<String, String> gradeOfSeat) {
        List<Map.Entry<String, String>> entries = new ArrayList<>(gradeOfSeat.entrySet());
        List<TransactWriteItem> out = new ArrayList<>();
        for (int from = 0, chunk = 0; from < entries.size(); from += GRADES_PER_CHUNK, chunk++) {
            Map<String, String> part = new LinkedHashMap<>();
            entries.subList(from, Math.min(entries.size(), from + GRADES_PER_CHUNK))
                    .forEach(e -> part.put(e.getKey(), e.getValue()));
            Map<String, AttributeValue> item = CatalogKeys.grades(performanceId, chunk);
            item.put("grades", s(json(part)));
            out.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build());
        }
        return out;
    }

    private static Map<String, AttributeValue> performanceItem(Performance p) {
        Map<String, AttributeValue> item = CatalogKeys.performance(p.performanceId());
        item.put("performanceId", s(p.performanceId()));
        item.put("title", s(p.title()));
        item.put("titleSearch", s(searchable(p.title())));
        item.put("genre", s(p.genre().name()));
        item.put("venueId", s(p.venueId()));
        item.put("venueName", s(p.venueName()));
        item.put("runningTimeMinutes", n(p.runningTimeMinutes()));
        item.put("thumbnailUrl", s(p.thumbnailUrl()));
        item.put("description", s(p.description()));
        item.put("ticketingStartAt", s(p.ticketingStartAt().toString()));
        item.put("ticketingEndAt", s(p.ticketingEndAt().toString()));
        item.put("grades", s(json(p.grades())));
        item.put("startAt", s(p.startAt().toString()));
        item.put("endAt", s(p.endAt().toString()));
        item.put("scheduleDates", AttributeValue.fromL(p.scheduleDates().stream().map(DynamoCatalogRepository::s).toList()));
        item.put("minPrice", n(p.minPrice()));
        item.put("maxPrice", n(p.maxPrice()));
        item.put("createdAt", s(p.createdAt().toString()));
        item.put("version", n(p.version()));
        item.put("GSI1PK", s(CatalogKeys.PERFORMANCES));
        item.put("GSI1SK", s(sortableTime(p.createdAt()) + "#" + p.performanceId()));
        item.put("GSI2PK", s(CatalogKeys.PERFORMANCES));
        // U+0001 sorts below every printable character, so "les" comes before "les misérables".
        item.put("GSI2SK", s(nameSortKey(p.title()) + "\u0001" + p.performanceId()));
        return item;
    }

    private static Performance performance(Map<String, AttributeValue> item) {
        return new Performance(item.get("performanceId").s(), item.get("title").s(),
                Genre.valueOf(item.get("genre").s()), item.get("venueId").s(), item.get("venueName").s(),
                Integer.parseInt(item.get("runningTimeMinutes").n()), item.get("thumbnailUrl").s(),
                item.get("description").s(), Instant.parse(item.get("ticketingStartAt").s()),
                Instant.parse(item.get("ticketingEndAt").s()),
                parse(item.get("grades").s(), new TypeReference<List<Grade>>() { }),
                Instant.parse(item.get("startAt").s()), Instant.parse(item.get("endAt").s()),
                item.get("scheduleDates").l().stream().map(AttributeValue::s).toList(),
                Instant.parse(item.get("createdAt").s()), Long.parseLong(item.get("version").n()));
    }

    /**
     * The title as sorted by name, cut to 200 code points: normalisation can lengthen a title
     * many times over, and a sort key may not pass 1,024 bytes.
     */
    static String nameSortKey(String title) {
        String key = searchable(title);
        int points = key.codePointCount(0, key.length());
        return points > 200 ? key.substring(0, key.offsetByCodePoints(0, 200)) : key;
    }

    /** Fixed width, so that text order is time order (Instant.toString() varies in length). */
    static String sortableTime(Instant instant) {
        return String.format("%015d", instant.toEpochMilli());
    }

    /** Titles are matched case-insensitively and in one Unicode form, so "Ｌes" and "les" meet. */
    static String searchable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    // --- schedules ----------------------------------------------------------------------------

    @Override
    public List<Schedule> schedules(String performanceId, Instant from, Instant to) {
        if (from == null && to == null) {
            List<Map<String, AttributeValue>> keys = scheduleIds(performanceId).stream()
                    .map(CatalogKeys::schedule).toList();
            List<Schedule> all = new ArrayList<>();
            for (int i = 0; i < keys.size(); i += 100) {
                DynamoItems.getAll(dynamo, table, keys.subList(i, Math.min(keys.size(), i + 100)))
                        .forEach(item -> all.add(schedule(item)));
            }
            all.sort(java.util.Comparator.comparing(Schedule::startAt).thenComparing(Schedule::scheduleId));
            return all;
        }
        // A month of the calendar: the GSI answers in one Query; a schedule added a moment ago
        // may show a moment later, which a public calendar can afford.
        String low = CatalogKeys.scheduleByTimeFrom(from);
        String high = CatalogKeys.scheduleByTimeTo(to);
        List<Schedule> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).indexName("GSI1")
                        .keyConditionExpression("GSI1PK = :p AND GSI1SK BETWEEN :low AND :high")
                        .expressionAttributeValues(Map.of(":p", s(CatalogKeys.performancePk(performanceId)), ":low", s(low),
                                ":high", s(high))))
                .items().forEach(item -> {
                    Schedule schedule = schedule(item);
                    if (to == null || schedule.startAt().isBefore(to)) {
                        out.add(schedule);
                    }
                });
        return out;
    }

    @Override
    public Optional<Schedule> findSchedule(String scheduleId) {
        return get(CatalogKeys.schedule(scheduleId)).map(DynamoCatalogRepository::schedule);
    }

    @Override
    public Map<String, SeatStatus> seatStates(String scheduleId, Instant now) {
        return claims(scheduleId, now).states();
    }

    /**
     * The stored schedule ({@code META}: times, seats per grade, the admin's version) and its
     * claims, one strongly consistent Query of each of its {@value CatalogKeys#SEAT_SHARDS} claim
     * partitions (paged past 1 MB); the counters and the seat map's version are derived from the
     * claims ({@link SeatClaims}), so no hold writes the schedule's item.
     */
    @Override
    public Optional<ScheduleSeats> scheduleSeats(String scheduleId, Instant now) {
        Optional<Schedule> stored = findSchedule(scheduleId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        SeatClaims claims = claims(scheduleId, now);
        return Optional.of(new ScheduleSeats(claims.derive(stored.get()), claims.states()));
    }

    @Override
    public Schedule withLiveCounts(Schedule stored, Instant now) {
        return claims(stored.scheduleId(), now).derive(stored);
    }

    /** Consistent: a seat map labelled with a version must show the states that version is made of. */
    private SeatClaims claims(String scheduleId, Instant now) {
        SeatClaims claims = new SeatClaims(now);
        for (String pk : CatalogKeys.seatShardPks(scheduleId)) {
            for (Map<String, AttributeValue> item : queryPrefix(pk, CatalogKeys.SEAT_PREFIX, true)) {
                AttributeValue until = item.get("holdUntil");
                AttributeValue grade = item.get("gradeId");
                claims.add(CatalogKeys.seatIdOf(item.get(CatalogKeys.SK).s()), SeatStatus.valueOf(item.get("status").s()),
                        grade == null ? null : grade.s(),
                        until == null ? null : Instant.ofEpochSecond(Long.parseLong(until.n())));
            }
        }
        return claims;
    }

    /** Whether any seat of the schedule is held (even by a hold whose time ran out) or booked. */
    private boolean anyClaim(String scheduleId) {
        for (String pk : CatalogKeys.seatShardPks(scheduleId)) {
            if (!dynamo.query(r -> r.tableName(table).consistentRead(true).limit(1)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(CatalogKeys.SEAT_PREFIX))))
                    .items().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, AttributeValue> scheduleItem(Schedule schedule) {
        Map<String, AttributeValue> item = CatalogKeys.schedule(schedule.scheduleId());
        item.put("scheduleId", s(schedule.scheduleId()));
        item.put("performanceId", s(schedule.performanceId()));
        item.put("startAt", s(schedule.startAt().toString()));
        item.put("endAt", s(schedule.endAt().toString()));
        Map<String, AttributeValue> remaining = new HashMap<>();
        schedule.remainingByGrade().forEach((grade, count) -> remaining.put(grade, n(count)));
        item.put("remainingByGrade", AttributeValue.fromM(remaining));
        item.put("bookedSeats", n(schedule.bookedSeats()));
        item.put("heldSeats", n(0));
        item.put("version", n(schedule.version()));
        item.put("GSI1PK", s(CatalogKeys.performancePk(schedule.performanceId())));
        item.put("GSI1SK", s(CatalogKeys.scheduleByTimeSk(schedule.startAt(), schedule.scheduleId())));
        return item;
    }

    private static Schedule schedule(Map<String, AttributeValue> item) {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        item.get("remainingByGrade").m().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> remaining.put(e.getKey(), Integer.parseInt(e.getValue().n())));
        return new Schedule(item.get("scheduleId").s(), item.get("performanceId").s(),
                Instant.parse(item.get("startAt").s()), Instant.parse(item.get("endAt").s()), remaining,
                Integer.parseInt(item.get("bookedSeats").n()), Long.parseLong(item.get("version").n()));
    }

    // --- the list -----------------------------------------------------------------------------

    @Override
    public PerformancePage listPerformances(PerformanceQuery query) {
        boolean latest = query.sort() == PerformanceQuery.Sort.LATEST;
        String index = latest ? "GSI1" : "GSI2";
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":all", s(CatalogKeys.PERFORMANCES));
        List<String> filters = new ArrayList<>();
        if (query.q() != null) {
            filters.add("contains(titleSearch, :q)");
            values.put(":q", s(searchable(query.q())));
        }
        if (query.genre() != null) {
            filters.add("genre = :genre");
            values.put(":genre", s(query.genre().name()));
        }
        if (query.venueId() != null) {
            filters.add("venueId = :venue");
            values.put(":venue", s(query.venueId()));
        }
        if (query.minPrice() != null) {
            filters.add("maxPrice >= :minPrice");
            values.put(":minPrice", n(query.minPrice()));
        }
        if (query.maxPrice() != null) {
            filters.add("minPrice <= :maxPrice");
            values.put(":maxPrice", n(query.maxPrice()));
        }
        if (query.from() != null) {
            filters.add("endAt >= :from");
            values.put(":from", s(query.from().toString()));
        }
        if (query.to() != null) {
            filters.add("startAt < :to");
            values.put(":to", s(query.to().plusDays(1).toString()));
        }
        Map<String, AttributeValue> start = decodeCursor(query.cursor(), index);
        // One match more than the page: its presence is what says a next page exists, so the
        // last page never hands out a cursor to an empty one.
        int wanted = query.size() + 1;
        List<Map<String, AttributeValue>> matches = new ArrayList<>();
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(index)
                    .keyConditionExpression(index + "PK = :all")
                    .expressionAttributeValues(values)
                    .scanIndexForward(!latest)
                    .limit(filters.isEmpty() ? wanted : MAX_QUERY_PAGE);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            QueryResponse response = dynamo.query(request.build());
            for (Map<String, AttributeValue> item : response.items()) {
                if (matches.size() < wanted && inDateRange(item, query.from(), query.to())) {
                    matches.add(item);
                }
            }
            start = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                    ? response.lastEvaluatedKey() : null;
        } while (matches.size() < wanted && start != null);
        boolean hasNext = matches.size() == wanted;
        List<Map<String, AttributeValue>> page = hasNext ? matches.subList(0, query.size()) : matches;
        return new PerformancePage(page.stream().map(DynamoCatalogRepository::performance).toList(),
                hasNext ? encodeCursor(page.get(page.size() - 1), index) : null);
    }

    /** FilterExpression keeps performances whose span overlaps; this keeps those with a schedule in range. */
    private static boolean inDateRange(Map<String, AttributeValue> item, LocalDate from, LocalDate to) {
        if (from == null && to == null) {
            return true;
        }
        return item.get("scheduleDates").l().stream().map(d -> LocalDate.parse(d.s()))
                .anyMatch(d -> (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to)));
    }

    private static String encodeCursor(Map<String, AttributeValue> item, String index) {
        String pk = index + "PK";
        String sk = index + "SK";
        Map<String, String> key = Map.of("pk", item.get("pk").s(), "sk", item.get("sk").s(),
                pk, item.get(pk).s(), sk, item.get(sk).s());
        return json(key);
    }

    private static Map<String, AttributeValue> decodeCursor(String cursor, String index) {
        if (cursor == null) {
            return null;
        }
        try {
            Map<String, String> key = JSON.readValue(cursor,
                    new TypeReference<Map<String, String>>() { });
            if (key.size() != 4 || !key.containsKey(index + "PK") || !key.containsKey(index + "SK")
                    || !key.containsKey("pk") || !key.containsKey("sk") || !CatalogKeys.PERFORMANCES.equals(key.get(index + "PK"))) {
                throw new CatalogRepository.InvalidCursor();
            }
            Map<String, AttributeValue> out = new HashMap<>();
            key.forEach((k, v) -> out.put(k, s(v)));
            return out;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new CatalogRepository.InvalidCursor();
        }
    }

    // --- helpers ------------------------------------------------------------------------------

    /**
     * Strongly consistent: admin changes are conditioned on the version read here, and a seat
     * map poll must not see a version older than the last change.
     */
    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).key(key)
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private List<Map<String, AttributeValue>> queryPrefix(String pk, String prefix) {
        return queryPrefix(pk, prefix, false);
    }

    private List<Map<String, AttributeValue>> queryPrefix(String pk, String prefix, boolean consistent) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(consistent)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(pk), ":prefix", s(prefix))))
                .items().forEach(out::add);
        return out;
    }

    /** Every item of one partition, strongly consistent. */
    private List<Map<String, AttributeValue>> queryPartition(String pk) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table).consistentRead(true).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(pk))))
                .items().forEach(out::add);
        return out;
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value == null ? "" : value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
