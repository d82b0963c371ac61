package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A policy change reaches every warm function within the cache time, with no deploy. Runs on a
 * service of its own with template.yaml's PolicyCacheSeconds (the suite's shared service reads
 * policies on every use): three functions, each in its own class loader as in its own container,
 * are warmed with a request that reads the policies, then the admin turns read-only mode on and
 * each is polled with a request that changes nothing either way until it answers 503 READ_ONLY.
 */
class PolicyCacheE2EIT {
    /** The template's default PolicyCacheSeconds (kr.tickets.policy.PolicyService.DEFAULT_CACHE_SECONDS). */
    private static final Duration CACHE = Duration.ofSeconds(5);
    /** One request's time on this shared machine, on top of the cache time. */
    private static final Duration SLACK = Duration.ofMillis(1500);

    private static LocalService service;
    private static Http http;
    private static String admin;

    @BeforeAll
    static void start() {
        service = LocalService.start(0, 0);
        http = new Http(service.baseUrl());
        admin = Catalogs.adminBearer(http);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** Writes that are refused before they change anything: by their rules when writable, by read-only mode when not. */
    private static Map<String, Supplier<Http.Response>> probes() {
        Map<String, Supplier<Http.Response>> probes = new LinkedHashMap<>();
        probes.put("UsersFunction", () -> http.post("/auth/signup", Map.of()));
        probes.put("HoldsFunction", () -> http.post("/schedules/sched-none/holds", Map.of("seatId", "A-1-1")));
        probes.put("BookingsFunction", () -> http.post("/bookings/booking-none/cancel", Map.of()));
        return probes;
    }

    private static boolean readOnly(Http.Response answer) {
        return answer.status() == 503 && answer.body().contains("READ_ONLY");
    }

    @Test
    void aChangeIsInForceInEveryWarmFunctionWithinTheCacheTime() throws Exception {
        Map<String, Supplier<Http.Response>> probes = probes();
        probes.forEach((function, probe) -> {
            Http.Response warm = probe.get();
            assertTrue(warm.status() == 400 || warm.status() == 401, function + ": " + warm);
        });

        Policies.set(http, admin, "feature.readOnly", true);
        long changed = System.nanoTime();
        try {
            for (Map.Entry<String, Supplier<Http.Response>> probe : probes.entrySet()) {
                while (!readOnly(probe.getValue().get())) {
                    Duration waited = Duration.ofNanos(System.nanoTime() - changed);
                    assertTrue(waited.compareTo(CACHE.plus(SLACK)) < 0,
                            probe.getKey() + " still took writes " + waited.toMillis() + " ms after the change");
                    Thread.sleep(100);
                }
                System.out.printf("%s refuses writes %d ms after read-only was switched on%n", probe.getKey(),
                        Duration.ofNanos(System.nanoTime() - changed).toMillis());
            }
        } finally {
            Policies.set(http, admin, "feature.readOnly", false);
        }
        long off = System.nanoTime();
        for (Map.Entry<String, Supplier<Http.Response>> probe : probes.entrySet()) {
            Http.Response answer;
            while (readOnly(answer = probe.getValue().get())) {
                assertTrue(Duration.ofNanos(System.nanoTime() - off).compareTo(CACHE.plus(SLACK)) < 0,
                        probe.getKey() + " still read-only after the cache time");
                Thread.sleep(100);
            }
            assertEquals(false, readOnly(answer));
        }
    }
}
