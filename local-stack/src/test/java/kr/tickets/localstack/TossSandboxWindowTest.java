package kr.tickets.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's payment window page ({@code GET /sandbox/window}) as a browser without scripts
 * uses it: what it shows, that each of its three buttons leads through {@code /sandbox/checkout}
 * to the shop's success or fail URL exactly as Toss redirects, that everything it echoes is
 * escaped, and its 400 pages.
 */
class TossSandboxWindowTest {
    private static final Pattern FORM = Pattern.compile("<form method=\"get\" action=\"([^\"]*)\">(.*?)</form>",
            Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\">");
    private static final Pattern BUTTON = Pattern.compile("<button type=\"submit\" id=\"[^\"]*\">([^<]*)</button>");

    private static TossSandbox sandbox;
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        sandbox = TossSandbox.start(0, Clock.systemUTC());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static Map<String, String> order(String orderId) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("clientKey", "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq");
        query.put("orderId", orderId);
        query.put("orderName", "레미제라블 1층 A열 3번");
        query.put("amount", "12000");
        query.put("method", "CARD");
        query.put("customerName", "김구매");
        query.put("customerEmail", "buyer@example.com");
        query.put("successUrl", "http://localhost:3000/pay/success");
        query.put("failUrl", "http://localhost:3000/pay/fail");
        return query;
    }

    private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> window(Map<String, String> query) throws IOException, InterruptedException {
        return get("/sandbox/window?" + encode(query));
    }

    private static String encode(Map<String, String> query) {
        List<String> pairs = new ArrayList<>();
        query.forEach((k, v) -> pairs.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    /** Each form of the page: its button label → the URL a browser would GET when it is pressed. */
    private static Map<String, String> buttons(String page) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher form = FORM.matcher(page);
        while (form.find()) {
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(form.group(2));
            while (input.find()) {
                fields.put(input.group(1), unescape(input.group(2)));
            }
            Matcher button = BUTTON.matcher(form.group(2));
            assertTrue(button.find(), form.group());
            out.put(button.group(1), unescape(form.group(1)) + "?" + encode(fields));
        }
        return out;
    }

    private static Map<String, String> queryOf(String location) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : URI.create(location).getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void showsTheOrderInKoreanWithThreeButtons() throws Exception {
        HttpResponse<String> response = window(order("order-window-1"));
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("text/html; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        String page = response.body();
        assertTrue(page.contains("토스페이먼츠 (테스트 결제창)"), page);
        assertTrue(page.contains("레미제라블 1층 A열 3번"), page);
        assertTrue(page.contains(">12,000원<"), page);
        assertTrue(page.contains(">카드<"), page);
        assertFalse(page.contains("<script"), "the window works without scripts");
        assertFalse(page.contains("http://") && page.contains("src="), "no external resources");
        assertEquals(List.of("결제하기", "카드 승인 거절 (테스트)", "결제 취소"), List.copyOf(buttons(page).keySet()));

        Map<String, String> easy = order("order-window-2");
        easy.put("method", "EASY_PAY");
        easy.put("amount", "1234567");
        String easyPage = window(easy).body();
        assertTrue(easyPage.contains(">간편결제<"), easyPage);
        assertTrue(easyPage.contains(">1,234,567원<"), easyPage);
    }

    @Test
    void payButtonRedirectsToSuccessWithAPaymentKeyBoundToTheOrder() throws Exception {
        String page = window(order("order-window-pay")).body();
        HttpResponse<String> pressed = get(buttons(page).get("결제하기"));
        assertEquals(302, pressed.statusCode(), pressed::body);
        String location = pressed.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("http://localhost:3000/pay/success?"), location);
        Map<String, String> params = queryOf(location);
        assertEquals("NORMAL", params.get("paymentType"));
        assertEquals("order-window-pay", params.get("orderId"));
        assertEquals("12000", params.get("amount"));
        assertNotNull(sandbox.session(params.get("paymentKey")), "the window issued the key");
        assertEquals("레미제라블 1층 A열 3번", sandbox.session(params.get("paymentKey")).path("orderName").asText());
    }

    @Test
    void rejectAndCancelButtonsRedirectToFailWithTossCodes() throws Exception {
        Map<String, String> buttons = buttons(window(order("order-window-fail")).body());
        HttpResponse<String> rejected = get(buttons.get("카드 승인 거절 (테스트)"));
        assertEquals(302, rejected.statusCode());
        String rejectedAt = rejected.headers().firstValue("Location").orElseThrow();
        assertTrue(rejectedAt.startsWith("http://localhost:3000/pay/fail?"), rejectedAt);
        assertEquals("REJECT_CARD_COMPANY", queryOf(rejectedAt).get("code"));
        assertEquals("order-window-fail", queryOf(rejectedAt).get("orderId"));
        assertFalse(queryOf(rejectedAt).get("message").isBlank());

        HttpResponse<String> cancelled = get(buttons.get("결제 취소"));
        String cancelledAt = cancelled.headers().firstValue("Location").orElseThrow();
        assertEquals("PAY_PROCESS_CANCELED", queryOf(cancelledAt).get("code"));
        assertFalse(queryOf(cancelledAt).containsKey("paymentKey"));
    }

    @Test
    void everythingEchoedIsEscaped() throws Exception {
        Map<String, String> query = order("order-window-xss");
        String attack = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>&";
        query.put("orderName", attack);
        query.put("customerName", attack);
        query.put("customerEmail", attack);
        // A URL with a quote and an ampersand (Toss accepts any valid absolute URL).
        query.put("successUrl", "http://localhost:3000/pay/success?next='x'&y=1");
        HttpResponse<String> response = window(query);
        assertEquals(200, response.statusCode(), response::body);
        String page = response.body();
        assertFalse(page.contains("<script"), page);
        assertFalse(page.contains("<img"), page);
        assertFalse(page.contains("\"'>"), page);
        assertTrue(page.contains("value=\"http://localhost:3000/pay/success?next=&#39;x&#39;&amp;y=1\""), page);
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&gt;&lt;img src=x onerror=alert(2)&gt;&amp;"),
                page);
        // The hidden fields still carry the exact values: the redirect goes to the URL as given.
        HttpResponse<String> pressed = get(buttons(page).get("결제하기"));
        assertEquals(302, pressed.statusCode(), pressed::body);
        assertTrue(pressed.headers().firstValue("Location").orElseThrow()
                .startsWith("http://localhost:3000/pay/success?next='x'&y=1&paymentType=NORMAL"));
    }

    @Test
    void badParametersAnswerA400Page() throws Exception {
        for (String[] change : new String[][]{{"amount", "12,000"}, {"amount", "0"}, {"orderId", "abc"},
                {"successUrl", "/relative"}, {"orderName", ""}, {"method", "BITCOIN"}, {"outcome", "success"}}) {
            Map<String, String> query = order("order-window-bad");
            query.put(change[0], change[1]);
            HttpResponse<String> response = window(query);
            assertEquals(400, response.statusCode(), String.join("=", change));
            assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(response.body().contains("INVALID_REQUEST"), response.body());
            assertFalse(response.body().contains("<form"), response.body());
        }
        Map<String, String> noOrder = order("order-window-bad");
        noOrder.remove("orderId");
        assertEquals(400, window(noOrder).statusCode());
    }

    @Test
    void aKeyThatIsNotATestClientKeyIsRefusedAsTossDoes() throws Exception {
        for (String key : new String[]{"live_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq", "test_sk_local_sandbox_0000000000",
                "", "test_ck_<b>"}) {
            Map<String, String> query = order("order-window-key");
            query.put("clientKey", key);
            HttpResponse<String> response = window(query);
            assertEquals(400, response.statusCode(), key);
            assertTrue(response.body().contains("INVALID_CLIENT_KEY"), response.body());
            assertFalse(response.body().contains("<b>"), response.body());
        }
    }
}
