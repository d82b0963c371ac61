package kr.tickets.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link ReceiptQueue} on SQS, with the message body the state machine's SendReceipt sends. */
@Singleton
@Requires(classes = SqsClient.class)
@Requires(property = "receipt.queue.url")
public class SqsReceiptQueue implements ReceiptQueue {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsReceiptQueue(SqsClient sqs, @Value("${receipt.queue.url}") String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void send(String bookingId) {
        String body = JSON.createObjectNode().put("bookingId", bookingId).toString();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
    }
}
