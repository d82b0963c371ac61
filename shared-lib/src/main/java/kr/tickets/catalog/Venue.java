package kr.tickets.catalog;

import java.time.Instant;
import java.util.List;

/** A place where performances happen; its seats are stored apart (see {@link VenueLayout}). */
public record Venue(String venueId, String name, String address, int seatCount, List<String> sections,
                    Instant createdAt) {
}
