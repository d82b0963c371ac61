package kr.tickets.booking.receipt;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.tickets.booking.Booking;
import kr.tickets.booking.HoldViews;

/**
 * The receipt of a booking, in the three forms it is read in: the email (subject, HTML and plain
 * text, sent by {@link ReceiptMailer}), the screen receipt of {@code GET /bookings/{id}/receipt}
 * as JSON, and the same page as HTML for {@code Accept: text/html}.
 *
 * <p>Titles, names, labels and URLs come from users, admins and Toss, so the HTML escapes every
 * value and links a URL only when it is http(s); the plain text carries them verbatim.
 */
@Singleton
public class ReceiptRenderer {
    private static final String MISSING = "-";
    private static final String UTC_NOTE = "모든 시각은 UTC(협정 세계시) 기준입니다.";

    /** A labelled line of the receipt; {@code link} marks a value to show as a link in HTML. */
    private record Row(String label, String value, boolean link) {
        Row(String label, String value) {
            this(label, value, false);
        }
    }

    public ReceiptEmail email(Booking booking) {
        ReceiptView view = ReceiptView.of(booking);
        return new ReceiptEmail(subject(view), html(view), text(view));
    }

    /** The receipt page: the email's HTML, which is a complete document. */
    public String html(Booking booking) {
        return html(ReceiptView.of(booking));
    }

    public String text(Booking booking) {
        return text(ReceiptView.of(booking));
    }

    /**
     * The screen receipt, ready for JSON: instants as ISO-8601 UTC strings, amounts in KRW as
     * numbers, plus display strings. Example:
     * <pre>{"bookingId":"…","bookingNumber":"…","bookedAt":"2025-05-01T03:00:00Z",
     * "bookedAtDisplay":"2025년 05월 01일 03:00 (UTC)","status":"CONFIRMED","statusLabel":"예매 완료",…}</pre>
     */
    public Map<String, Object> screen(Booking booking) {
        ReceiptView view = ReceiptView.of(booking);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bookingId", booking.bookingId());
        out.put("bookingNumber", booking.bookingNumber());
        out.put("bookedAt", iso(booking.bookedAt()));
        out.put("bookedAtDisplay", view.bookedAt());
        out.put("customerName", booking.customerName());

        Map<String, Object> performance = new LinkedHashMap<>();
        performance.put("title", booking.performanceTitle());
        performance.put("venueName", booking.venueName());
        performance.put("thumbnailUrl", booking.thumbnailUrl());
        out.put("performance", performance);

        Map<String, Object> schedule = new LinkedHashMap<>();
        schedule.put("startAt", iso(booking.scheduleStartAt()));
        schedule.put("display", view.showDateTime());
        out.put("schedule", schedule);

        Map<String, Object> seat = new LinkedHashMap<>();
        seat.put("seatId", booking.seatId());
        seat.put("label", booking.seatLabel());
        seat.put("gradeName", booking.gradeName());
        out.put("seat", seat);

        out.put("amount", HoldViews.amount(booking.price()));

        Map<String, Object> payment = new LinkedHashMap<>();
        Booking.PaymentInfo paid = booking.payment();
        payment.put("method", paid == null ? null : paid.method());
        payment.put("methodLabel", paid == null ? null : paid.methodLabel());
        payment.put("approvedAt", paid == null ? null : iso(paid.approvedAt()));
        payment.put("receiptUrl", paid == null ? null : paid.receiptUrl());
        out.put("payment", payment);

        out.put("status", booking.status().name());
        out.put("statusLabel", view.statusLabel());
        return out;
    }

    // --- forms --------------------------------------------------------------------------------

    private static String subject(ReceiptView view) {
        String kind = view.cancelled() ? "예매 취소 안내" : "예매 완료 안내";
        // A title is one line; a line break in it must not reach the Subject header.
        return "[티켓] " + kind + " - " + show(view.performanceTitle()).replaceAll("[\\r\\n\\t]+", " ").strip();
    }

    private static String heading(ReceiptView view) {
        return view.cancelled() ? "예매 취소 안내" : "예매 완료 안내";
    }

    private static String greeting(ReceiptView view) {
        return show(view.customerName()) + "님, "
                + (view.cancelled() ? "이 예매는 취소되었습니다." : "예매가 완료되었습니다.");
    }

    private static List<Row> rows(ReceiptView view) {
        List<Row> rows = new ArrayList<>(List.of(
                new Row("예매번호", view.bookingNumber()),
                new Row("예매 상태", view.statusLabel()),
                new Row("예매자", view.customerName()),
                new Row("공연명", view.performanceTitle()),
                new Row("관람일시", view.showDateTime()),
                new Row("공연장", view.venueName()),
                new Row("좌석", view.seatLabel()),
                new Row("좌석 등급", view.gradeName()),
                new Row("좌석 금액", view.seatPrice()),
                new Row("수수료", view.fee()),
                new Row("할인", view.discount()),
                new Row("결제 금액", view.total()),
                new Row("결제 수단", view.paymentMethod()),
                new Row("결제 일시", view.approvedAt()),
                new Row("예매 일시", view.bookedAt()),
                new Row("영수증", view.receiptUrl(), true)));
        if (view.cancelled()) {
            rows.add(new Row("환불 금액", view.refundedAmount()));
            rows.add(new Row("환불 일시", view.refundedAt()));
        }
        return rows;
    }

    private static String text(ReceiptView view) {
        StringBuilder out = new StringBuilder();
        out.append("[티켓] ").append(heading(view)).append("\n\n");
        out.append(greeting(view)).append("\n\n");
        for (Row row : rows(view)) {
            out.append(row.label()).append(": ").append(show(row.value())).append('\n');
        }
        out.append('\n').append(UTC_NOTE).append('\n');
        return out.toString();
    }

    private static String html(ReceiptView view) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"ko\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(heading(view) + " - " + show(view.performanceTitle())))
                .append("</title>\n</head>\n")
                .append("<body style=\"font-family:sans-serif;color:#222;max-width:640px;margin:0 auto;padding:16px\">\n")
                .append("<h1 style=\"font-size:20px\">").append(escape(heading(view))).append("</h1>\n");
        if (view.cancelled()) {
            out.append("<p style=\"color:#c62828;font-weight:bold\">").append(escape(view.statusLabel())).append("</p>\n");
        }
        out.append("<p>").append(escape(greeting(view))).append("</p>\n")
                .append("<table style=\"border-collapse:collapse;width:100%\">\n");
        for (Row row : rows(view)) {
            out.append("<tr><th style=\"text-align:left;padding:4px 12px 4px 0;white-space:nowrap\">")
                    .append(escape(row.label()))
                    .append("</th><td style=\"padding:4px 0\">")
                    .append(row.link() ? link(row.value()) : escape(show(row.value())))
                    .append("</td></tr>\n");
        }
        out.append("</table>\n<p style=\"color:#666;font-size:12px\">").append(escape(UTC_NOTE)).append("</p>\n")
                .append("</body>\n</html>\n");
        return out.toString();
    }

    // --- helpers ------------------------------------------------------------------------------

    /** A link only to an http(s) URL: escaping alone would still let a javascript: URL run. */
    private static String link(String url) {
        if (url == null || url.isBlank()) {
            return MISSING;
        }
        String lower = url.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("https://") && !lower.startsWith("http://")) {
            return escape(url);
        }
        return "<a href=\"" + escape(url.strip()) + "\">영수증 보기</a>";
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String show(String value) {
        return value == null || value.isBlank() ? MISSING : value;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
