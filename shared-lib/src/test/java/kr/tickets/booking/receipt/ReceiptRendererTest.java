package kr.tickets.booking.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import kr.tickets.booking.Booking;
import kr.tickets.booking.PriceBreakdown;
import org.junit.jupiter.api.Test;

class ReceiptRendererTest {
    private static final String EVIL = "<script>alert(1)</script> & \"Q\"";
    private final ReceiptRenderer renderer = new ReceiptRenderer();

    /** What both the HTML and the text body must show for {@link Receipts#booking()}. */
    private static final List<String> EVERY_FIELD = List.of(
            "T20250501-0001", "예매 완료", "홍길동", "아이유 콘서트 〈HEREH〉",
            "2025년 05월 23일 10:30 (UTC)", "올림픽공원 KSPO DOME", "A구역 1열 7번", "VIP석",
            "132,000원", "2,000원", "-5,000원", "129,000원", "카드",
            "2025년 05월 01일 03:05 (UTC)", "2025년 05월 01일 03:04 (UTC)",
            "좌석 금액", "수수료", "할인", "결제 금액", "결제 수단");

    @Test
    void emailSubjectNamesThePerformance() {
        assertEquals("[티켓] 예매 완료 안내 - 아이유 콘서트 〈HEREH〉", renderer.email(Receipts.booking()).subject());
    }

    @Test
    void htmlBodyShowsEveryFieldAndLinksTossReceipt() {
        String html = renderer.email(Receipts.booking()).html();
        EVERY_FIELD.forEach(value -> assertTrue(html.contains(value), () -> "HTML lacks " + value));
        assertTrue(html.contains("<a href=\"https://dashboard.tosspayments.com/receipt/redirection?transactionId=tx_1&amp;ref=PX\">"),
                html);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"UTF-8\">"));
    }

    @Test
    void plainTextShowsEveryFieldWithoutHtmlTags() {
        String text = renderer.email(Receipts.booking()).text();
        EVERY_FIELD.forEach(value -> assertTrue(text.contains(value), () -> "text lacks " + value));
        assertTrue(text.contains("https://dashboard.tosspayments.com/receipt/redirection?transactionId=tx_1&ref=PX"));
        assertFalse(text.matches("(?s).*</?[a-zA-Z][^>]*>.*"), text);
        assertFalse(text.contains("&amp;"));
        assertTrue(text.contains("UTC"));
    }

    @Test
    void datesAreKoreanUtcDatesAndAmountsAreWonWithThousandsSeparators() {
        assertEquals("132,000원", ReceiptView.won(132_000));
        assertEquals("0원", ReceiptView.won(0));
        assertEquals("1,234,567원", ReceiptView.won(1_234_567));
        assertEquals("2025년 05월 23일 10:30 (UTC)", ReceiptView.dateTime(Receipts.SHOW));
        // 23:30 UTC is already the next day in Seoul; the receipt stays in UTC.
        assertEquals("2025년 12월 31일 23:30 (UTC)", ReceiptView.dateTime(java.time.Instant.parse("2025-12-31T23:30:00Z")));
    }

    @Test
    void noDiscountShowsZeroWon() {
        Booking b = Receipts.booking();
        Booking full = new Booking(b.bookingId(), b.bookingNumber(), b.userId(), b.customerName(), b.customerEmail(),
                b.holdId(), b.scheduleId(), b.performanceId(), b.performanceTitle(), b.thumbnailUrl(), b.venueName(),
                b.scheduleStartAt(), b.seatId(), b.seatLabel(), b.gradeName(), new PriceBreakdown(99_000, 1_000, 0),
                b.payment(), b.status(), b.bookedAt());
        String text = renderer.text(full);
        assertTrue(text.contains("할인: 0원"), text);
        assertTrue(text.contains("결제 금액: 100,000원"), text);
    }

    @Test
    void htmlEscapesEveryValueFromUsersAndAdmins() {
        Booking b = Receipts.booking();
        Booking evil = new Booking(b.bookingId(), b.bookingNumber(), b.userId(), EVIL, b.customerEmail(),
                b.holdId(), b.scheduleId(), b.performanceId(), EVIL, b.thumbnailUrl(), EVIL,
                b.scheduleStartAt(), b.seatId(), EVIL, EVIL, b.price(),
                new Booking.PaymentInfo("CARD", EVIL, "k", Receipts.APPROVED, "https://x.example/r?a=1&b=\"><script>"),
                b.status(), b.bookedAt());
        String html = renderer.html(evil);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("\"Q\""), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot;"), html);
        assertTrue(html.contains("href=\"https://x.example/r?a=1&amp;b=&quot;&gt;&lt;script&gt;\""), html);
        // The plain text is not markup: it carries the title as typed, the subject stays one line.
        assertTrue(renderer.text(evil).contains(EVIL));
        assertEquals("[티켓] 예매 완료 안내 - " + EVIL, renderer.email(evil).subject());
    }

    @Test
    void aReceiptUrlThatIsNotHttpIsShownButNotLinked() {
        Booking b = Receipts.booking();
        Booking odd = new Booking(b.bookingId(), b.bookingNumber(), b.userId(), b.customerName(), b.customerEmail(),
                b.holdId(), b.scheduleId(), b.performanceId(), b.performanceTitle(), b.thumbnailUrl(), b.venueName(),
                b.scheduleStartAt(), b.seatId(), b.seatLabel(), b.gradeName(), b.price(),
                new Booking.PaymentInfo("EASY_PAY", "간편결제", "k", Receipts.APPROVED, "javascript:alert(1)"),
                b.status(), b.bookedAt());
        String html = renderer.html(odd);
        assertFalse(html.contains("href=\"javascript"), html);
        assertTrue(html.contains("javascript:alert(1)"));
        assertTrue(html.contains("간편결제"));
    }

    @Test
    void aTitleWithLineBreaksGivesAOneLineSubject() {
        Booking b = Receipts.booking("id", "첫 줄\r\nBcc: someone@example.com", "buyer@example.com");
        assertEquals("[티켓] 예매 완료 안내 - 첫 줄 Bcc: someone@example.com", renderer.email(b).subject());
    }

    @Test
    void cancelledBookingReceiptSaysCancelled() {
        Booking cancelled = Receipts.cancelled(Receipts.booking());
        ReceiptEmail email = renderer.email(cancelled);
        assertEquals("[티켓] 예매 취소 안내 - 아이유 콘서트 〈HEREH〉", email.subject());
        assertTrue(email.html().contains("취소됨"));
        assertTrue(email.text().contains("예매 상태: 취소됨"), email.text());
        assertFalse(email.text().contains("예매 완료"), email.text());
        assertEquals("CANCELLED", renderer.screen(cancelled).get("status"));
        assertEquals("취소됨", renderer.screen(cancelled).get("statusLabel"));
    }

    @Test
    void screenReceiptHasTheContractFields() {
        Map<String, Object> screen = renderer.screen(Receipts.booking());
        assertEquals(List.of("bookingId", "bookingNumber", "bookedAt", "bookedAtDisplay", "customerName", "performance",
                "schedule", "seat", "amount", "payment", "status", "statusLabel"), List.copyOf(screen.keySet()));
        assertEquals("0196a1b2-0000-7000-8000-000000000001", screen.get("bookingId"));
        assertEquals("T20250501-0001", screen.get("bookingNumber"));
        assertEquals("2025-05-01T03:04:05Z", screen.get("bookedAt"));
        assertEquals("2025년 05월 01일 03:04 (UTC)", screen.get("bookedAtDisplay"));
        assertEquals("홍길동", screen.get("customerName"));
        assertEquals(Map.of("title", "아이유 콘서트 〈HEREH〉", "venueName", "올림픽공원 KSPO DOME",
                "thumbnailUrl", "https://img.tickets.example/perf-1.jpg"), screen.get("performance"));
        assertEquals(Map.of("startAt", "2025-05-23T10:30:00Z", "display", "2025년 05월 23일 10:30 (UTC)"),
                screen.get("schedule"));
        assertEquals(Map.of("seatId", "A-1-7", "label", "A구역 1열 7번", "gradeName", "VIP석"), screen.get("seat"));
        assertEquals(Map.of("seatPrice", 132_000L, "fee", 2_000L, "discount", 5_000L, "total", 129_000L,
                "currency", "KRW"), screen.get("amount"));
        assertEquals(Map.of("method", "CARD", "methodLabel", "카드", "approvedAt", "2025-05-01T03:05:00Z",
                "receiptUrl", "https://dashboard.tosspayments.com/receipt/redirection?transactionId=tx_1&ref=PX"),
                screen.get("payment"));
        assertEquals("CONFIRMED", screen.get("status"));
        assertEquals("예매 완료", screen.get("statusLabel"));
    }

    @Test
    void screenHtmlIsTheEmailPage() {
        Booking b = Receipts.booking();
        assertEquals(renderer.email(b).html(), renderer.html(b));
    }

    @Test
    void missingPaymentDetailsShowDashAndNullInJson() {
        Booking b = Receipts.booking();
        Booking bare = new Booking(b.bookingId(), b.bookingNumber(), b.userId(), b.customerName(), b.customerEmail(),
                b.holdId(), b.scheduleId(), b.performanceId(), b.performanceTitle(), null, b.venueName(),
                b.scheduleStartAt(), b.seatId(), b.seatLabel(), b.gradeName(), b.price(),
                new Booking.PaymentInfo("CARD", "카드", "k", Receipts.APPROVED, null), b.status(), b.bookedAt());
        assertTrue(renderer.text(bare).contains("영수증: -"));
        assertTrue(renderer.html(bare).contains("<td style=\"padding:4px 0\">-</td>"));
        @SuppressWarnings("unchecked")
        Map<String, Object> payment = (Map<String, Object>) renderer.screen(bare).get("payment");
        assertNull(payment.get("receiptUrl"));
    }
}
