package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kr.tickets.localstack.SamTemplate;
import org.junit.jupiter.api.Test;

class StageCacheTest {
    private static final ApiRoute STATUS = new ApiRoute("CatalogFunction", "get", "/schedules/{scheduleId}/seat-status",
            List.of("method.request.path.scheduleId"));
    private static final ApiRoute ME = new ApiRoute("UsersFunction", "get", "/me");
    private static final ApiRoute HOLD = new ApiRoute("HoldsFunction", "post", "/schedules/{scheduleId}/holds");

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final AtomicInteger calls = new AtomicInteger();

    private StageCache cache(Object... settings) {
        return StageCache.of(Map.of("CacheClusterEnabled", true, "MethodSettings", List.of(settings)),
                List.of(STATUS, ME, HOLD), nanos::get);
    }

    private static Map<String, Object> setting(String path, String method, Object... keyValues) {
        Map<String, Object> out = new java.util.HashMap<>(Map.of("ResourcePath", path, "HttpMethod", method));
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    private static final Map<String, Object> STAGE_OFF = setting("/*", "*", "CachingEnabled", false);
    private static final Map<String, Object> STATUS_ONE_SECOND = setting("/~1schedules~1{scheduleId}~1seat-status",
            "GET", "CachingEnabled", true, "CacheTtlInSeconds", 1);

    private APIGatewayProxyResponseEvent call(StageCache cache, String scheduleId) {
        StageCache.Rule rule = cache.rule(STATUS).orElseThrow();
        String key = StageCache.key(STATUS, rule, Map.of("scheduleId", scheduleId), null, null);
        return cache.get(STATUS, rule, key, () -> new APIGatewayProxyResponseEvent().withStatusCode(200)
                .withBody("answer " + calls.incrementAndGet()));
    }

    @Test
    void nothingIsCachedWithoutACacheCluster() {
        StageCache cache = StageCache.of(Map.of("MethodSettings", List.of(STATUS_ONE_SECOND)), List.of(STATUS),
                nanos::get);

        assertEquals(Optional.empty(), cache.rule(STATUS));
    }

    @Test
    void withAClusterAndNoSettingsEveryGetIsCachedFor300SecondsAsApiGatewayDoes() {
        StageCache cache = cache();

        assertEquals(Optional.of(new StageCache.Rule(Duration.ofSeconds(300), List.of())), cache.rule(ME));
        assertEquals(Optional.empty(), cache.rule(HOLD));
    }

    @Test
    void theStageWideSettingTurnsCachingOffAndAMethodsOwnSettingTurnsItBackOn() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);

        assertEquals(Optional.empty(), cache.rule(ME));
        assertEquals(Optional.of(new StageCache.Rule(Duration.ofSeconds(1), List.of("method.request.path.scheduleId"))),
                cache.rule(STATUS));
    }

    @Test
    void aTtlOfZeroTurnsCachingOff() {
        StageCache cache = cache(setting("/~1me", "GET", "CacheTtlInSeconds", 0));

        assertEquals(Optional.empty(), cache.rule(ME));
    }

    @Test
    void aSecondRequestWithinTheTtlIsAnsweredWithoutTheFunction() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);

        APIGatewayProxyResponseEvent first = call(cache, "S1");
        nanos.addAndGet(999_000_000L);
        APIGatewayProxyResponseEvent second = call(cache, "S1");

        assertSame(first, second);
        assertEquals(1, calls.get());
        assertEquals(new StageCache.Counts(1, 1), cache.counts(STATUS));
    }

    @Test
    void aRequestAfterTheTtlReachesTheFunctionAgain() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);

        call(cache, "S1");
        nanos.addAndGet(1_000_000_000L);
        APIGatewayProxyResponseEvent later = call(cache, "S1");

        assertEquals("answer 2", later.getBody());
        assertEquals(new StageCache.Counts(0, 2), cache.counts(STATUS));
    }

    @Test
    void eachScheduleHasItsOwnEntry() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);

        call(cache, "S1");
        APIGatewayProxyResponseEvent other = call(cache, "S2");

        assertEquals("answer 2", other.getBody());
    }

    @Test
    void theKeyHoldsOnlyTheCachingParametersNotAuthorizationOrOtherQueries() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);
        StageCache.Rule rule = cache.rule(STATUS).orElseThrow();

        String alice = StageCache.key(STATUS, rule, Map.of("scheduleId", "S1"), Map.of("x", List.of("1")),
                Map.of("Authorization", List.of("Bearer alice")));
        String bob = StageCache.key(STATUS, rule, Map.of("scheduleId", "S1"), null,
                Map.of("Authorization", List.of("Bearer bob")));

        assertEquals(alice, bob);
        assertNotEquals(alice, StageCache.key(STATUS, rule, Map.of("scheduleId", "S2"), null, null));
    }

    @Test
    void queryAndHeaderKeyParametersAreReadCaseInsensitivelyForHeaders() {
        ApiRoute layout = new ApiRoute("CatalogFunction", "GET", "/performances/{performanceId}/seat-layout",
                List.of("method.request.path.performanceId", "method.request.querystring.version",
                        "method.request.header.Accept-Language"));
        StageCache.Rule rule = new StageCache.Rule(Duration.ofSeconds(300), layout.cacheKeyParameters());

        String v1 = StageCache.key(layout, rule, Map.of("performanceId", "P"), Map.of("version", List.of("1")),
                Map.of("accept-language", List.of("ko")));
        String v1Again = StageCache.key(layout, rule, Map.of("performanceId", "P"), Map.of("version", List.of("1")),
                Map.of("Accept-Language", List.of("ko")));
        String v2 = StageCache.key(layout, rule, Map.of("performanceId", "P"), Map.of("version", List.of("2")),
                Map.of("Accept-Language", List.of("ko")));

        assertEquals(v1, v1Again);
        assertNotEquals(v1, v2);
    }

    @Test
    void aFunctionThatFailsLeavesNothingCached() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);
        StageCache.Rule rule = cache.rule(STATUS).orElseThrow();
        String key = StageCache.key(STATUS, rule, Map.of("scheduleId", "S1"), null, null);

        assertThrows(IllegalStateException.class, () -> cache.get(STATUS, rule, key, () -> {
            throw new IllegalStateException("boom");
        }));

        assertEquals("answer 1", call(cache, "S1").getBody());
    }

    @Test
    void anAnswerOverOneMegabyteIsNotKept() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND);
        StageCache.Rule rule = cache.rule(STATUS).orElseThrow();
        String key = StageCache.key(STATUS, rule, Map.of("scheduleId", "S1"), null, null);
        String big = "x".repeat(StageCache.MAX_ENTRY_BYTES + 1);

        cache.get(STATUS, rule, key, () -> new APIGatewayProxyResponseEvent().withStatusCode(200).withBody(big));

        assertEquals("answer 1", call(cache, "S1").getBody());
    }

    @Test
    void concurrentMissesEachCallTheFunctionUnlessTheCacheCollapsesThem() throws Exception {
        assertEquals(4, concurrentCalls(cache(STAGE_OFF, STATUS_ONE_SECOND), 4));
        calls.set(0);
        assertEquals(1, concurrentCalls(cache(STAGE_OFF, STATUS_ONE_SECOND).collapsing(), 4));
    }

    /** {@code n} requests for one key at once while the function is slow: how many reached it. */
    private int concurrentCalls(StageCache cache, int n) throws Exception {
        StageCache.Rule rule = cache.rule(STATUS).orElseThrow();
        String key = StageCache.key(STATUS, rule, Map.of("scheduleId", "S1"), null, null);
        CountDownLatch inFunction = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<APIGatewayProxyResponseEvent>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(pool.submit(() -> cache.get(STATUS, rule, key, () -> {
                    calls.incrementAndGet();
                    inFunction.countDown();
                    sleep(300);
                    return new APIGatewayProxyResponseEvent().withStatusCode(200).withBody("slow");
                })));
            }
            assertTrue(inFunction.await(5, TimeUnit.SECONDS));
            for (Future<APIGatewayProxyResponseEvent> answer : answers) {
                assertEquals("slow", answer.get(5, TimeUnit.SECONDS).getBody());
            }
            return calls.get();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theTemplateCachesTheSeatStatusForOneSecondPerScheduleAndTheLayoutPerVersion() {
        List<ApiRoute> routes = FunctionSpec.fromTemplate(SamTemplate.load()).stream()
                .flatMap(f -> f.routes().stream()).toList();
        StageCache cache = StageCache.fromTemplate(SamTemplate.load(), routes);

        ApiRoute status = routes.stream().filter(r -> r.path().equals("/schedules/{scheduleId}/seat-status"))
                .findFirst().orElseThrow();
        ApiRoute layout = routes.stream().filter(r -> r.path().equals("/performances/{performanceId}/seat-layout"))
                .findFirst().orElseThrow();
        assertEquals(Optional.of(new StageCache.Rule(Duration.ofSeconds(1), List.of("method.request.path.scheduleId"))),
                cache.rule(status));
        assertEquals(Optional.of(new StageCache.Rule(Duration.ofSeconds(300),
                List.of("method.request.path.performanceId", "method.request.querystring.version"))), cache.rule(layout));
        List<ApiRoute> cached = routes.stream().filter(r -> cache.rule(r).isPresent()).toList();
        assertEquals(List.of(layout, status), cached.stream()
                .sorted(java.util.Comparator.comparing(ApiRoute::path)).toList(),
                "every other route (/me, /bookings, the full seat map...) is per user or live");
        assertEquals(java.util.Set.of("GET /schedules/{scheduleId}/seat-status",
                "GET /performances/{performanceId}/seat-layout"), cache.collapsedRoutes(),
                "both are behind CloudFront with Origin Shield");
        assertEquals(java.util.Set.of(), cache.withoutCdn().collapsedRoutes());
    }

    @Test
    void cloudFrontPathPatternsMatchRouteTemplatesSegmentBySegment() {
        assertTrue(StageCache.matches("/schedules/*/seat-status", "/schedules/{scheduleId}/seat-status"));
        assertTrue(StageCache.matches("/performances/*/seat-layout", "/performances/{performanceId}/seat-layout"));
        assertTrue(StageCache.matches("/schedules/?/seat-status", "/schedules/{scheduleId}/seat-status"));
        assertEquals(false, StageCache.matches("/schedules/*/seat-status", "/schedules/{scheduleId}/seats"));
        assertEquals(false, StageCache.matches("/schedules/*/seat-status", "/schedules/{scheduleId}/holds"));
    }

    @Test
    void onlyRoutesBehindAShieldedCloudFrontBehaviorAreCollapsed() {
        StageCache cache = cache(STAGE_OFF, STATUS_ONE_SECOND, setting("/~1me", "GET", "CachingEnabled", true));
        Map<String, Object> shielded = Map.of("DistributionConfig", Map.of(
                "Origins", List.of(Map.of("Id", "Api", "OriginShield", Map.of("Enabled", true))),
                "CacheBehaviors", List.of(Map.of("PathPattern", "/schedules/*/seat-status", "TargetOriginId", "Api"))));
        Map<String, Object> unshielded = Map.of("DistributionConfig", Map.of(
                "Origins", List.of(Map.of("Id", "Api")),
                "CacheBehaviors", List.of(Map.of("PathPattern", "/me", "TargetOriginId", "Api"))));

        StageCache behind = cache.behindCdn(List.of(shielded, unshielded), List.of(STATUS, ME, HOLD));

        assertEquals(java.util.Set.of("GET /schedules/{scheduleId}/seat-status"), behind.collapsedRoutes());
    }
}
