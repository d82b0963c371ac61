package kr.tickets.runner.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The catalog entries the benchmarks create through the admin API. */
final class BenchCatalog {

    private BenchCatalog() {
    }

    /**
     * The body of a performance on sale since an hour ago for 29 days, with {@code schedules}
     * schedules a day apart from 30 days on; its title is {@code title} and a random suffix, so runs
     * never collide.
     */
    static Map<String, Object> onSale(String venueId, String title, String description, String poster,
                                      int runningTimeMinutes, List<Map<String, Object>> grades, int schedules) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Map<String, Object>> starts = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            starts.add(Map.of("startAt", now.plus(Duration.ofDays(30 + i)).toString()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title + " " + UUID.randomUUID().toString().substring(0, 8));
        body.put("genre", "CONCERT");
        body.put("venueId", venueId);
        body.put("runningTimeMinutes", runningTimeMinutes);
        body.put("thumbnailUrl", "https://cdn.tickets.example/posters/" + poster + ".jpg");
        body.put("description", description);
        body.put("ticketingStartAt", now.minus(Duration.ofHours(1)).toString());
        body.put("ticketingEndAt", now.plus(Duration.ofDays(29)).toString());
        body.put("grades", grades);
        body.put("schedules", starts);
        return body;
    }
}
