package kr.tickets.ratelimit;

/** Whether a request may go on, or which limit it ran into and how long until that limit's window ends. */
public sealed interface RateDecision {
    /** Under every limit. */
    record Allowed() implements RateDecision {
    }

    /** Over the limit of {@code subject}; nothing else was done. */
    record Limited(RateSubject subject, long limit, long retryAfterSeconds) implements RateDecision {
    }
}
