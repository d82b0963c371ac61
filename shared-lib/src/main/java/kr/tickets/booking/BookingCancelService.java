package kr.tickets.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import kr.tickets.auth.Principal;
import kr.tickets.common.ApiException;
import kr.tickets.common.JsonRequest;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancelling a booking with a full refund (requirements §5.2, §4.2). The cancel is accepted in
 * one transaction (booking REFUND_PENDING, seat PENDING: nobody can take it while Toss refunds),
 * then the refund flow runs (statemachines/refund.asl.json, {@link BookingRefunds}); only Toss's
 * refund puts the seat back on sale. A buyer may cancel until {@code booking.cancellationHours}
 * before the show; an admin at any time, with a recorded reason. Repeating a cancel answers the
 * booking's state again and never refunds twice.
 */
@Singleton
@Requires(beans = {HoldRepository.class, RefundFlowClient.class, PolicyService.class})
public class BookingCancelService {
    private static final Logger LOG = LoggerFactory.getLogger(BookingCancelService.class);
    private static final int REASON_MAX = 200;
    private static final Duration POLL = Duration.ofMillis(200);

    private final HoldRepository holds;
    private final RefundFlowClient refunds;
    private final PolicyService policies;
    private final Clock clock;
    private final Metrics metrics;
    private final Duration wait;

    public BookingCancelService(HoldRepository holds, RefundFlowClient refunds, PolicyService policies, Clock clock,
                                Metrics metrics, @Value("${booking.cancel.wait:8s}") Duration wait) {
        this.holds = holds;
        this.refunds = refunds;
        this.policies = policies;
        this.clock = clock;
        this.metrics = metrics;
        this.wait = wait;
    }

    /**
     * A cancel request. {@code asAdmin}: the admin route (any booking, no deadline, a reason is
     * required); otherwise the caller must own the booking.
     */
    public record CancelCommand(Principal actor, String bookingId, String reason, String idempotencyKey,
                                boolean asAdmin) {
    }

    /** The booking after the request: CANCELLED, or REFUND_PENDING while Toss has not refunded yet. */
    public record CancelResult(Booking booking, Instant cancellableUntil) {
        public boolean refunded() {
            return booking.status() == Booking.Status.CANCELLED;
        }
    }

    public CancelResult cancel(CancelCommand command) {
        String reason = reason(command);
        String key = HoldRules.idempotencyKey(command.idempotencyKey());
        Booking booking = visible(command);
        if (key != null) {
            Optional<String> earlier = holds.bookingForCancelKey(command.actor().userId(), key);
            if (earlier.isPresent() && !earlier.get().equals(booking.bookingId())) {
                throw keyReused();
            }
        }
        Map<PolicyKey, JsonNode> policy = policies.current();
        int hours = policy.get(PolicyKey.CANCELLATION_HOURS).asInt();
        Instant until = CancellationRules.cancellableUntil(booking.scheduleStartAt(), hours);
        Booking.Status status = booking.status();
        if (status == Booking.Status.CONFIRMED) {
            if (policy.get(PolicyKey.MAINTENANCE).asBoolean()) {
                throw new ApiException(503, "MAINTENANCE", "Bookings are paused for maintenance.");
            }
            Instant now = clock.instant();
            if (!command.asAdmin()) {
                CancellationRules.requireOpen(booking.scheduleStartAt(), hours, now);
            }
            status = accept(booking, command, reason, key, now);
        } else {
            duplicate(booking);
        }
        if (status == Booking.Status.REFUND_PENDING) {
            // Also after a first request whose start was lost: the flow's name makes this a no-op otherwise.
            try {
                refunds.start(booking.bookingId());
            } catch (RuntimeException e) {
                // The cancel is accepted and stays so: a repeated cancel or reconciliation starts the flow.
                LOG.error("refund flow not started bookingId={}", booking.bookingId(), e);
                return new CancelResult(holds.findBooking(booking.bookingId()).orElseThrow(), until);
            }
        }
        return new CancelResult(awaitOutcome(booking.bookingId()), until);
    }

    /** Accepts the cancel of a CONFIRMED booking; the booking's status after it (another cancel may have won). */
    private Booking.Status accept(Booking booking, CancelCommand command, String reason, String key, Instant now) {
        Hold hold = holds.find(booking.holdId()).orElseThrow();
        Booking.Cancellation cancellation = Booking.Cancellation.requested(now, command.actor().userId(),
                command.asAdmin(), reason);
        Booking pending = booking.moved(Booking.Status.REFUND_PENDING, now, reason, cancellation);
        try {
            holds.startRefund(hold, pending, key);
            metrics.count(Metric.BOOKING_CANCELLED);
            LOG.info("booking cancel accepted bookingId={} byAdmin={}", booking.bookingId(), command.asAdmin());
            return Booking.Status.REFUND_PENDING;
        } catch (HoldRepository.HoldConflict conflict) {
            switch (conflict.conflict()) {
                case IDEMPOTENCY_KEY -> throw keyReused();
                // Another cancel of this booking won the race: its outcome is the answer.
                case HOLD_STATE -> {
                    duplicate(booking);
                    return holds.findBooking(booking.bookingId()).orElseThrow().status();
                }
                default -> {
                    LOG.error("booking's seat is not its own; cancel refused bookingId={} conflict={}",
                            booking.bookingId(), conflict.conflict());
                    throw ApiException.conflict("CONCURRENT_UPDATE", "The booking changed meanwhile; try again.");
                }
            }
        }
    }

    /** A cancel of a booking whose cancel was already accepted: answered from the first. */
    private void duplicate(Booking booking) {
        metrics.count(Metric.DUPLICATE_SUBMIT);
        LOG.info("duplicate cancel answered from the first bookingId={} status={}", booking.bookingId(),
                booking.status());
    }

    /** Waits a few seconds for Toss's refund, so most cancels answer CANCELLED at once. */
    private Booking awaitOutcome(String bookingId) {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            Booking now = holds.findBooking(bookingId).orElseThrow();
            boolean settled = now.status() != Booking.Status.REFUND_PENDING
                    || now.cancellation().refundStatus() == Booking.RefundStatus.FAILED;
            if (settled || !clock.instant().isBefore(deadline)) {
                return now;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return now;
            }
        }
    }

    private Booking visible(CancelCommand command) {
        Optional<Booking> found = holds.findBooking(command.bookingId());
        if (!command.asAdmin()) {
            found = found.filter(b -> b.userId().equals(command.actor().userId()));
        }
        return found.orElseThrow(() -> ApiException.notFound("No booking " + command.bookingId() + "."));
    }

    private static String reason(CancelCommand command) {
        String reason = command.reason() == null ? null : command.reason().strip();
        if (reason != null && JsonRequest.characters(reason) > REASON_MAX) {
            throw ApiException.validation("reason", "must be at most " + REASON_MAX + " characters");
        }
        if (command.asAdmin() && (reason == null || reason.isEmpty())) {
            throw ApiException.validation("reason", "is required when an admin cancels a booking");
        }
        if (command.asAdmin() && command.actor().role() != Role.ADMIN) {
            throw ApiException.forbidden();
        }
        return reason == null || reason.isEmpty() ? null : reason;
    }

    private static ApiException keyReused() {
        return new ApiException(422, "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was used for another booking; use a new key.");
    }
}
