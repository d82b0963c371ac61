package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Venues and performances for the catalog's end-to-end tests, created through the admin API.
 *
 * <p>The standard venue has 10 seats: section A rows 1 and 2 with 4 seats each, section B row 1
 * with 2 seats. The standard grades cover all of them: VIP = row A-1 (4 seats), R = row A-2 by
 * seat ids (4 seats), S = row B-1 (2 seats). Titles carry a unique token so that a list query
 * with {@code q=<token>} and {@code venueId} sees only one test's performances.
 */
final class Catalogs {
    static final int SEATS = 10;
    static final String TICKETING_START = "2031-04-01T01:00:00Z";
    static final String TICKETING_END = "2031-06-30T12:00:00Z";

    private Catalogs() {
    }

    /** A fresh lower-case Latin token, e.g. {@code tk3f9a1c2b}, unique to one test. */
    static String token() {
        return "tk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static String adminBearer(Http http) {
        Http.Response tokens = http.post("/auth/login",
                Accounts.login(DemoAccounts.ADMIN_EMAIL, DemoAccounts.ADMIN_PASSWORD));
        assertEquals(200, tokens.status(), tokens::toString);
        return "Bearer " + tokens.json().get("accessToken").asText();
    }

    // --- venues -----------------------------------------------------------------------------

    static Map<String, Object> row(String row, int seats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("row", row);
        out.put("seats", seats);
        return out;
    }

    static Map<String, Object> section(String name, Map<?, ?>... rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("rows", List.of(rows));
        return out;
    }

    static Map<String, Object> venueBody(String name, List<?> sections) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("address", "서울특별시 송파구 올림픽로 424");
        out.put("layout", Map.of("sections", sections));
        return out;
    }

    /** The standard 10-seat venue. */
    static Map<String, Object> venueBody(String name) {
        return venueBody(name, List.of(section("A", row("1", 4), row("2", 4)), section("B", row("1", 2))));
    }

    static String createVenue(Http http, String admin) {
        return createVenue(http, admin, venueBody("테스트홀 " + token()));
    }

    static String createVenue(Http http, String admin, Map<String, Object> body) {
        Http.Response created = http.post("/admin/venues", body, "Authorization", admin);
        assertEquals(201, created.status(), created::toString);
        return created.json().get("venueId").asText();
    }

    // --- performances -----------------------------------------------------------------------

    static Map<String, Object> grade(String name, String color, long price, String kind, List<String> targets) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", name);
        out.put("color", color);
        out.put("price", price);
        out.put(kind, targets);
        return out;
    }

    /** VIP (row A-1), R (row A-2, by seat ids), S (row B-1), at the given prices. */
    static List<Map<String, Object>> grades(long vip, long r, long s) {
        return new ArrayList<>(List.of(
                grade("VIP", "#D4AF37", vip, "rows", List.of("A-1")),
                grade("R", "#c0392b", r, "seatIds", List.of("A-2-1", "A-2-2", "A-2-3", "A-2-4")),
                grade("S", "#2980B9", s, "rows", List.of("B-1"))));
    }

    static List<Map<String, Object>> grades() {
        return grades(150_000, 110_000, 80_000);
    }

    static List<Map<String, Object>> schedules(String... starts) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String start : starts) {
            out.add(Map.of("startAt", start));
        }
        return out;
    }

    /** A valid create request; tests change one field of it to see it refused. */
    static Map<String, Object> performanceBody(String venueId, String title, String genre,
                                               List<Map<String, Object>> grades, String... starts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("title", title);
        out.put("genre", genre);
        out.put("venueId", venueId);
        out.put("runningTimeMinutes", 150);
        out.put("thumbnailUrl", "https://cdn.tickets.example/posters/" + token() + ".jpg");
        out.put("description", "테스트 공연");
        out.put("ticketingStartAt", TICKETING_START);
        out.put("ticketingEndAt", TICKETING_END);
        out.put("grades", grades);
        out.put("schedules", schedules(starts));
        return out;
    }

    static Map<String, Object> performanceBody(String venueId, String title, String... starts) {
        return performanceBody(venueId, title, "MUSICAL", grades(), starts);
    }

    /** Creates the performance and answers its detail (the 201 body). */
    static JsonNode createPerformance(Http http, String admin, Map<String, Object> body) {
        Http.Response created = http.post("/admin/performances", body, "Authorization", admin);
        assertEquals(201, created.status(), created::toString);
        return created.json();
    }

    static String createPerformance(Http http, String admin, String venueId, String title, String... starts) {
        return createPerformance(http, admin, performanceBody(venueId, title, starts)).get("performanceId").asText();
    }

    // --- reading ----------------------------------------------------------------------------

    /** {@code /performances?k=v&…} with every value percent-encoded. */
    static String listPath(String... params) {
        StringJoiner query = new StringJoiner("&");
        for (int i = 0; i < params.length; i += 2) {
            query.add(URLEncoder.encode(params[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(params[i + 1], StandardCharsets.UTF_8));
        }
        return "/performances" + (params.length == 0 ? "" : "?" + query);
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("performanceId").asText()));
        return out;
    }

    static List<String> titles(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(item -> out.add(item.get("title").asText()));
        return out;
    }

    static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("fieldErrors").forEach(error -> out.add(error.get("field").asText()));
        return out;
    }
}
