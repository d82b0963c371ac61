package kr.tickets.booking.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.tickets.booking.Booking;
import kr.tickets.localstack.Intrinsics;
import kr.tickets.localstack.LocalStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * Receipts through SES v2 in moto, from the sender the template gives the receipts function.
 * moto keeps sent mail at {@code GET /moto-api/data.json} under {@code ses.Message}.
 */
class SesReceiptMailerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static LocalStack stack;
    private static SesV2Client ses;
    private static String sender;

    @BeforeAll
    static void connect() {
        stack = LocalStack.shared();
        ses = SesV2Client.builder()
                .endpointOverride(URI.create(stack.endpoint()))
                .region(Region.of(Intrinsics.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        sender = stack.functionEnvironments().get("ReceiptsFunction").get("RECEIPT_SENDER");
        verify(sender);
    }

    /** The template's ReceiptSenderIdentity; the provisioner does not create SES identities (yet). */
    private static void verify(String address) {
        try {
            ses.getEmailIdentity(r -> r.emailIdentity(address));
        } catch (NotFoundException missing) {
            ses.createEmailIdentity(r -> r.emailIdentity(address));
        }
    }

    private static Booking booking() {
        String id = UUID.randomUUID().toString();
        return Receipts.booking(id, "아이유 콘서트 <HEREH> & \"Q\"", "buyer-" + id + "@example.com");
    }

    @Test
    void receiptReachesTheCustomerWithSubjectAndBookingNumber() throws Exception {
        Booking booking = booking();
        String messageId = new SesReceiptMailer(ses, new ReceiptRenderer(), sender).send(booking);
        assertNotNull(messageId);

        JsonNode message = sentMessages().stream()
                .filter(m -> m.path("id").asText().equals(messageId))
                .findFirst().orElseThrow(() -> new AssertionError("no message " + messageId + " in moto"));
        assertEquals(sender, message.path("source").asText());
        assertEquals(booking.customerEmail(), message.path("destinations").path("ToAddresses").path(0).asText());
        assertEquals("[티켓] 예매 완료 안내 - 아이유 콘서트 <HEREH> & \"Q\"", message.path("subject").asText());
        String body = message.path("body").asText();
        assertTrue(body.contains(booking.bookingNumber()), body);
        // moto keeps the HTML part when both are sent: the escaped title shows it is that part.
        assertTrue(body.contains("아이유 콘서트 &lt;HEREH&gt; &amp; &quot;Q&quot;"), body);
    }

    @Test
    void sendingFromAnUnverifiedAddressFailsWithDeliveryException() {
        Booking booking = booking();
        SesReceiptMailer mailer = new SesReceiptMailer(ses, new ReceiptRenderer(),
                "receipts@unverified-" + UUID.randomUUID() + ".example");
        ReceiptDeliveryException e = assertThrows(ReceiptDeliveryException.class, () -> mailer.send(booking));
        assertEquals(booking.bookingId(), e.bookingId());
        assertEquals("MessageRejected", e.errorCode());
    }

    @Test
    void theBeanSendsFromReceiptSenderWithTheFactorysClient() throws Exception {
        // The factory's client finds moto through the default chains (aws.endpointUrl), as a Lambda finds SES.
        try (ApplicationContext context = ApplicationContext.run(Map.of("receipt.sender", sender))) {
            String messageId = context.getBean(ReceiptMailer.class).send(booking());
            assertTrue(sentMessages().stream().anyMatch(m -> m.path("id").asText().equals(messageId)));
        }
        try (ApplicationContext context = ApplicationContext.run()) {
            assertFalse(context.containsBean(ReceiptMailer.class), "no sender, no mailer");
        }
    }

    /** Every message moto has accepted, from its state dump. */
    private static List<JsonNode> sentMessages() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.endpoint() + "/moto-api/data.json")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<JsonNode> messages = new ArrayList<>();
        JSON.readTree(response.body()).path("ses").path("Message").forEach(messages::add);
        return messages;
    }
}
