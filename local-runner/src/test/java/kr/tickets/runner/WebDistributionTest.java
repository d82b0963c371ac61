package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * WebDistribution in template.yaml routes as the local runner does: every API route reaches the
 * API (a route added later without a cache behavior would be answered by S3 with the app's
 * index.html), the app's routes reach S3, the seat map keeps its cache, and the app's security
 * headers are the local runner's.
 */
class WebDistributionTest {
    private static final SamTemplate TEMPLATE = SamTemplate.load();
    private static final String CACHING_DISABLED = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad";
    private static final String ALL_VIEWER_EXCEPT_HOST = "b689b0a8-53d0-40ab-baf2-68738e2966ac";
    private static final Map<String, Object> CONFIG = SamTemplate.map(SamTemplate.map(
            TEMPLATE.resourcesOfType("AWS::CloudFront::Distribution").get("WebDistribution").get("Properties"))
            .get("DistributionConfig"));

    private static List<Map<String, Object>> behaviors() {
        List<Map<String, Object>> out = new ArrayList<>();
        SamTemplate.list(CONFIG.get("CacheBehaviors")).forEach(b -> out.add(SamTemplate.map(b)));
        return out;
    }

    /** The behavior CloudFront picks for a path (the first whose pattern matches), or null: the default (S3). */
    private static Map<String, Object> behaviorFor(String path) {
        return behaviors().stream().filter(b -> StageCache.matches(String.valueOf(b.get("PathPattern")), path))
                .findFirst().orElse(null);
    }

    @Test
    void everyApiRouteGoesToTheApiUncachedWithEveryMethod() {
        List<ApiRoute> routes = new ArrayList<>();
        FunctionSpec.fromTemplate(TEMPLATE).forEach(spec -> routes.addAll(spec.routes()));
        assertTrue(routes.size() > 30, "the template's routes were read");
        for (ApiRoute route : routes) {
            Map<String, Object> behavior = behaviorFor(route.path());
            assertNotNull(behavior, route + " would be served by the web bucket");
            assertEquals("TicketingApi", behavior.get("TargetOriginId"), route.toString());
            if (route.path().endsWith("/seat-status") || route.path().endsWith("/seat-layout")) {
                assertEquals(Map.of("Ref", "SeatMapCachePolicy"), behavior.get("CachePolicyId"), route.toString());
            } else {
                assertEquals(CACHING_DISABLED, behavior.get("CachePolicyId"), route.toString());
                assertEquals(ALL_VIEWER_EXCEPT_HOST, behavior.get("OriginRequestPolicyId"), route.toString());
                assertEquals(List.of("GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"),
                        behavior.get("AllowedMethods"), route.toString());
            }
        }
    }

    @Test
    void theAppsRoutesAndFilesGoToTheBucketThroughTheRewriteFunction() {
        for (String path : new String[]{"/", "/index.html", "/config.json", "/assets/app-1a2b.js", "/login", "/signup",
                "/account", "/shows/p-1", "/shows/p-1/schedules/s-1", "/checkout/h-1", "/pay/success", "/pay/fail",
                "/my/bookings", "/my/bookings/b-1", "/manage", "/manage/schedules/s-1"}) {
            assertEquals(null, behaviorFor(path), path + " must reach the default (S3) behavior");
        }
        Map<String, Object> app = SamTemplate.map(CONFIG.get("DefaultCacheBehavior"));
        assertEquals("WebBucket", app.get("TargetOriginId"));
        assertEquals(List.of("GET", "HEAD"), app.get("AllowedMethods"));
        Map<String, Object> function = SamTemplate.map(SamTemplate.list(app.get("FunctionAssociations")).get(0));
        assertEquals("viewer-request", function.get("EventType"));
        String code = String.valueOf(SamTemplate.map(TEMPLATE.resourcesOfType("AWS::CloudFront::Function")
                .get("WebRouteFunction").get("Properties")).get("FunctionCode"));
        assertTrue(code.contains("indexOf('.') === -1") && code.contains("'/index.html'"), code);
    }

    @Test
    void theSecurityHeadersAreTheLocalRunnersAndEveryBehaviorSetsThem() {
        Map<String, Object> security = SamTemplate.map(SamTemplate.map(SamTemplate.map(
                TEMPLATE.resourcesOfType("AWS::CloudFront::ResponseHeadersPolicy").get("WebResponseHeadersPolicy")
                        .get("Properties")).get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig"));
        assertEquals(WebApp.contentSecurityPolicy(null),
                SamTemplate.map(security.get("ContentSecurityPolicy")).get("ContentSecurityPolicy"));
        assertEquals("DENY", SamTemplate.map(security.get("FrameOptions")).get("FrameOption"));
        assertEquals("strict-origin-when-cross-origin", SamTemplate.map(security.get("ReferrerPolicy")).get("ReferrerPolicy"));
        Map<String, Object> policy = Map.of("Ref", "WebResponseHeadersPolicy");
        assertEquals(policy, SamTemplate.map(CONFIG.get("DefaultCacheBehavior")).get("ResponseHeadersPolicyId"));
        behaviors().forEach(b -> assertEquals(policy, b.get("ResponseHeadersPolicyId"), String.valueOf(b.get("PathPattern"))));
    }
}
