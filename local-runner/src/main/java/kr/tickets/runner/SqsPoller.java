package kr.tickets.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.localstack.Intrinsics;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A Lambda event source mapping for one SQS event of a function: long-polls the queue, hands
 * each batch to the function in the event Lambda builds ({@code {"Records": [...]}}, eventSource
 * aws:sqs), and deletes what succeeded. With ReportBatchItemFailures, the messages listed in the
 * response's {@code batchItemFailures} stay (an invalid response fails the whole batch, as in
 * Lambda); without it, a batch is all or nothing. A batch whose invocation throws is left alone:
 * the queue's visibility timeout brings it back and its redrive policy ends it in the
 * dead-letter queue. Receives are capped at 10 messages (SQS's maximum per ReceiveMessage; Lambda
 * would gather larger batches over a batching window).
 */
public final class SqsPoller implements AutoCloseable {
    /** Short, so that close() returns within about a second. */
    private static final int WAIT_SECONDS = 1;
    private static final System.Logger LOG = System.getLogger(SqsPoller.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionHost function;
    private final FunctionSpec.SqsEventSource source;
    private final String queueArn;
    private final String queueUrl;
    private final SqsClient sqs;
    private final Thread thread;
    private final AtomicLong batches = new AtomicLong();
    /** The newest messages left on the queue for another try (bounded: tests look at recent ones). */
    private final java.util.Deque<String> kept = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile boolean running = true;
    private boolean failing;

    /** Starts polling the queue {@code queueArn} names for {@code function}. */
    public SqsPoller(FunctionHost function, FunctionSpec.SqsEventSource source, String queueArn, String endpoint) {
        this.function = function;
        this.source = source;
        this.queueArn = queueArn;
        this.sqs = AwsLocal.sqs(endpoint);
        String[] arn = queueArn.split(":");
        this.queueUrl = sqs.getQueueUrl(r -> r.queueName(arn[5]).queueOwnerAWSAccountId(arn[4])).queueUrl();
        this.thread = new Thread(this::poll, "sqs-" + function.spec().id() + "-" + source.name());
        thread.setDaemon(true);
        thread.start();
    }

    public String queueArn() {
        return queueArn;
    }

    /** Whether the message with this id was handed over and left on the queue for another try. */
    public boolean keptForRetry(String messageId) {
        return kept.contains(messageId);
    }

    /** How many batches the function has been handed so far. */
    public long batches() {
        return batches.get();
    }

    private void poll() {
        while (running) {
            try {
                List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(10, Math.max(1, source.batchSize())))
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
                failing = false;
                if (!messages.isEmpty() && running) {
                    handle(messages);
                }
            } catch (SdkException e) {
                // Once per outage: moto may be stopping with the JVM.
                if (running && !failing) {
                    LOG.log(System.Logger.Level.WARNING, "polling " + queueArn + " failed; retrying", e);
                }
                failing = true;
                pause();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "poller of " + queueArn + " failed", e);
                pause();
            }
        }
    }

    private void handle(List<Message> messages) {
        batches.incrementAndGet();
        byte[] response;
        try {
            response = function.invokeBytes(JSON.writeValueAsBytes(event(messages, queueArn)));
        } catch (Throwable e) {
            // Lambda retries the whole batch after the visibility timeout.
            LOG.log(System.Logger.Level.WARNING, function.spec().id() + " failed on a batch from " + queueArn, e);
            messages.forEach(message -> keep(message.messageId()));
            return;
        }
        Set<String> failed = source.reportBatchItemFailures() ? failures(response, messages) : Set.of();
        if (failed == null) {
            LOG.log(System.Logger.Level.WARNING, function.spec().id()
                    + " answered an invalid batchItemFailures; the whole batch will be retried");
            messages.forEach(message -> keep(message.messageId()));
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = new ArrayList<>();
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                keep(message.messageId());
            } else {
                done.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(done.size()))
                        .receiptHandle(message.receiptHandle()).build());
            }
        }
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
    }

    private void keep(String messageId) {
        kept.addLast(messageId);
        while (kept.size() > 1000) {
            kept.pollFirst();
        }
    }

    /**
     * The ids the response lists as failed; null if the response is not a valid partial batch
     * response (Lambda then counts the whole batch as failed). An empty or null response, or
     * one without batchItemFailures, means all succeeded.
     */
    static Set<String> failures(byte[] response, List<Message> messages) {
        Set<String> ids = new HashSet<>();
        messages.forEach(m -> ids.add(m.messageId()));
        JsonNode root;
        try {
            root = response.length == 0 ? null : JSON.readTree(response);
        } catch (java.io.IOException e) {
            return null;
        }
        if (root == null || root.isNull() || root.path("batchItemFailures").isMissingNode()
                || root.path("batchItemFailures").isNull()) {
            return Set.of();
        }
        if (!root.isObject() || !root.get("batchItemFailures").isArray()) {
            return null;
        }
        Set<String> failed = new HashSet<>();
        for (JsonNode item : root.get("batchItemFailures")) {
            String id = item.path("itemIdentifier").asText("");
            if (id.isEmpty() || !ids.contains(id)) {
                return null;
            }
            failed.add(id);
        }
        return failed;
    }

    /** The event Lambda sends for a batch of SQS messages. */
    static ObjectNode event(List<Message> messages, String queueArn) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            ObjectNode messageAttributes = record.putObject("messageAttributes");
            for (Map.Entry<String, MessageAttributeValue> entry : message.messageAttributes().entrySet()) {
                MessageAttributeValue value = entry.getValue();
                ObjectNode attribute = messageAttributes.putObject(entry.getKey());
                if (value.stringValue() != null) {
                    attribute.put("stringValue", value.stringValue());
                }
                if (value.binaryValue() != null) {
                    attribute.put("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
                }
                ArrayNode strings = attribute.putArray("stringListValues");
                value.stringListValues().forEach(strings::add);
                ArrayNode binaries = attribute.putArray("binaryListValues");
                value.binaryListValues().forEach(b -> binaries.add(Base64.getEncoder().encodeToString(b.asByteArray())));
                attribute.put("dataType", value.dataType());
            }
            record.put("md5OfBody", message.md5OfBody());
            if (message.md5OfMessageAttributes() != null) {
                record.put("md5OfMessageAttributes", message.md5OfMessageAttributes());
            }
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", Intrinsics.REGION);
        }
        return event;
    }

    private static void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops polling; a batch being handled is finished first. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(Math.max(5_000, function.spec().timeoutSeconds() * 1000L + 2_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sqs.close();
    }
}
