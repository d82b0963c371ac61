package kr.tickets.booking.receipt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.tickets.booking.Booking;
import kr.tickets.booking.HoldRepository;
import kr.tickets.ops.Metric;
import kr.tickets.ops.RecordingMetrics;
import org.junit.jupiter.api.Test;

class ReceiptDispatcherTest {
    private final RecordingMetrics metrics = new RecordingMetrics();
    private final List<String> sent = new ArrayList<>();

    /** A booking table that holds {@code booking} and nothing else; the dispatcher only reads it. */
    private static HoldRepository holding(Booking booking) {
        return (HoldRepository) Proxy.newProxyInstance(HoldRepository.class.getClassLoader(),
                new Class<?>[]{HoldRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findBooking") && booking.bookingId().equals(args[0])) {
                        return Optional.of(booking);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aSentReceiptCountsNoFailure() {
        Booking booking = Receipts.booking();
        ReceiptDispatcher dispatcher = new ReceiptDispatcher(holding(booking), b -> {
            sent.add(b.bookingId());
            return "message-1";
        }, metrics);

        dispatcher.send(booking.bookingId());

        assertEquals(List.of(booking.bookingId()), sent);
        assertEquals(List.of(), metrics.metrics());
    }

    @Test
    void aReceiptTheMailServiceRefusesIsCountedAndTheMessageComesBack() {
        Booking booking = Receipts.booking();
        ReceiptDeliveryException refused = new ReceiptDeliveryException(booking.bookingId(), "TooManyRequestsException", "throttled", null);
        ReceiptDispatcher dispatcher = new ReceiptDispatcher(holding(booking), b -> {
            throw refused;
        }, metrics);

        assertSame(refused, assertThrows(ReceiptDeliveryException.class, () -> dispatcher.send(booking.bookingId())));

        assertEquals(List.of(Metric.RECEIPT_SEND_FAILED), metrics.metrics());
    }

    @Test
    void aReceiptSkippedForACancelledBookingIsNoFailure() {
        Booking cancelled = Receipts.cancelled(Receipts.booking());
        ReceiptDispatcher dispatcher = new ReceiptDispatcher(holding(cancelled), b -> {
            throw new IllegalStateException("must not send");
        }, metrics);

        dispatcher.send(cancelled.bookingId());

        assertEquals(List.of(), metrics.metrics());
    }
}
