package kr.tickets.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import kr.tickets.common.ApiException;

/** When a booking may be cancelled (requirements §5.2: until {@code booking.cancellationHours} before the show). */
public final class CancellationRules {
    public static final String WINDOW_CLOSED = "CANCELLATION_WINDOW_CLOSED";
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final DateTimeFormatter KOREAN = DateTimeFormatter.ofPattern("yyyy년 M월 d일 HH:mm", Locale.KOREAN)
            .withZone(SEOUL);

    private CancellationRules() {
    }

    /** The last instant a cancel is accepted: the show's start minus the policy's hours. */
    public static Instant cancellableUntil(Instant showStart, int cancellationHours) {
        return showStart.minus(Duration.ofHours(cancellationHours));
    }

    /** Accepts {@code now} up to and including the deadline; after it, 409 with the deadline in Korean time. */
    public static void requireOpen(Instant showStart, int cancellationHours, Instant now) {
        Instant until = cancellableUntil(showStart, cancellationHours);
        if (now.isAfter(until)) {
            throw ApiException.conflict(WINDOW_CLOSED, "공연 시작 " + cancellationHours + "시간 전("
                    + KOREAN.format(until) + ", 한국 시간)까지만 취소할 수 있어 이 예매는 취소할 수 없습니다.");
        }
    }
}
