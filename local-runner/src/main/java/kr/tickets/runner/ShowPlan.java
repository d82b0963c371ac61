package kr.tickets.runner;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A performance to create through {@code POST /admin/performances}: what it is and where, with
 * the grades its genre usually has. Dates are laid out from a given day, prices vary a little
 * per show; both come from the caller's {@link Random}, so a seeded one gives the same catalog.
 */
public record ShowPlan(String title, String slug, String genre, VenuePlan venue, int runningTimeMinutes,
                       int schedules) {
    /** The genres of the contract (the service's Genre codes). */
    public static final List<String> GENRES = List.of("CONCERT", "MUSICAL", "PLAY", "CLASSICAL", "DANCE", "KIDS",
            "OTHER");
    /** Performances are scheduled in Korean local time; the API takes and returns UTC instants. */
    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    /** Below this many seats a venue is a small house, whose tickets cost about half. */
    private static final int SMALL_HOUSE = 500;

    private record Price(String grade, long krw) {
    }

    /** Typical grades and face prices of a Seoul production of each genre, dearest first. */
    private static final Map<String, List<Price>> PRICES = Map.of(
            "MUSICAL", List.of(new Price("VIP", 170_000), new Price("R", 140_000), new Price("S", 110_000),
                    new Price("A", 80_000)),
            "CONCERT", List.of(new Price("VIP", 165_000), new Price("R", 154_000), new Price("S", 132_000),
                    new Price("A", 99_000)),
            "CLASSICAL", List.of(new Price("R", 150_000), new Price("S", 120_000), new Price("A", 90_000),
                    new Price("B", 50_000)),
            "PLAY", List.of(new Price("R", 66_000), new Price("S", 50_000), new Price("A", 35_000)),
            "DANCE", List.of(new Price("VIP", 120_000), new Price("R", 90_000), new Price("S", 60_000),
                    new Price("A", 30_000)),
            "KIDS", List.of(new Price("R", 55_000), new Price("S", 44_000)),
            "OTHER", List.of(new Price("VIP", 88_000), new Price("R", 66_000), new Price("S", 55_000)));

    private static final Map<String, String> COLORS = Map.of("VIP", "#7B2CBF", "R", "#E63946", "S", "#1D70B8",
            "A", "#2A9D8F", "B", "#F4A261");

    private static final Map<String, String> BLURBS = Map.of(
            "MUSICAL", "라이브 오케스트라와 함께하는 뮤지컬 무대. 인터미션 20분 포함, 8세 이상 관람가.",
            "CONCERT", "스탠딩 없이 전석 지정석으로 진행됩니다. 공연 당일 현장 판매는 잔여석에 한합니다.",
            "CLASSICAL", "미취학 아동은 입장할 수 없습니다. 연주 중에는 입장이 제한되니 시간을 지켜 주세요.",
            "PLAY", "공연 시작 후에는 입장이 제한됩니다. 14세 이상 관람가.",
            "DANCE", "전막 공연, 인터미션 15분 포함. 5세 이상 관람가.",
            "KIDS", "24개월 이상 관람가, 보호자 동반 필수. 아이와 함께 노래하고 춤추는 참여형 공연입니다.",
            "OTHER", "언어 없이 누구나 즐길 수 있는 공연입니다. 전체 관람가.");

    /**
     * The request body for this show, titled {@code title}, at {@code venue} (created as
     * {@code venueId}), with {@code scheduleCount} schedules from a few days after {@code today}.
     * About one show in six opens its ticketing in the coming days; the rest already sell.
     */
    public Map<String, Object> body(String title, VenuePlan venue, String venueId, int scheduleCount, LocalDate today,
                                    Random random) {
        boolean opensLater = random.nextInt(6) == 0;
        LocalDate opens = opensLater ? today.plusDays(2 + random.nextInt(8)) : today.minusDays(1 + random.nextInt(28));
        LocalDate firstDay = (opensLater ? opens.plusDays(10) : today.plusDays(3)).plusDays(random.nextInt(90));
        List<Instant> starts = starts(firstDay, scheduleCount, random);
        Instant ticketingStart = opens.atTime(LocalTime.of(14, 0)).atZone(SEOUL).toInstant();
        // Sales close three hours before the last show, as box offices take over then.
        Instant ticketingEnd = starts.get(starts.size() - 1).minus(3, ChronoUnit.HOURS);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("genre", genre);
        body.put("venueId", venueId);
        body.put("runningTimeMinutes", runningTimeMinutes);
        body.put("thumbnailUrl", "https://images.tickets.example/" + slug + ".jpg");
        body.put("description", title + " — " + venue.name() + ". 러닝타임 " + runningTimeMinutes + "분. "
                + BLURBS.get(genre));
        body.put("ticketingStartAt", ticketingStart.toString());
        body.put("ticketingEndAt", ticketingEnd.toString());
        body.put("grades", grades(venue, random));
        body.put("schedules", starts.stream().map(start -> Map.of("startAt", start.toString())).toList());
        return body;
    }

    /** This show at its own venue with its own number of schedules. */
    public Map<String, Object> body(String venueId, LocalDate today, Random random) {
        return body(title, venue, venueId, schedules, today, random);
    }

    private List<Map<String, Object>> grades(VenuePlan at, Random random) {
        List<Price> prices = PRICES.get(genre);
        int count = Math.min(prices.size(), at.tiers());
        List<List<String>> rows = at.rowsByGrade(count);
        // One factor for the whole show keeps its grades in order while shows of a genre differ.
        double factor = (0.85 + random.nextInt(31) / 100.0) * (at.seatCount() < SMALL_HOUSE ? 0.5 : 1);
        List<Map<String, Object>> grades = new ArrayList<>();
        for (int g = 0; g < count; g++) {
            Price price = prices.get(g);
            Map<String, Object> grade = new LinkedHashMap<>();
            grade.put("name", price.grade());
            grade.put("color", COLORS.get(price.grade()));
            grade.put("price", Math.round(price.krw() * factor / 1000.0) * 1000);
            grade.put("rows", rows.get(g));
            grades.add(grade);
        }
        return grades;
    }

    /**
     * Up to three shows play on consecutive days (a concert weekend); a longer run spreads over
     * weeks. Evenings on weekdays, afternoons at weekends, mornings for children.
     */
    private List<Instant> starts(LocalDate firstDay, int count, Random random) {
        int span = count <= 3 ? count - 1 : 2 * (count - 1) + random.nextInt(60);
        List<Instant> starts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LocalDate day = firstDay.plusDays(count == 1 ? 0 : (long) i * span / (count - 1));
            starts.add(day.atTime(showTime(day)).atZone(SEOUL).toInstant());
        }
        return starts;
    }

    private LocalTime showTime(LocalDate day) {
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        if (genre.equals("KIDS")) {
            return LocalTime.of(11, 0);
        }
        if (genre.equals("CONCERT")) {
            return weekend ? LocalTime.of(18, 0) : LocalTime.of(20, 0);
        }
        return weekend ? LocalTime.of(15, 0) : LocalTime.of(19, 30);
    }
}
