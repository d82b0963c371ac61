package kr.tickets.catalog;

/** A seat grade of one performance, shared by all its schedules: name, colour, price in KRW. */
public record Grade(String gradeId, String name, String color, long price, int totalSeats) {
}
