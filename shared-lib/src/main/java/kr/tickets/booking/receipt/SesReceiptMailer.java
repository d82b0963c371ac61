package kr.tickets.booking.receipt;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import kr.tickets.booking.Booking;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageTag;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Receipts through SES v2 {@code SendEmail} with simple content (subject, HTML and text, UTF-8)
 * from the verified sender {@code receipt.sender} (env RECEIPT_SENDER). The booking id travels
 * as the message tag {@value #BOOKING_TAG}, so every attempt of a retried receipt can be found in
 * SES event publishing (a configuration set's send/delivery/bounce events carry the tags).
 */
@Singleton
@Requires(classes = SesV2Client.class)
@Requires(property = "receipt.sender")
public class SesReceiptMailer implements ReceiptMailer {
    static final String BOOKING_TAG = "bookingId";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SesV2Client ses;
    private final ReceiptRenderer renderer;
    private final String sender;

    public SesReceiptMailer(SesV2Client ses, ReceiptRenderer renderer, @Value("${receipt.sender}") String sender) {
        this.ses = ses;
        this.renderer = renderer;
        this.sender = sender;
    }

    @Override
    public String send(Booking booking) {
        ReceiptEmail email = renderer.email(booking);
        SendEmailRequest request = SendEmailRequest.builder()
                .fromEmailAddress(sender)
                .destination(d -> d.toAddresses(booking.customerEmail()))
                .content(EmailContent.builder().simple(Message.builder()
                        .subject(utf8(email.subject()))
                        .body(Body.builder().html(utf8(email.html())).text(utf8(email.text())).build())
                        .build()).build())
                .emailTags(MessageTag.builder().name(BOOKING_TAG).value(tagValue(booking.bookingId())).build())
                .build();
        try {
            return ses.sendEmail(request).messageId();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            throw new ReceiptDeliveryException(booking.bookingId(), code, e.getMessage(), e);
        } catch (SdkException e) {
            throw new ReceiptDeliveryException(booking.bookingId(), null, e.getMessage(), e);
        }
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset(UTF_8).build();
    }

    /** SES tag values allow only ASCII letters, digits, '_' and '-' (our ids are UUIDs). */
    static String tagValue(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
