package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** The SQS event Lambda builds, and how a partial batch response is read. */
class SqsPollerTest {
    private static final List<Message> BATCH = List.of(message("m-1"), message("m-2"));

    private static Message message(String id) {
        return Message.builder().messageId(id).receiptHandle("rh-" + id).body("{\"id\":\"" + id + "\"}")
                .md5OfBody("md5-" + id)
                .attributesWithStrings(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1700000000000",
                        "SenderId", "AIDAEXAMPLE", "ApproximateFirstReceiveTimestamp", "1700000000001"))
                .messageAttributes(Map.of("kind", MessageAttributeValue.builder().dataType("String")
                        .stringValue("receipt").build()))
                .build();
    }

    private static Set<String> failures(String response) {
        return SqsPoller.failures(response.getBytes(StandardCharsets.UTF_8), BATCH);
    }

    @Test
    void eventHasLambdasShape() {
        JsonNode record = SqsPoller.event(BATCH, "arn:aws:sqs:us-east-1:123456789012:ReceiptQueue").get("Records").get(0);
        assertEquals("m-1", record.get("messageId").asText());
        assertEquals("rh-m-1", record.get("receiptHandle").asText());
        assertEquals("{\"id\":\"m-1\"}", record.get("body").asText());
        assertEquals("1", record.get("attributes").get("ApproximateReceiveCount").asText());
        assertEquals("AIDAEXAMPLE", record.get("attributes").get("SenderId").asText());
        JsonNode kind = record.get("messageAttributes").get("kind");
        assertEquals("receipt", kind.get("stringValue").asText());
        assertEquals("String", kind.get("dataType").asText());
        assertEquals(0, kind.get("stringListValues").size());
        assertEquals("md5-m-1", record.get("md5OfBody").asText());
        assertEquals("aws:sqs", record.get("eventSource").asText());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:ReceiptQueue", record.get("eventSourceARN").asText());
        assertEquals("us-east-1", record.get("awsRegion").asText());
    }

    @Test
    void listedItemsFailTheRestSucceed() {
        assertEquals(Set.of("m-2"), failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"m-2\"}]}"));
        assertEquals(Set.of(), failures("{\"batchItemFailures\":[]}"));
        assertEquals(Set.of(), failures("null"));
        assertEquals(Set.of(), failures(""));
        assertEquals(Set.of(), failures("{}"));
    }

    @Test
    void anInvalidResponseFailsTheWholeBatch() {
        assertNull(failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"not-in-batch\"}]}"));
        assertNull(failures("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"));
        assertNull(failures("{\"batchItemFailures\":[{}]}"));
        assertNull(failures("{\"batchItemFailures\":\"m-1\"}"));
        assertNull(failures("not json"));
    }
}
