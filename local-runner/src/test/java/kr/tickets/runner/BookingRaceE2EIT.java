package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The requirement "never sell one seat twice" under a rush, over real HTTP against the local
 * stack: many users at once on one seat, and more users than seats picking seats at random
 * (each firing two holds at once, to race the one-seat-per-user rule too). Each repetition uses
 * a fresh schedule; holds are released at the end so their sagas stop.
 */
class BookingRaceE2EIT {
    private static final int ONE_SEAT_USERS = 100;
    private static final int RUSH_USERS = 300;
    private static final int RUSH_SEATS = 200;
    private static final int REPETITIONS = 5;
    private static Http http;
    private static List<Accounts.Account> users;
    private static List<String> oneSeatSchedules;
    private static List<String> rushSchedules;
    private static List<String> rushSeatIds;

    @BeforeAll
    static void prepare() throws Exception {
        http = Http.client();
        String admin = Catalogs.adminBearer(http);
        oneSeatSchedules = Bookings.scheduleIds(Bookings.onSale(http, admin,
                Catalogs.venueBody("경합홀 " + Catalogs.token()), Catalogs.grades(), REPETITIONS));
        List<Map<String, Object>> rows = new ArrayList<>();
        rushSeatIds = new ArrayList<>();
        for (int row = 1; row <= RUSH_SEATS / 20; row++) {
            rows.add(Catalogs.row(Integer.toString(row), 20));
            for (int n = 1; n <= 20; n++) {
                rushSeatIds.add("A-" + row + "-" + n);
            }
        }
        Map<String, Object> arena = Catalogs.venueBody("러시홀 " + Catalogs.token(),
                List.of(Map.of("name", "A", "rows", rows)));
        rushSchedules = Bookings.scheduleIds(Bookings.onSale(http, admin, arena,
                List.of(Catalogs.grade("R", "#c0392b", 99_000, "seatIds", rushSeatIds)), REPETITIONS));
        users = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> signups = new ArrayList<>();
        for (int i = 0; i < RUSH_USERS; i++) {
            signups.add(pool.submit(() -> users.add(Accounts.create(Http.client()))));
        }
        for (Future<?> signup : signups) {
            signup.get();
        }
        pool.shutdown();
    }

    @RepeatedTest(REPETITIONS)
    void aHundredUsersOnOneSeatGetExactlyOneHold(RepetitionInfo repetition) throws Exception {
        String scheduleId = oneSeatSchedules.get(repetition.getCurrentRepetition() - 1);
        ConcurrentLinkedQueue<Http.Response> answers = new ConcurrentLinkedQueue<>();
        rush(users.subList(0, ONE_SEAT_USERS), user -> answers.add(Bookings.hold(Http.patientClient(), user, scheduleId, "A-1-1")));
        List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
        assertEquals(1, won.size(), () -> "winners: " + won);
        assertEquals(ONE_SEAT_USERS - 1, answers.stream()
                .filter(r -> r.status() == 409 && "SEAT_UNAVAILABLE".equals(r.code())).count(), answers::toString);
        assertEquals("PENDING", Bookings.seatStatus(http, scheduleId, "A-1-1"));
        JsonNode vip = http.get("/schedules/" + scheduleId + "/seats").json().get("grades").get(0);
        assertEquals(vip.get("total").asInt() - 1, vip.get("remaining").asInt());
        Accounts.Account winner = users.stream().filter(u -> u.userId().equals(
                holdOwner(won.get(0).json().get("holdId").asText()))).findFirst().orElseThrow();
        assertEquals(204, http.send("DELETE", "/holds/" + won.get(0).json().get("holdId").asText(), null,
                "Authorization", winner.bearer()).status());
    }

    @RepeatedTest(REPETITIONS)
    void threeHundredUsersOnTwoHundredSeatsNeverShareASeatNorHoldTwo(RepetitionInfo repetition) throws Exception {
        String scheduleId = rushSchedules.get(repetition.getCurrentRepetition() - 1);
        Map<String, String> seatByUser = new ConcurrentHashMap<>();
        Map<String, String> holdBySeat = new ConcurrentHashMap<>();
        Map<String, Accounts.Account> ownerByHold = new ConcurrentHashMap<>();
        AtomicInteger doubleHolds = new AtomicInteger();
        AtomicInteger unexpected = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        Set<String> taken = ConcurrentHashMap.newKeySet();
        rush(users, user -> {
            Http client = Http.patientClient();
            // Two holds at once from the same user: at most one may win.
            List<String> picks = randomSeats(2, rushSeatIds);
            ExecutorService both = Executors.newFixedThreadPool(2);
            List<Future<Http.Response>> firsts = new ArrayList<>();
            for (String seat : picks) {
                firsts.add(both.submit(() -> Bookings.hold(client, user, scheduleId, seat)));
            }
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> first : firsts) {
                answers.add(first.get());
            }
            both.shutdown();
            for (int i = 0; i < picks.size(); i++) {
                if (answers.get(i).status() == 409 && "SEAT_UNAVAILABLE".equals(answers.get(i).code())) {
                    taken.add(picks.get(i));
                }
            }
            for (int attempt = 0; ; attempt++) {
                List<Http.Response> won = answers.stream().filter(r -> r.status() == 201).toList();
                answers.stream().filter(r -> r.status() != 201 && !(r.status() == 409
                        && Set.of("SEAT_UNAVAILABLE", "HOLD_LIMIT_REACHED").contains(r.code())))
                        .forEach(r -> {
                            unexpected.incrementAndGet();
                            problems.add(r.toString());
                        });
                if (won.size() > 1) {
                    doubleHolds.incrementAndGet();
                }
                if (!won.isEmpty()) {
                    for (Http.Response w : won) {
                        String seat = w.json().get("seatId").asText();
                        taken.add(seat);
                        String holdId = w.json().get("holdId").asText();
                        if (holdBySeat.putIfAbsent(seat, holdId) != null) {
                            problems.add("seat " + seat + " held twice");
                        }
                        seatByUser.put(user.userId(), seat);
                        ownerByHold.put(holdId, user);
                    }
                    return null;
                }
                // What the seat map shows the user: the seats seen taken are gone.
                List<String> free = rushSeatIds.stream().filter(seat -> !taken.contains(seat)).toList();
                if (free.isEmpty() || attempt > RUSH_SEATS) {
                    return null;
                }
                String pick = randomSeats(1, free).get(0);
                answers = List.of(Bookings.hold(client, user, scheduleId, pick));
                if (answers.get(0).status() != 201) {
                    taken.add(pick);
                }
            }
        });
        assertTrue(problems.isEmpty(), problems::toString);
        assertEquals(0, doubleHolds.get());
        assertEquals(0, unexpected.get());
        assertEquals(RUSH_SEATS, holdBySeat.size());
        assertEquals(RUSH_SEATS, seatByUser.size());
        assertEquals(RUSH_SEATS, new HashSet<>(seatByUser.values()).size());
        JsonNode map = http.get("/schedules/" + scheduleId + "/seats").json();
        assertEquals(0, map.get("grades").get(0).get("remaining").asInt());
        map.get("seats").forEach(seat -> assertEquals("PENDING", seat.get("status").asText(), seat::toString));
        rush(new ArrayList<>(ownerByHold.keySet()), holdId -> {
            Http.Response released = Http.patientClient().send("DELETE", "/holds/" + holdId, null,
                    "Authorization", ownerByHold.get(holdId).bearer());
            assertEquals(204, released.status(), released::toString);
            return null;
        });
        assertEquals(RUSH_SEATS, http.get("/schedules/" + scheduleId + "/seats").json().get("grades").get(0)
                .get("remaining").asInt());
    }

    private static String holdOwner(String holdId) {
        for (Accounts.Account user : users.subList(0, ONE_SEAT_USERS)) {
            if (http.get("/holds/" + holdId, "Authorization", user.bearer()).status() == 200) {
                return user.userId();
            }
        }
        throw new AssertionError("nobody owns " + holdId);
    }

    private static List<String> randomSeats(int count, List<String> from) {
        List<String> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled.subList(0, Math.min(count, shuffled.size()));
    }

    interface Work<T> {
        Object run(T item) throws Exception;
    }

    /** Runs {@code work} for every item on its own thread, all released at the same instant. */
    private static <T> void rush(List<T> items, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(items.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (T item : items) {
            done.add(pool.submit(() -> {
                start.await();
                return work.run(item);
            }));
        }
        start.countDown();
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
