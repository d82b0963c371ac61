package kr.tickets.runner;

import static kr.tickets.runner.VenuePlan.Section.lettered;
import static kr.tickets.runner.VenuePlan.Section.numbered;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The catalog a local run starts with, so that the list, search, calendar and seat maps have
 * something real to show: Seoul venues from a 160-seat 대학로 theatre to a 3,000-seat arena, and
 * shows of every genre whose schedules lie in the coming months. Everything is created as the
 * local admin through the HTTP API, so it passes the same validation as an organiser's input.
 * The content is the same on every run (seeded); only the dates follow today.
 */
public final class DemoCatalog {
    private static final long SEED = 20_250_525L;
    /** Creating performances in parallel hides the round trips; more threads only queue at moto. */
    private static final int THREADS = 4;

    public static final VenuePlan OPERA_HOUSE = new VenuePlan("예술의전당 오페라극장", "서울 서초구 남부순환로 2406",
            List.of(lettered("1층", 38, 4, 8, 6, 4), lettered("2층", 36, 0, 3, 4, 3), lettered("3층", 34, 0, 0, 3, 5)));
    public static final VenuePlan SEJONG = new VenuePlan("세종문화회관 대극장", "서울 종로구 세종대로 175",
            List.of(lettered("1층", 40, 5, 9, 7, 4), lettered("2층", 38, 0, 4, 5, 3), lettered("3층", 36, 0, 0, 4, 6)));
    public static final VenuePlan BLUESQUARE = new VenuePlan("블루스퀘어 신한카드홀", "서울 용산구 이태원로 294",
            List.of(lettered("1층", 36, 4, 8, 6, 2), lettered("2층", 34, 0, 3, 5, 2), lettered("3층", 30, 0, 0, 3, 5)));
    public static final VenuePlan KSPO_DOME = new VenuePlan("KSPO DOME", "서울 송파구 올림픽로 424",
            List.of(numbered("플로어A", 25, 5, 7), numbered("플로어B", 25, 5, 7), numbered("플로어C", 25, 5, 7),
                    numbered("플로어D", 25, 5, 7), numbered("A구역", 30, 0, 0, 4, 6), numbered("B구역", 30, 0, 0, 4, 6),
                    numbered("C구역", 30, 0, 0, 4, 6), numbered("D구역", 30, 0, 0, 4, 6),
                    numbered("E구역", 30, 0, 0, 4, 6), numbered("F구역", 30, 0, 0, 4, 6)));
    public static final VenuePlan LOTTE_CONCERT_HALL = new VenuePlan("롯데콘서트홀", "서울 송파구 올림픽로 300",
            List.of(lettered("1층", 32, 4, 8, 6, 2), lettered("2층", 30, 0, 3, 4, 3)));
    public static final VenuePlan DAEHAKRO = new VenuePlan("대학로 아트원씨어터 3관", "서울 종로구 대학로 133",
            List.of(lettered("1층", 16, 6, 4)));
    public static final List<VenuePlan> VENUES = List.of(OPERA_HOUSE, SEJONG, BLUESQUARE, KSPO_DOME,
            LOTTE_CONCERT_HALL, DAEHAKRO);

    public static final List<ShowPlan> SHOWS = List.of(
            new ShowPlan("뮤지컬 레미제라블", "les-miserables", "MUSICAL", BLUESQUARE, 180, 10),
            new ShowPlan("뮤지컬 오페라의 유령", "phantom-of-the-opera", "MUSICAL", SEJONG, 150, 10),
            new ShowPlan("뮤지컬 영웅", "hero", "MUSICAL", BLUESQUARE, 165, 8),
            new ShowPlan("뮤지컬 지킬 앤 하이드", "jekyll-and-hyde", "MUSICAL", SEJONG, 170, 6),
            new ShowPlan("MAMMA MIA!", "mamma-mia", "MUSICAL", BLUESQUARE, 150, 9),
            new ShowPlan("뮤지컬 빨래", "laundry", "MUSICAL", DAEHAKRO, 150, 10),
            new ShowPlan("HADESTOWN", "hadestown", "MUSICAL", SEJONG, 155, 7),
            new ShowPlan("연극 햄릿", "hamlet", "PLAY", OPERA_HOUSE, 180, 8),
            new ShowPlan("연극 리어왕", "king-lear", "PLAY", OPERA_HOUSE, 200, 5),
            new ShowPlan("연극 옥탑방 고양이", "rooftop-cat", "PLAY", DAEHAKRO, 110, 10),
            new ShowPlan("연극 늘근도둑 이야기", "old-thieves", "PLAY", DAEHAKRO, 100, 9),
            new ShowPlan("연극 라이어", "liar", "PLAY", DAEHAKRO, 120, 10),
            new ShowPlan("조성진 피아노 리사이틀", "seong-jin-cho-recital", "CLASSICAL", LOTTE_CONCERT_HALL, 120, 1),
            new ShowPlan("임윤찬 피아노 리사이틀", "yunchan-lim-recital", "CLASSICAL", LOTTE_CONCERT_HALL, 110, 2),
            new ShowPlan("서울시립교향악단 말러 교향곡 5번", "spo-mahler-5", "CLASSICAL", LOTTE_CONCERT_HALL, 100, 2),
            new ShowPlan("오페라 라 트라비아타", "la-traviata", "CLASSICAL", OPERA_HOUSE, 170, 4),
            new ShowPlan("오페라 카르멘", "carmen", "CLASSICAL", SEJONG, 180, 3),
            new ShowPlan("Wiener Philharmoniker Asia Tour", "wiener-philharmoniker", "CLASSICAL", LOTTE_CONCERT_HALL,
                    120, 2),
            new ShowPlan("아이유 콘서트", "iu-concert", "CONCERT", KSPO_DOME, 180, 2),
            new ShowPlan("성시경 콘서트 〈축가〉", "sung-si-kyung-chukga", "CONCERT", KSPO_DOME, 170, 3),
            new ShowPlan("DAY6 Forever Young Tour", "day6-forever-young", "CONCERT", KSPO_DOME, 150, 2),
            new ShowPlan("잔나비 전국투어 〈환상의 나라〉", "jannabi-tour", "CONCERT", BLUESQUARE, 150, 2),
            new ShowPlan("발레 호두까기 인형", "nutcracker", "DANCE", OPERA_HOUSE, 120, 10),
            new ShowPlan("국립발레단 백조의 호수", "swan-lake", "DANCE", OPERA_HOUSE, 150, 5),
            new ShowPlan("유니버설발레단 지젤", "giselle", "DANCE", SEJONG, 130, 4),
            new ShowPlan("국립무용단 묵향", "mukhyang", "DANCE", SEJONG, 90, 3),
            new ShowPlan("어린이 뮤지컬 구름빵", "cloud-bread", "KIDS", DAEHAKRO, 70, 10),
            new ShowPlan("어린이 뮤지컬 핑크퐁 원더스타 콘서트", "pinkfong-wonderstar", "KIDS", BLUESQUARE, 80, 6),
            new ShowPlan("가족 인형극 피터와 늑대", "peter-and-the-wolf", "KIDS", DAEHAKRO, 60, 8),
            new ShowPlan("넌버벌 퍼포먼스 난타", "nanta", "OTHER", DAEHAKRO, 90, 10),
            new ShowPlan("이은결 매직 콘서트 The Illusion", "the-illusion", "OTHER", BLUESQUARE, 100, 4),
            new ShowPlan("판소리 완창 춘향가", "chunhyangga", "OTHER", LOTTE_CONCERT_HALL, 300, 1));

    private DemoCatalog() {
    }

    /** A venue as created. */
    public record CreatedVenue(String venueId, String name, int seatCount) {
    }

    /** What {@link #create} made. */
    public record Summary(List<CreatedVenue> venues, List<String> performanceIds, int schedules) {
        @Override
        public String toString() {
            return "Demo catalog: " + venues.size() + " venues, " + performanceIds.size() + " performances, "
                    + schedules + " schedules";
        }
    }

    /** The bodies of {@code POST /admin/performances} for {@link #SHOWS}, the same for the same day. */
    static List<Map<String, Object>> performanceBodies(Map<VenuePlan, String> venueIds, LocalDate today) {
        Random random = new Random(SEED);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (ShowPlan show : SHOWS) {
            bodies.add(show.body(venueIds.get(show.venue()), today, random));
        }
        return bodies;
    }

    /** Creates the demo venues and performances at {@code baseUrl}, with dates from {@code clock}'s today. */
    public static Summary create(String baseUrl, Clock clock) {
        AdminApi admin = AdminApi.login(baseUrl);
        LocalDate today = LocalDate.now(clock.withZone(ShowPlan.SEOUL));
        List<CreatedVenue> venues = new ArrayList<>();
        Map<VenuePlan, String> venueIds = new LinkedHashMap<>();
        for (VenuePlan plan : VENUES) {
            JsonNode venue = admin.create("/admin/venues", plan.body());
            venues.add(new CreatedVenue(venue.get("venueId").asText(), plan.name(), venue.get("seatCount").asInt()));
            venueIds.put(plan, venue.get("venueId").asText());
        }
        List<JsonNode> created = admin.createAll("/admin/performances", performanceBodies(venueIds, today), THREADS);
        return new Summary(List.copyOf(venues),
                created.stream().map(p -> p.get("performanceId").asText()).toList(),
                created.stream().mapToInt(p -> p.get("schedules").size()).sum());
    }
}
