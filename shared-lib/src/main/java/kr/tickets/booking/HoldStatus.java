package kr.tickets.booking;

/**
 * Where a hold is in the booking saga. PENDING: the seat is held and awaits payment (the Toss
 * window may be retried); PAYING: a payment was handed to the saga and is being confirmed;
 * the rest are final.
 */
public enum HoldStatus {
    PENDING, PAYING, CONFIRMED, FAILED, EXPIRED, RELEASED;

    public boolean isFinal() {
        return this != PENDING && this != PAYING;
    }
}
