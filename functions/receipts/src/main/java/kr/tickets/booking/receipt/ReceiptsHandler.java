package kr.tickets.booking.receipt;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.tickets.web.ApiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The receipt queue's consumer (SQS event, ReportBatchItemFailures): sends each booking's email
 * and names the records that failed, so only those come back for another try.
 */
public class ReceiptsHandler implements RequestStreamHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptsHandler.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ReceiptDispatcher receipts;

    public ReceiptsHandler() {
        this(System.getenv());
    }

    public ReceiptsHandler(Map<String, String> environment) {
        ApplicationContext context = ApiFunction.contextFor(environment).start();
        this.receipts = context.getBean(ReceiptDispatcher.class);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        List<Map<String, String>> failures = PowertoolsLogging.withLogging(context, () -> {
            List<Map<String, String>> failed = new ArrayList<>();
            for (JsonNode record : event.path("Records")) {
                String messageId = record.path("messageId").asText();
                try {
                    receipts.send(JSON.readTree(record.path("body").asText()).path("bookingId").asText());
                } catch (Exception e) {
                    LOG.error("receipt not sent messageId={} receiveCount={}", messageId,
                            record.path("attributes").path("ApproximateReceiveCount").asText(), e);
                    failed.add(Map.of("itemIdentifier", messageId));
                }
            }
            return failed;
        });
        JSON.writeValue(output, Map.of("batchItemFailures", failures));
    }
}
