package kr.tickets.booking;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import kr.tickets.auth.Principal;
import kr.tickets.catalog.CatalogRepository;
import kr.tickets.catalog.Performance;
import kr.tickets.catalog.Schedule;
import kr.tickets.common.ApiException;
import kr.tickets.common.Ids;
import kr.tickets.common.JsonRequest;
import kr.tickets.ops.LogKeys;
import kr.tickets.ops.Metric;
import kr.tickets.ops.Metrics;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import kr.tickets.users.User;
import kr.tickets.users.UserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Holding a seat, looking at and releasing the hold, and preparing its payment (requirements
 * §3.2, §4.1).
 *
 * <pre>{@code POST /schedules/{scheduleId}/holds {"seatId": "A-1-3"}  (Idempotency-Key: 7f1c…)}</pre>
 */
@Singleton
@Requires(beans = {HoldRepository.class, BookingSagaClient.class, CatalogRepository.class, UserRepository.class,
        DiscountThrottle.class})
public class SeatHoldService {
    private static final Logger LOG = LoggerFactory.getLogger(SeatHoldService.class);
    private static final int PLACE_ATTEMPTS = 3;

    private final HoldRepository holds;
    private final BookingSagaClient saga;
    private final CatalogRepository catalog;
    private final SeatDirectory seats;
    private final UserRepository users;
    private final PolicyService policies;
    private final DiscountThrottle discountThrottle;
    private final Clock clock;
    private final Metrics metrics;
    private final String clientKey;
    private final String successUrl;
    private final String failUrl;
    /**
     * How long a container reuses a schedule and a performance it read for a hold (issue #11: in a
     * rush every hold of a schedule read the same two items). What may be stale for that long and
     * why it is safe: docs/data-model.md, "Derived counters and cached reads".
     */
    private final Duration catalogCache;
    private final Map<String, Cached<Schedule>> schedules = new ConcurrentHashMap<>();
    private final Map<String, Cached<Performance>> performances = new ConcurrentHashMap<>();
    private static final int CATALOG_CACHE_ENTRIES = 1_000;

    private record Cached<T>(Optional<T> value, Instant until) {
    }

    /** Without a catalog cache (unit tests that change the catalog between holds). */
    public SeatHoldService(HoldRepository holds, BookingSagaClient saga, CatalogRepository catalog, SeatDirectory seats,
                           UserRepository users, PolicyService policies, DiscountThrottle discountThrottle, Clock clock,
                           Metrics metrics, String clientKey, String successUrl, String failUrl) {
        this(holds, saga, catalog, seats, users, policies, discountThrottle, clock, metrics, clientKey, successUrl, failUrl,
                0);
    }

    @Inject
    public SeatHoldService(HoldRepository holds, BookingSagaClient saga, CatalogRepository catalog, SeatDirectory seats,
                           UserRepository users, PolicyService policies, DiscountThrottle discountThrottle, Clock clock,
                           Metrics metrics,
                           @Value("${toss.client.key:}") String clientKey,
                           @Value("${payment.success.url:}") String successUrl,
                           @Value("${payment.fail.url:}") String failUrl,
                           @Value("${booking.catalog.cache.seconds:5}") int catalogCacheSeconds) {
        this.holds = holds;
        this.saga = saga;
        this.catalog = catalog;
        this.seats = seats;
        this.users = users;
        this.policies = policies;
        this.discountThrottle = discountThrottle;
        this.clock = clock;
        this.metrics = metrics;
        this.clientKey = clientKey;
        this.successUrl = successUrl;
        this.failUrl = failUrl;
        if (catalogCacheSeconds < 0) {
            throw new IllegalArgumentException("booking.catalog.cache.seconds must not be negative");
        }
        this.catalogCache = Duration.ofSeconds(catalogCacheSeconds);
    }

    private <T> Optional<T> cached(Map<String, Cached<T>> cache, String id, Function<String, Optional<T>> read) {
        Instant now = clock.instant();
        Cached<T> hit = cache.get(id);
        if (hit != null && now.isBefore(hit.until())) {
            return hit.value();
        }
        Optional<T> value = read.apply(id);
        if (!catalogCache.isZero()) {
            if (cache.size() >= CATALOG_CACHE_ENTRIES) {
                cache.clear();
            }
            cache.put(id, new Cached<>(value, now.plus(catalogCache)));
        }
        return value;
    }

    /** Holds one seat for the caller: 201 with the hold, or 409 SEAT_UNAVAILABLE / HOLD_LIMIT_REACHED / TICKETING_CLOSED. */
    public Map<String, Object> hold(Principal who, String scheduleId, JsonRequest body, String idempotencyHeader) {
        String key = HoldRules.idempotencyKey(idempotencyHeader);
        String seatId = body.requiredString("seatId", 64);
        body.throwIfInvalid();
        // The key, the seat's claim and the user's seats in one read (the claim's condition decides the seat).
        HoldRepository.PlacementReads reads = holds.placementReads(who.userId(), scheduleId, seatId, key);
        if (key != null) {
            Optional<Hold> earlier = reads.earlierHoldId().flatMap(holds::find);
            if (earlier.isPresent()) {
                return replay(earlier.get(), scheduleId, seatId);
            }
        }
        Map<PolicyKey, JsonNode> policy = policies.current();
        if (policy.get(PolicyKey.MAINTENANCE).asBoolean()) {
            throw new ApiException(503, "MAINTENANCE", "Bookings are paused for maintenance.");
        }
        Schedule schedule = cached(schedules, scheduleId, catalog::findSchedule)
                .orElseThrow(() -> ApiException.notFound("No schedule " + scheduleId + "."));
        Performance performance = cached(performances, schedule.performanceId(), catalog::findPerformance)
                .orElseThrow(() -> ApiException.notFound("No schedule " + scheduleId + "."));
        Instant now = clock.instant();
        HoldRules.requireTicketingOpen(performance, schedule, now);
        SeatDirectory.SeatInfo seat = seats.seat(performance, seatId)
                .orElseThrow(() -> ApiException.validation("seatId", "is not a seat of this venue"));
        User user = users.findById(who.userId())
                .orElseThrow(() -> ApiException.unauthenticated("The account no longer exists."));
        int limit = policy.get(PolicyKey.MAX_SEATS_PER_USER).asInt();
        Instant until = HoldRules.holdUntil(now, policy.get(PolicyKey.HOLD_MINUTES).asInt());
        PriceBreakdown price = HoldRules.price(seat.grade().price(), policy.get(PolicyKey.FEE_KRW).asLong(), 0);
        String holdId = Ids.newId();
        Hold hold = new Hold(holdId, user.userId(), user.name(), user.email(), scheduleId, performance.performanceId(),
                seatId, seat.label(), seat.grade().gradeId(), seat.grade().name(), HoldStatus.PENDING, now, until,
                HoldRules.orderId(holdId), HoldRules.orderName(performance.title(), seat.label()), price, null, null,
                null, null, null, null, 1);
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                reads = holds.placementReads(who.userId(), scheduleId, seatId, null);
            }
            Optional<HoldRepository.SeatClaim> claim = reads.claim();
            if (claim.isPresent() && !claim.get().expiredAt(now)) {
                throw seatUnavailable(scheduleId, seatId);
            }
            HoldRepository.UserSeats mine = reads.userSeats();
            try {
                HoldRules.requireBelowLimit(mine.seats(), limit, now);
            } catch (ApiException refused) {
                throw limitRefused(refused, seatId);
            }
            try {
                holds.place(hold, claim.orElse(null), mine, key, now);
                break;
            } catch (HoldRepository.HoldConflict conflict) {
                switch (conflict.conflict()) {
                    case IDEMPOTENCY_KEY -> {
                        return holds.holdForIdempotencyKey(who.userId(), key).flatMap(holds::find)
                                .map(earlier -> replay(earlier, scheduleId, seatId))
                                .orElseThrow(() -> conflict);
                    }
                    // The user's seats changed meanwhile (another hold of theirs): count again.
                    case USER_SEATS -> {
                        if (attempt >= PLACE_ATTEMPTS) {
                            throw limitRefused(ApiException.conflict("HOLD_LIMIT_REACHED",
                                    "Your seats changed meanwhile; try again."), seatId);
                        }
                    }
                    default -> throw seatUnavailable(scheduleId, seatId);
                }
            }
        }
        startTimer(hold, key);
        MDC.put(LogKeys.HOLD_ID, holdId);
        metrics.count(Metric.HOLD_SUCCEEDED);
        LOG.info("seat held holdId={} scheduleId={} seatId={} until={}", holdId, scheduleId, seatId, until);
        return HoldViews.hold(hold, now);
    }

    /** The caller's hold; 404 for another user's. */
    public Map<String, Object> get(Principal who, String holdId) {
        return HoldViews.hold(owned(who, holdId), clock.instant());
    }

    /**
     * Gives the seat back: 204 for a PENDING hold (and again for one already ended); 409
     * ALREADY_PROCESSED while its payment is being confirmed or once it is booked. Only a PENDING
     * hold is released, and that is the write's condition: a payment handed over a moment
     * earlier is never undone from here.
     */
    public void release(Principal who, String holdId) {
        Hold hold = owned(who, holdId);
        if (!holds.release(hold, EnumSet.of(HoldStatus.PENDING), HoldStatus.RELEASED, null, null)) {
            HoldStatus now = holds.find(holdId).orElseThrow().status();
            if (now == HoldStatus.PAYING) {
                throw ApiException.conflict("ALREADY_PROCESSED",
                        "결제가 진행 중인 좌석은 선점을 해제할 수 없습니다. 결제 결과를 확인해 주세요.");
            }
            if (now == HoldStatus.CONFIRMED) {
                throw ApiException.conflict("ALREADY_PROCESSED",
                        "예매가 완료된 좌석입니다. 선점 해제 대신 예매 취소를 이용해 주세요.");
            }
            return;
        }
        // Its timer has nothing left to do (best effort: a timer that fires finds the hold ended).
        saga.stopTimer(holdId);
        LOG.info("hold released by user holdId={} seatId={}", holdId, hold.seatId());
    }

    /**
     * Fixes the payment method and discount and returns what Toss's payment window needs.
     *
     * <pre>{@code POST /holds/{holdId}/checkout {"method": "CARD", "discountCode": "WELCOME"}}</pre>
     */
    public Map<String, Object> checkout(Principal who, String holdId, JsonRequest body) {
        String method = body.requiredString("method", 16);
        String discountCode = body.optionalString("discountCode", 32);
        if (method != null && !method.equals("CARD") && !method.equals("EASY_PAY")) {
            body.reject("method", "must be CARD or EASY_PAY");
        }
        body.throwIfInvalid();
        Hold hold = owned(who, holdId);
        Map<PolicyKey, JsonNode> policy = policies.current();
        if (!"TOSS".equals(policy.get(PolicyKey.PAYMENT_PROVIDER).asText())) {
            throw new ApiException(503, "PAYMENTS_DISABLED", "Payments are switched off for now; your seat stays held.");
        }
        Instant now = clock.instant();
        requirePayable(hold, now);
        DiscountCode discount = discountCode == null ? null
                : usableDiscount(who, policy.get(PolicyKey.DISCOUNT_CODES), discountCode, now);
        PriceBreakdown price = HoldRules.price(hold.price().seatPrice(), hold.price().fee(),
                discount == null ? 0 : discount.amountKrw());
        try {
            holds.saveCheckout(hold, method, discount == null ? null : discount.code(), price);
        } catch (HoldRepository.HoldConflict changed) {
            requirePayable(holds.find(holdId).orElseThrow(), now);
            throw ApiException.conflict("CONCURRENT_UPDATE", "The hold changed meanwhile; try again.");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("holdId", holdId);
        out.put("orderId", hold.orderId());
        out.put("orderName", hold.orderName());
        out.put("method", method);
        out.put("amount", HoldViews.amount(price));
        out.put("clientKey", clientKey);
        out.put("successUrl", successUrl);
        out.put("failUrl", failUrl);
        out.put("customerName", hold.customerName());
        out.put("customerEmail", hold.customerEmail());
        out.put("expiresAt", hold.holdUntil().toString());
        return out;
    }

    /**
     * The code, if the user may use it now: 429 TOO_MANY_REQUESTS after too many wrong codes
     * (counting this one), 400 INVALID_DISCOUNT_CODE for a code that does not exist, 409 for one
     * that expired, is used up or was used by this user. Its use is counted only when paid.
     */
    private DiscountCode usableDiscount(Principal who, JsonNode codes, String code, Instant now) {
        Optional<Duration> locked = discountThrottle.lockedFor(who.userId(), now);
        if (locked.isPresent()) {
            throw ApiException.tooManyRequests(locked.get().toSeconds());
        }
        DiscountCode discount;
        try {
            discount = HoldRules.discountCode(codes, code);
        } catch (ApiException unknown) {
            discountThrottle.recordWrongCode(who.userId(), now);
            LOG.info("wrong discount code userId={}", who.userId());
            throw unknown;
        }
        HoldRules.requireDiscountUsable(discount, now, holds.discountUses(discount.code()),
                holds.discountUsedBy(discount.code(), who.userId()));
        return discount;
    }

    /** 410 HOLD_EXPIRED for an ended or timed-out hold, 409 ALREADY_PROCESSED for one being paid or booked. */
    static void requirePayable(Hold hold, Instant now) {
        if (hold.status() == HoldStatus.PAYING || hold.status() == HoldStatus.CONFIRMED) {
            throw ApiException.conflict("ALREADY_PROCESSED", "This hold's payment was already submitted.");
        }
        if (hold.status() != HoldStatus.PENDING || !hold.liveAt(now)) {
            throw new ApiException(410, "HOLD_EXPIRED", "The hold has ended; pick the seat again.");
        }
    }

    private Hold owned(Principal who, String holdId) {
        return holds.find(holdId).filter(h -> h.userId().equals(who.userId()))
                .orElseThrow(() -> ApiException.notFound("No hold " + holdId + "."));
    }

    private Map<String, Object> replay(Hold earlier, String scheduleId, String seatId) {
        if (!earlier.scheduleId().equals(scheduleId) || !earlier.seatId().equals(seatId)) {
            throw new ApiException(422, "IDEMPOTENCY_KEY_REUSED",
                    "This Idempotency-Key was used for another seat; use a new key.");
        }
        return HoldViews.hold(earlier, clock.instant());
    }

    /** Without its timer a hold would never be released by time: give the seat back and say so. */
    private void startTimer(Hold hold, String idempotencyKey) {
        try {
            saga.start(hold);
        } catch (RuntimeException e) {
            LOG.error("hold timer did not start holdId={}; releasing the seat", hold.holdId(), e);
            holds.release(hold, HoldStatus.FAILED, "SAGA_NOT_STARTED", "The booking could not be started.");
            if (idempotencyKey != null) {
                holds.forgetIdempotencyKey(hold.userId(), idempotencyKey);
            }
            throw new ApiException(503, "SERVICE_UNAVAILABLE", "The seat could not be held just now; try again.");
        }
    }

    /** The seat is taken or held by someone else: counted for the conflict ratio. */
    private ApiException seatUnavailable(String scheduleId, String seatId) {
        metrics.count(Metric.HOLD_CONFLICTED);
        LOG.info("hold conflict, seat taken scheduleId={} seatId={}", scheduleId, seatId);
        return ApiException.conflict("SEAT_UNAVAILABLE", "Someone else holds or has booked this seat.");
    }

    private ApiException limitRefused(ApiException refused, String seatId) {
        metrics.count(Metric.HOLD_LIMIT_REFUSED);
        LOG.info("hold refused, per-user seat limit reached seatId={}", seatId);
        return refused;
    }
}
