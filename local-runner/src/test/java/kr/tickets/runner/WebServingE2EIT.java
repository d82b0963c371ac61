package kr.tickets.runner;

import static kr.tickets.runner.Accounts.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web app served at the API's origin, as CloudFront serves S3 and API Gateway from one
 * distribution on AWS: a tiny build in a temporary WEB_DIR (no npm), served by a gateway over the
 * shared service's functions, next to one without a build that keeps the gateway's 404s.
 */
class WebServingE2EIT {
    private static final String INDEX = "<!doctype html><html><head><script type=\"module\" src=\"/assets/app-1a2b.js\">"
            + "</script></head><body><div id=\"app\"></div></body></html>";
    private static final String APP_JS = "console.log('공연 예매');";

    @TempDir
    static Path temp;
    private static ApiGateway withApp;
    private static ApiGateway withoutApp;
    private static Http web;
    private static Http bare;

    @BeforeAll
    static void start() throws IOException {
        LocalService service = LocalService.shared();
        Path dist = Files.createDirectories(temp.resolve("dist"));
        Files.writeString(dist.resolve("index.html"), INDEX);
        Files.createDirectories(dist.resolve("assets"));
        Files.writeString(dist.resolve("assets/app-1a2b.js"), APP_JS);
        Files.writeString(dist.resolve("assets/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        Files.writeString(dist.resolve("manifest.webmanifest"), "{\"name\":\"티켓\"}");
        // Beside the build, where a traversal would reach.
        Files.writeString(temp.resolve("secret.txt"), "not for the web");
        byte[] config = service.webApp().answer("/config.json").orElseThrow().body();
        withApp = new ApiGateway(ApiGateway.bind(0), service.functions(), null,
                WebApp.of(dist, config, service.tossSandbox().browserOrigin()));
        withoutApp = new ApiGateway(ApiGateway.bind(0), service.functions(), null,
                WebApp.of(temp.resolve("no-build"), config, service.tossSandbox().browserOrigin()));
        web = new Http("http://127.0.0.1:" + withApp.port());
        bare = new Http("http://127.0.0.1:" + withoutApp.port());
    }

    @AfterAll
    static void stop() {
        withApp.close();
        withoutApp.close();
    }

    @Test
    void servesBuiltFilesWithTheirTypeAndCacheHeaders() {
        Http.Response script = web.get("/assets/app-1a2b.js");
        assertEquals(200, script.status(), script::toString);
        assertEquals(APP_JS, script.body());
        assertEquals("text/javascript; charset=utf-8", script.header("Content-Type"));
        assertEquals("public, max-age=31536000, immutable", script.header("Cache-Control"));
        assertEquals("nosniff", script.header("X-Content-Type-Options"));
        assertNull(script.header("Content-Security-Policy"), "the policy is for documents");

        Http.Response svg = web.get("/assets/logo.svg");
        assertEquals("image/svg+xml", svg.header("Content-Type"));
        Http.Response manifest = web.get("/manifest.webmanifest");
        assertEquals("application/manifest+json", manifest.header("Content-Type"));
        assertEquals("no-cache", manifest.header("Cache-Control"), "outside /assets/ names carry no hash");

        Http.Response index = web.get("/");
        assertEquals(200, index.status());
        assertEquals(INDEX, index.body());
        assertDocument(index);

        Http.Response head = web.send("HEAD", "/assets/app-1a2b.js", null);
        assertEquals(200, head.status());
        assertEquals("", head.body());
    }

    @Test
    void appRoutesFallBackToIndexAndMissingFilesAreNotFound() {
        for (String route : new String[]{"/login", "/shows/perf-1/schedules/sch-1", "/checkout/hold-1",
                "/pay/success?paymentType=NORMAL&orderId=o-123456&paymentKey=k&amount=1000", "/my/bookings",
                "/manage/schedules/sch-1", "/assets"}) {
            Http.Response response = web.get(route);
            assertEquals(200, response.status(), route);
            assertEquals(INDEX, response.body(), route);
            assertDocument(response);
        }
        assertProblem(web.get("/assets/missing-9f8e.js"), 404, "NOT_FOUND");
        assertProblem(web.get("/favicon.ico"), 404, "NOT_FOUND");
    }

    @Test
    void apiRoutesAreStillTheApis() {
        Http.Response list = web.get("/performances");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.header("Content-Type").startsWith("application/json"), list::toString);
        assertEquals("UP", web.get("/health").json().path("status").asText());
        // Under an API prefix nothing falls back to the app: CloudFront sends these to API Gateway.
        assertProblem(web.get("/performances/p-1/no/such/thing"), 404, "NOT_FOUND");
        assertProblem(web.get("/health/extra"), 404, "NOT_FOUND");
        assertProblem(web.get("/auth/login"), 405, "METHOD_NOT_ALLOWED");
        // Only GET and HEAD reach the app.
        assertProblem(web.post("/login", "{}"), 404, "NOT_FOUND");
    }

    @Test
    void pathsLeavingTheBuildAreRefused() {
        for (String path : new String[]{"/../secret.txt", "/assets/../../secret.txt", "/assets/..%2f..%2fsecret.txt",
                "/%2e%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/assets/..\\..\\secret.txt"}) {
            Http.Response response = web.get(path);
            assertFalse(response.body().contains("not for the web"), path);
            // 404 from the gateway, or 400 where the HTTP server refuses the request line itself.
            assertTrue(response.status() == 404 || response.status() == 400, path + ": " + response);
        }
    }

    @Test
    void configJsonNamesTheClientKeyAndTheSandboxWindow() {
        LocalService service = LocalService.shared();
        for (Http client : new Http[]{Http.client(), web, bare}) {
            Http.Response response = client.get("/config.json");
            assertEquals(200, response.status(), response::toString);
            assertEquals("application/json", response.header("Content-Type"));
            assertEquals("no-cache", response.header("Cache-Control"));
            JsonNode toss = response.json().path("toss");
            assertEquals(service.stack().parameters().get("TossClientKey"), toss.path("clientKey").asText());
            assertTrue(toss.path("clientKey").asText().startsWith("test_ck_"));
            assertEquals(service.tossSandbox().windowUrl(), toss.path("windowUrl").asText());
            assertTrue(toss.path("windowUrl").asText().matches("http://localhost:[0-9]+/sandbox/window"));
        }
    }

    @Test
    void withoutABuildUnknownPathsStayTheGatewaysNotFound() {
        assertFalse(withoutApp.webApp().serves());
        assertProblem(bare.get("/"), 404, "NOT_FOUND");
        assertProblem(bare.get("/login"), 404, "NOT_FOUND");
        assertProblem(bare.get("/assets/app-1a2b.js"), 404, "NOT_FOUND");
        assertEquals(200, bare.get("/performances").status());
        // The shared test service runs without a build either.
        assertProblem(Http.client().get("/no/such/route"), 404, "NOT_FOUND");
    }

    @Test
    void tossRedirectsComeBackToThisOriginsPayPages() {
        LocalService service = LocalService.shared();
        String site = "http://localhost:" + Integer.parseInt(service.baseUrl().replaceAll(".*:", ""));
        assertEquals(site, service.siteUrl());
        var env = service.stack().functionEnvironments().get("HoldsFunction");
        assertEquals(site + "/pay/success", env.get("PAYMENT_SUCCESS_URL"));
        assertEquals(site + "/pay/fail", env.get("PAYMENT_FAIL_URL"));
    }

    private static void assertDocument(Http.Response response) {
        assertEquals("text/html; charset=utf-8", response.header("Content-Type"));
        assertEquals("no-cache", response.header("Cache-Control"));
        assertEquals("DENY", response.header("X-Frame-Options"));
        assertEquals("strict-origin-when-cross-origin", response.header("Referrer-Policy"));
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp.startsWith("default-src 'self'; script-src 'self' https://js.tosspayments.com;"), csp);
        assertTrue(csp.contains("frame-src https://*.tosspayments.com"), csp);
        assertTrue(csp.contains("form-action 'self' " + LocalService.shared().tossSandbox().browserOrigin()), csp);
        assertFalse(csp.contains("unsafe-eval"), csp);
        assertTrue(new String(response.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)
                .contains("<div id=\"app\">"));
    }
}
