package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The booking lists on BookingTable, one Query a page (docs/data-model.md, "BookingTable"):
 * a user's list by date on GSI1, by title on the user's title entries (base table), a
 * schedule's bookings on GSI2. Every key comes from {@link BookingKeys}. A page asks for one
 * item more than it shows: that item says whether a next page exists, so the last page never
 * hands out a cursor to an empty one. A cursor is the sort key of the last item shown; the
 * partition always comes from the query, so a cursor can only move within it.
 */
@Singleton
@Requires(property = "booking.table")
public class DynamoBookingRepository implements BookingRepository {
    private static final String GSI1 = "GSI1";
    private static final String GSI2 = "GSI2";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoBookingRepository(DynamoDbClient dynamo, @Value("${booking.table}") String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Page<BookingLine> userBookings(UserBookingsQuery query) {
        String userPk = BookingKeys.userPk(query.userId());
        QueryRequest.Builder request = QueryRequest.builder().tableName(table)
                .scanIndexForward(query.ascending()).limit(query.size() + 1);
        String position = query.cursor();
        if (query.sort() == Sort.BOOKED_AT) {
            String from = BookingKeys.dateSkFrom(query.bookedFrom());
            if (position != null && !BookingKeys.isDateSk(position)) {
                throw new InvalidCursor();
            }
            if (position != null && position.compareTo(from) < 0) {
                // The window moved past the cursor since it was handed out: going up, everything
                // left is above the cut; going down, nothing is.
                if (!query.ascending()) {
                    return new Page<>(List.of(), null);
                }
                position = null;
            }
            request.indexName(GSI1).keyConditionExpression("GSI1PK = :u AND GSI1SK >= :from")
                    .expressionAttributeValues(Map.of(":u", s(userPk), ":from", s(from)));
            if (position != null) {
                request.exclusiveStartKey(indexKey(GSI1, userPk, position));
            }
            return page(dynamo.query(request.build()), query.size(), GSI1 + "SK", DynamoBookingRepository::dateLine);
        }
        if (position != null && !BookingKeys.isTitleSk(position)) {
            throw new InvalidCursor();
        }
        // Title entries older than the window are deleted by TTL, usually within days of their
        // expiry; until then this filter hides them (they are read, and paid for, all the same).
        request.keyConditionExpression("pk = :u AND begins_with(sk, :title)")
                .filterExpression("bookedAtMs >= :fromMs")
                .consistentRead(true)
                .expressionAttributeValues(Map.of(":u", s(userPk), ":title", s(BookingKeys.TITLE_PREFIX),
                        ":fromMs", AttributeValue.fromN(Long.toString(query.bookedFrom().toEpochMilli()))));
        if (position != null) {
            request.exclusiveStartKey(Map.of("pk", s(userPk), "sk", s(position)));
        }
        return page(dynamo.query(request.build()), query.size(), "sk", DynamoBookingRepository::titleLine);
    }

    @Override
    public Page<Booking> scheduleBookings(ScheduleBookingsQuery query) {
        String schedulePk = BookingKeys.schedulePk(query.scheduleId());
        if (query.cursor() != null && !BookingKeys.isScheduleSk(query.cursor(), query.status())) {
            throw new InvalidCursor();
        }
        QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(GSI2)
                .limit(query.size() + 1);
        if (query.status() == null) {
            request.keyConditionExpression("GSI2PK = :s").expressionAttributeValues(Map.of(":s", s(schedulePk)));
        } else {
            request.keyConditionExpression("GSI2PK = :s AND begins_with(GSI2SK, :status)")
                    .expressionAttributeValues(Map.of(":s", s(schedulePk),
                            ":status", s(BookingKeys.scheduleStatusPrefix(query.status()))));
        }
        if (query.cursor() != null) {
            request.exclusiveStartKey(indexKey(GSI2, schedulePk, query.cursor()));
        }
        return page(dynamo.query(request.build()), query.size(), GSI2 + "SK", BookingItems::booking);
    }

    /**
     * The page of {@code size} items and its cursor: the last shown item's sort key when the
     * extra item came back; DynamoDB's LastEvaluatedKey when a filter dropped items before the
     * Limit was reached (more may follow); none otherwise.
     */
    private static <T> Page<T> page(QueryResponse response, int size, String sortKey,
                                    Function<Map<String, AttributeValue>, T> read) {
        List<Map<String, AttributeValue>> items = response.items();
        if (items.size() > size) {
            List<Map<String, AttributeValue>> shown = items.subList(0, size);
            return new Page<>(shown.stream().map(read).toList(), shown.get(size - 1).get(sortKey).s());
        }
        Map<String, AttributeValue> last = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : Map.of();
        return new Page<>(items.stream().map(read).toList(), last.isEmpty() ? null : last.get(sortKey).s());
    }

    /** An index's ExclusiveStartKey: the index keys and the booking item's own. */
    private static Map<String, AttributeValue> indexKey(String index, String partition, String sortKey) {
        Map<String, AttributeValue> key = new HashMap<>(BookingKeys.booking(BookingKeys.bookingIdOf(sortKey)));
        key.put(index + "PK", s(partition));
        key.put(index + "SK", s(sortKey));
        return key;
    }

    private static BookingLine dateLine(Map<String, AttributeValue> item) {
        Booking b = BookingItems.booking(item);
        return new BookingLine(b.bookingId(), b.bookingNumber(), b.bookedAt(), b.performanceTitle(), b.thumbnailUrl(),
                b.venueName(), b.scheduleStartAt(), b.status());
    }

    private static BookingLine titleLine(Map<String, AttributeValue> item) {
        return new BookingLine(str(item, "bookingId"), str(item, "bookingNumber"), Instant.parse(str(item, "bookedAt")),
                str(item, "performanceTitle"), str(item, "thumbnailUrl"), str(item, "venueName"),
                Instant.parse(str(item, "scheduleStartAt")), Booking.Status.valueOf(str(item, "status")));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        return DynamoHoldRepository.str(item, name);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
