package kr.tickets.booking;

/**
 * What a seat costs, in KRW, computed on the server (DESIGN "Money"): the grade's price, the
 * booking fee and a discount from the policy table. Toss's amount must equal {@link #total()}.
 */
public record PriceBreakdown(long seatPrice, long fee, long discount) {

    public PriceBreakdown {
        if (seatPrice < 0 || fee < 0 || discount < 0 || discount > seatPrice + fee) {
            throw new IllegalArgumentException("invalid price " + seatPrice + "+" + fee + "-" + discount);
        }
    }

    public long total() {
        return seatPrice + fee - discount;
    }
}
