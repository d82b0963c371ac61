package kr.tickets.runner.bench;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a set of DynamoDB reads costs, by DynamoDB's rules: an item's size
 * is the sum of its attribute names and values (strings and binaries by their UTF-8 or raw
 * length, numbers one byte per two significant digits plus one, lists and maps 3 bytes plus one
 * per element); a GetItem costs 1 RCU per started 4 KB of its item when strongly consistent and
 * half that when eventually consistent, a Query the same per started 4 KB of the summed sizes of
 * every item it read, filtered out or not, and a BatchGetItem the sum of its GetItems. Each read
 * costs at least one unit (1 or 0.5 RCU), found or not.
 */
record ReadCost(int requests, int items, long bytes, double rcu) {
    static final ReadCost NONE = new ReadCost(0, 0, 0, 0);
    private static final long UNIT = 4096;

    /** One GetItem; {@code item} is null when there was none. */
    static ReadCost get(Map<String, AttributeValue> item, boolean consistent) {
        long size = item == null || item.isEmpty() ? 0 : size(item);
        return new ReadCost(1, size == 0 ? 0 : 1, size, units(size, consistent));
    }

    /** One BatchGetItem request of {@code items}, each priced as its own GetItem. */
    static ReadCost batchGet(List<Map<String, AttributeValue>> items, boolean consistent) {
        long size = items.stream().mapToLong(ReadCost::size).sum();
        double rcu = items.stream().mapToDouble(i -> units(size(i), consistent)).sum();
        return new ReadCost(1, items.size(), size, rcu);
    }

    /** One Query request (one page) that read {@code items}. */
    static ReadCost query(List<Map<String, AttributeValue>> items, boolean consistent) {
        long size = items.stream().mapToLong(ReadCost::size).sum();
        return new ReadCost(1, items.size(), size, units(size, consistent));
    }

    ReadCost plus(ReadCost other) {
        return new ReadCost(requests + other.requests, items + other.items, bytes + other.bytes, rcu + other.rcu);
    }

    static long size(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + valueSize(attribute.getValue());
        }
        return size;
    }

    private static long valueSize(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> numberSize(value.n());
            case B -> value.b().asByteArray().length;
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ReadCost::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ReadCost::numberSize).sum();
            case BS -> value.bs().stream().map(SdkBytes::asByteArray).mapToLong(b -> b.length).sum();
            case L -> 3 + value.l().stream().mapToLong(v -> 1 + valueSize(v)).sum();
            case M -> 3 + value.m().entrySet().stream()
                    .mapToLong(e -> 1 + utf8(e.getKey()) + valueSize(e.getValue())).sum();
            default -> throw new IllegalArgumentException("unknown attribute type " + value.type());
        };
    }

    private static long numberSize(String number) {
        BigDecimal value = new BigDecimal(number);
        int digits = value.signum() == 0 ? 1 : value.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static double units(long bytes, boolean consistent) {
        return Math.max(1, (bytes + UNIT - 1) / UNIT) * (consistent ? 1.0 : 0.5);
    }
}
