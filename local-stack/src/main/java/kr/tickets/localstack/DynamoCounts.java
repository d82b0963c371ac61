package kr.tickets.localstack;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

/**
 * The DynamoDB requests the local emulator has served, counted by the launcher
 * ({@code local/moto_launcher.py}, {@code /_local/dynamo-counts}) by operation, table, index and
 * partition key value. A transaction or batch counts once per item it names, under
 * {@code TransactWriteItems:Put}, {@code BatchGetItem} and so on.
 */
public final class DynamoCounts {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How many requests (or items of a transaction or batch) of one kind named one partition. */
    public record Count(String operation, String table, String index, String partition, long count) {
    }

    private DynamoCounts() {
    }

    /** Every count since the start or the last {@link #reset}. */
    public static List<Count> read(String endpoint) {
        HttpResponse<String> response = EmulatorCounts.send(HttpRequest.newBuilder(URI.create(endpoint + "/_local/dynamo-counts")).GET());
        try {
            return JSON.readValue(response.body(), new TypeReference<List<Count>>() { });
        } catch (IOException e) {
            throw new IllegalStateException("unreadable counts: " + response.body(), e);
        }
    }

    /** The total of the counts of {@code table}'s partition {@code partition}, for operations starting with {@code operation}. */
    public static long total(List<Count> counts, String table, String partition, String operation) {
        return counts.stream().filter(c -> table.equals(c.table()) && partition.equals(c.partition())
                && c.operation().startsWith(operation)).mapToLong(Count::count).sum();
    }

    public static void reset(String endpoint) {
        EmulatorCounts.send(HttpRequest.newBuilder(URI.create(endpoint + "/_local/dynamo-counts")).DELETE());
    }
}
