package kr.tickets.booking.receipt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.tickets.web.JsonStreamFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receipt queue's consumer (SQS event, ReportBatchItemFailures): sends each booking's email
 * (a receipt, or a cancellation notice when the message says {@code "kind": "CANCELLATION"})
 * and names the records that failed, so only those come back for another try.
 */
public class ReceiptsHandler extends JsonStreamFunction {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsHandler.class);

    private final ReceiptDispatcher receipts;

    public ReceiptsHandler() {
        this(System.getenv());
    }

    public ReceiptsHandler(Map<String, String> environment) {
        super(environment);
        this.receipts = bean(ReceiptDispatcher.class);
    }

    @Override
    protected Map<String, Object> handle(JsonNode event) {
        List<Map<String, String>> failed = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            String messageId = record.path("messageId").asText();
            try {
                JsonNode body = JSON.readTree(record.path("body").asText());
                receipts.send(body.path("bookingId").asText(),
                        ReceiptDispatcher.Kind.valueOf(body.path("kind").asText(ReceiptDispatcher.Kind.RECEIPT.name())));
            } catch (Exception e) {
                LOG.error("receipt not sent messageId={} receiveCount={}", messageId,
                        record.path("attributes").path("ApproximateReceiveCount").asText(), e);
                failed.add(Map.of("itemIdentifier", messageId));
            }
        }
        return Map.of("batchItemFailures", failed);
    }
}
