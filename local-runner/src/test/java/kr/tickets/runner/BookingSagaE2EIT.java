package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static kr.tickets.runner.Bookings.FEE;
import static kr.tickets.runner.Bookings.VIP_PRICE;
import static kr.tickets.runner.Bookings.eventually;
import static kr.tickets.runner.Bookings.seatStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import kr.tickets.localstack.AwsLocal;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The saga's slow and failing branches over real HTTP: a hold that is never paid is released by
 * the state machine's timeout, and a receipt that cannot be sent leaves the booking confirmed.
 * Both change shared settings (the hold time, the SES sender) and put them back.
 */
class BookingSagaE2EIT {
    private static final Http http = Http.client();
    private static final String admin = Catalogs.adminBearer(http);

    @Test
    void unpaidHoldIsReleasedWhenItsTimeRunsOutAndALateConfirmChargesNothing() {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);
        setHoldMinutes(1);
        JsonNode hold;
        try {
            hold = Bookings.held(http, buyer, scheduleId, "A-1-1");
        } finally {
            setHoldMinutes(10);
        }
        String holdId = hold.get("holdId").asText();
        assertEquals("PENDING", seatStatus(http, scheduleId, "A-1-1"));
        // The state machine's wait times out after the hold time and releases the seat.
        eventually(Duration.ofSeconds(120), () -> Bookings.executionStatus(holdId), "SUCCEEDED"::equals);
        assertEquals("EXPIRED", http.get("/holds/" + holdId, "Authorization", buyer.bearer()).json()
                .get("status").asText());
        assertEquals("AVAILABLE", seatStatus(http, scheduleId, "A-1-1"));
        JsonNode vip = http.get("/schedules/" + scheduleId + "/seats").json().get("grades").get(0);
        assertEquals(vip.get("total").asInt(), vip.get("remaining").asInt());

        String paymentKey = Bookings.paymentKey(hold);
        assertProblem(Bookings.confirm(http, buyer, hold, paymentKey, VIP_PRICE + FEE), 410, "HOLD_EXPIRED");
        assertNull(LocalService.shared().tossSandbox().payment(paymentKey));
        Bookings.held(http, Accounts.create(http), scheduleId, "A-1-1");
    }

    @Test
    void receiptThatCannotBeSentLeavesTheBookingConfirmed() throws InterruptedException {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);
        JsonNode hold = Bookings.held(http, buyer, scheduleId, "A-1-2");
        String endpoint = LocalService.shared().stack().endpoint();
        String sender = LocalService.shared().stack().functionEnvironments().get("ReceiptsFunction").get("RECEIPT_SENDER");
        try (SesV2Client ses = AwsLocal.sesv2(endpoint);
             SqsClient sqs = AwsLocal.sqs(endpoint)) {
            ses.deleteEmailIdentity(r -> r.emailIdentity(sender));
            try {
                Http.Response confirmed = Bookings.confirm(http, buyer, hold, Bookings.paymentKey(hold),
                        VIP_PRICE + FEE);
                assertEquals(200, confirmed.status(), confirmed::toString);
                String queueUrl = sqs.getQueueUrl(r -> r.queueName("ReceiptQueue")).queueUrl();
                // The receipt was tried and failed: its message waits out its visibility timeout.
                eventually(Duration.ofSeconds(30), () -> Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes()
                        .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)), n -> n >= 1);
                assertNull(BookingE2EIT.sentEmail(buyer.email()));
            } finally {
                ses.createEmailIdentity(r -> r.emailIdentity(sender));
            }
        }
        JsonNode booking = http.get("/bookings/" + hold.get("holdId").asText(), "Authorization", buyer.bearer()).json();
        assertEquals("CONFIRMED", booking.get("status").asText());
        assertEquals("BOOKED", seatStatus(http, scheduleId, "A-1-2"));
        assertTrue(booking.get("bookingNumber").asText().startsWith("TK"));
    }

    private static void setHoldMinutes(int minutes) {
        Http.Response set = http.send("PUT", "/admin/policies/booking.holdMinutes", Map.of("value", minutes),
                "Authorization", admin);
        assertEquals(200, set.status(), set::toString);
    }
}
