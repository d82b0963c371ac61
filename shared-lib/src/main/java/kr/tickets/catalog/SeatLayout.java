package kr.tickets.catalog;

import java.util.List;

/**
 * What does not change while a performance is on sale: its venue's seats in a fixed order (the
 * order of {@link SeatStateBits}), each with its grade, and the grades with colours and prices.
 * One per performance version: {@code layoutVersion} is the performance's version, which every
 * change of grades or prices moves on.
 */
public record SeatLayout(String performanceId, long layoutVersion, String venueId, String venueName,
                         List<Grade> grades, List<LayoutSeat> seats) {

    /** A seat of the layout and the grade it has in this performance. */
    public record LayoutSeat(Seat seat, String gradeId) {
    }

    /** Strong: the same version is the same document byte for byte. */
    public String etag() {
        return "\"layout:" + performanceId + ":" + layoutVersion + "\"";
    }
}
