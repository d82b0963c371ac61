package kr.tickets.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class DynamoItemsTest {
    private final RecordingMetrics metrics = new RecordingMetrics();

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().message("cancelled")
                .cancellationReasons(Arrays.stream(codes)
                        .map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    @Test
    void aTransactionConflictIsCountedAndTriedAgain() {
        AtomicInteger calls = new AtomicInteger();

        String result = DynamoItems.transact(() -> {
            if (calls.incrementAndGet() == 1) {
                throw cancelled("None", "TransactionConflict");
            }
            return "written";
        }, metrics);

        assertEquals("written", result);
        assertEquals(2, calls.get());
        assertEquals(List.of(Metric.TRANSACTION_CONFLICT), metrics.metrics());
    }

    @Test
    void aConflictThatLastsIsCountedEachTimeAndThenThrown() {
        assertThrows(TransactionCanceledException.class,
                () -> DynamoItems.transact(() -> {
                    throw cancelled("TransactionConflict");
                }, metrics));

        assertEquals(4, metrics.total(Metric.TRANSACTION_CONFLICT));
    }

    @Test
    void aFailedConditionIsTheCallersAndNoTransactionConflict() {
        AtomicInteger calls = new AtomicInteger();

        assertThrows(TransactionCanceledException.class, () -> DynamoItems.transact(() -> {
            calls.incrementAndGet();
            throw cancelled("ConditionalCheckFailed", "TransactionConflict");
        }, metrics));

        assertEquals(1, calls.get());
        assertEquals(List.of(), metrics.metrics());
    }
}
