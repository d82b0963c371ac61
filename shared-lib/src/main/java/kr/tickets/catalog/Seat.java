package kr.tickets.catalog;

/** One seat of a venue's layout, with its position for drawing the seat map. */
public record Seat(String seatId, String label, String section, String row, int number, int x, int y) {
}
