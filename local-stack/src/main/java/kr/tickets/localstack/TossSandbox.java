package kr.tickets.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Toss Payments' core API v1 on localhost, for local runs and tests, with Toss's wire format,
 * Basic authentication with a {@code test_sk_} key, Toss's error shape {@code {code, message}}
 * and statuses, and Idempotency-Key replay (an answer other than a 500 is remembered per key).
 *
 * <h2>Payment window</h2>
 * As on Toss, a paymentKey exists only once a payment window was opened for one order and the
 * payer authenticated: {@code GET /sandbox/checkout?orderId=&amount=&orderName=&successUrl=&failUrl=[&outcome=]}
 * plays the checkout without a browser and answers {@code 302} to
 * {@code successUrl?paymentType=NORMAL&orderId=…&paymentKey=…&amount=…} ({@code outcome=success},
 * the default) or to {@code failUrl?code=…&message=…&orderId=…} ({@code cancel}:
 * PAY_PROCESS_CANCELED, {@code reject}: REJECT_CARD_COMPANY; no paymentKey is issued then).
 * Missing or invalid parameters answer 400 INVALID_REQUEST; an order Toss already charged (or
 * refunded) answers 400 DUPLICATED_ORDER_ID. {@link #openWindow} does the same from Java.
 *
 * <h2>Confirm</h2>
 * {@code POST /v1/payments/confirm} approves only what the window bound together, checked in this
 * order (codes from docs.tosspayments.com/reference/error-codes, "결제 승인" section):
 * <ul>
 * <li>a key already approved (DONE) or cancelled: 400 ALREADY_PROCESSED_PAYMENT, whatever orderId is sent;</li>
 * <li>a key no window issued: 404 NOT_FOUND_PAYMENT ("존재하지 않는 결제 정보 입니다.");</li>
 * <li>a key whose session is older than {@link #SESSION_TTL} (Toss: about 10 minutes after
 *     authentication), on the injected clock: 404 NOT_FOUND_PAYMENT_SESSION;</li>
 * <li>a key issued for another orderId or another amount: 400 INVALID_REQUEST. Toss's error list
 *     names no code of its own for this mismatch (Toss does bind orderId and amount to the
 *     paymentKey and refuses the confirm); INVALID_REQUEST ("잘못된 요청입니다.") is the closest
 *     documented one, with a message saying which value differs;</li>
 * <li>an order already charged under another key: 400 DUPLICATED_ORDER_ID.</li>
 * </ul>
 *
 * <h2>Lookups</h2>
 * {@code GET /v1/payments/{paymentKey}} and {@code GET /v1/payments/orders/{orderId}} answer the
 * Payment object, or 404 NOT_FOUND_PAYMENT. A window session that was never confirmed shows as
 * Toss shows an authenticated payment: status IN_PROGRESS (approvedAt, method and receipt null),
 * and EXPIRED once its session ran out; it was never charged. By order, a charged (DONE or
 * CANCELED) payment wins over sessions, else the newest session is shown. Cancelling a key that
 * was never approved answers NOT_FOUND_PAYMENT (there is no charge to refund).
 *
 * <h2>Scripts (per orderId, consumed in order by the next calls about that order)</h2>
 * The service sends no test header, so tests script what Toss answers:
 * <ul>
 * <li>{@link #failNext}: the next {@code times} confirm/cancel calls answer Toss's error {@code code},
 *     changing nothing;</li>
 * <li>{@link #delayNext}: the next call is processed only after {@code delay} (a slow Toss);</li>
 * <li>{@link #loseAnswerNext}: the next call is processed (the payment becomes DONE, or
 *     CANCELED for a cancel) and then answers 500 FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING; the
 *     500 is not remembered for the Idempotency-Key, so a retry finds ALREADY_PROCESSED_PAYMENT;</li>
 * <li>{@link #delayAnswerNext}: the next call is processed at once and its answer sent only after
 *     {@code delay} (longer than the client's read timeout: the caller times out although Toss
 *     approved); the answer is remembered for its Idempotency-Key before the wait.</li>
 * </ul>
 * The {@code TossPayments-Test-Code} header makes any call answer that error, as Toss's test API does.
 *
 * <h2>Inspection</h2>
 * {@link #payment} (a charged payment by key), {@link #session} (a window session by key) and
 * {@link #allPayments} (every payment and session the sandbox knows, for an invariant checker).
 */
public final class TossSandbox implements AutoCloseable {
    /** How long after authentication a window's paymentKey can be confirmed (Toss: about 10 minutes). */
    public static final Duration SESSION_TTL = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneOffset KST = ZoneOffset.ofHours(9);
    /** Toss's orderId: 6 to 64 of letters, digits, '-', '_' and '='. */
    private static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_=-]{6,64}");
    private static final DateTimeFormatter KEY_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(KST);
    /** Toss's HTTP status for each error code the sandbox can be asked for. */
    private static final Map<String, Integer> STATUS = Map.ofEntries(
            Map.entry("REJECT_CARD_PAYMENT", 403), Map.entry("REJECT_CARD_COMPANY", 403),
            Map.entry("FDS_ERROR", 403), Map.entry("FORBIDDEN_REQUEST", 403),
            Map.entry("NOT_CANCELABLE_PAYMENT", 403), Map.entry("FORBIDDEN_CONSECUTIVE_REQUEST", 403),
            Map.entry("NOT_FOUND_PAYMENT", 404), Map.entry("NOT_FOUND_PAYMENT_SESSION", 404),
            Map.entry("UNAUTHORIZED_KEY", 401),
            Map.entry("FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", 500), Map.entry("FAILED_REFUND_PROCESS", 500),
            Map.entry("FAILED_INTERNAL_SYSTEM_PROCESSING", 500));

    private final HttpServer server;
    private final ExecutorService workers;
    private final Clock clock;
    /** Charged payments (DONE, CANCELED) by paymentKey. */
    private final Map<String, ObjectNode> payments = new ConcurrentHashMap<>();
    /** Window sessions by paymentKey, confirmed or not, in the order they were opened. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Map<String, Reply> byIdempotencyKey = new ConcurrentHashMap<>();
    private final Map<String, Deque<Step>> scripted = new ConcurrentHashMap<>();
    private final LongAdder apiCalls = new LongAdder();

    private TossSandbox(HttpServer server, ExecutorService workers, Clock clock) {
        this.server = server;
        this.workers = workers;
        this.clock = clock;
    }

    /** Starts on {@code port} (0 picks a free one) on 127.0.0.1. */
    public static TossSandbox start(int port, Clock clock) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            ExecutorService workers = Executors.newFixedThreadPool(16);
            TossSandbox sandbox = new TossSandbox(server, workers, clock);
            server.setExecutor(workers);
            server.createContext("/v1/payments", sandbox::handle);
            server.createContext("/sandbox/checkout", sandbox::checkout);
            server.createContext("/sandbox/window", sandbox::window);
            server.start();
            return sandbox;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Toss sandbox", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The payment window's URL ({@code GET}, parameters in the query). */
    public String checkoutUrl() {
        return baseUrl() + "/sandbox/checkout";
    }

    /** The sandbox's origin as a browser on this machine reaches it (localhost, like the web app). */
    public String browserOrigin() {
        return "http://localhost:" + server.getAddress().getPort();
    }

    /** The payment window page a browser opens (the web app's {@code windowUrl} locally). */
    public String windowUrl() {
        return browserOrigin() + "/sandbox/window";
    }

    /**
     * Opens a payment window for the order and authenticates the payer, as the success redirect
     * of {@code GET /sandbox/checkout} does; returns the paymentKey Toss would hand to the success URL.
     *
     * @throws IllegalArgumentException when the window's parameters are invalid or the order was already charged
     */
    public String openWindow(String orderId, long amount, String orderName) {
        Reply refused = validWindow(orderId, amount, orderName);
        if (refused != null) {
            throw new IllegalArgumentException(refused.body().path("code").asText() + ": "
                    + refused.body().path("message").asText());
        }
        return authenticate(orderId, amount, orderName);
    }

    /** The next {@code times} calls about {@code orderId} answer Toss's error {@code code}. */
    public void failNext(String orderId, String code, int times) {
        for (int i = 0; i < times; i++) {
            script(orderId, new Step(StepKind.FAIL, code, Duration.ZERO));
        }
    }

    /** The next call about {@code orderId} is processed only after {@code delay} (a slow or timed-out Toss). */
    public void delayNext(String orderId, Duration delay) {
        script(orderId, new Step(StepKind.DELAY, null, delay));
    }

    /**
     * The next call about {@code orderId} is carried out (a confirm approves: the payment is DONE)
     * and its answer is lost: the caller gets 500 FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING.
     */
    public void loseAnswerNext(String orderId) {
        script(orderId, new Step(StepKind.LOSE_ANSWER, "FAILED_PAYMENT_INTERNAL_SYSTEM_PROCESSING", Duration.ZERO));
    }

    /**
     * The next call about {@code orderId} is carried out at once (a confirm approves: the payment
     * is DONE) and its answer sent only after {@code delay}: beyond the client's read timeout, the
     * caller sees a timeout for a payment Toss approved.
     */
    public void delayAnswerNext(String orderId, Duration delay) {
        script(orderId, new Step(StepKind.DELAY_ANSWER, null, delay));
    }

    private synchronized void script(String orderId, Step step) {
        scripted.computeIfAbsent(orderId, k -> new ArrayDeque<>()).add(step);
    }

    /** The charged payment (DONE or CANCELED) as Toss would show it, or null when nothing was charged under this key. */
    public JsonNode payment(String paymentKey) {
        ObjectNode payment = payments.get(paymentKey);
        return payment == null ? null : payment.deepCopy();
    }

    /** The window session of this key as a Payment object (IN_PROGRESS, EXPIRED, or its charged state), or null. */
    public JsonNode session(String paymentKey) {
        return lookUpByKey(paymentKey);
    }

    /**
     * Every payment the sandbox knows, as Toss's Payment objects: each window session (IN_PROGRESS
     * or EXPIRED while never confirmed) and each charged payment (DONE, CANCELED), in the order
     * the windows were opened. For an invariant checker comparing Toss with the service's tables.
     */
    public synchronized List<JsonNode> allPayments() {
        List<JsonNode> out = new ArrayList<>();
        sessions.values().stream().sorted(java.util.Comparator.comparing(Session::openedAt)
                        .thenComparing(Session::sequence))
                .forEach(s -> out.add(lookUpByKey(s.paymentKey())));
        return out;
    }

    private void checkout(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Reply refused = windowRequest(exchange.getRequestMethod(), query);
            if (refused != null) {
                send(exchange, refused);
                return;
            }
            String orderId = query.get("orderId");
            String outcome = query.getOrDefault("outcome", "success");
            Map<String, String> params = new LinkedHashMap<>();
            String target;
            if (outcome.equals("success")) {
                long amount = Long.parseLong(query.get("amount"));
                String paymentKey = authenticate(orderId, amount, query.get("orderName"));
                params.put("paymentType", "NORMAL");
                params.put("orderId", orderId);
                params.put("paymentKey", paymentKey);
                params.put("amount", Long.toString(amount));
                target = query.get("successUrl");
            } else {
                boolean cancelled = outcome.equals("cancel");
                params.put("code", cancelled ? "PAY_PROCESS_CANCELED" : "REJECT_CARD_COMPANY");
                params.put("message", cancelled ? "사용자에 의해 결제가 취소되었습니다." : "결제 승인이 거절되었습니다.");
                params.put("orderId", orderId);
                target = query.get("failUrl");
            }
            StringBuilder location = new StringBuilder(target).append(target.contains("?") ? '&' : '?');
            params.forEach((k, v) -> location.append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
            location.setLength(location.length() - 1);
            exchange.getResponseHeaders().set("Location", location.toString());
            exchange.sendResponseHeaders(302, -1);
        }
    }

    /**
     * {@code GET /sandbox/window}: the payment window page a browser sees, in Korean, without
     * scripts or external resources: the order, the amount and the method, and three GET forms to
     * {@code /sandbox/checkout} (pay, a declined card, cancel) carrying the same order. Everything
     * echoed is HTML-escaped. Bad parameters or a key that is not a {@code test_ck_} client key
     * answer a 400 page with Toss's error code and message.
     */
    private void window(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String clientKey = query.getOrDefault("clientKey", "");
            String method = query.getOrDefault("method", "CARD");
            Reply refused;
            if (!clientKey.startsWith("test_ck_") || !clientKey.matches("[A-Za-z0-9_]{9,100}")) {
                refused = error("INVALID_CLIENT_KEY", "잘못된 클라이언트 키입니다. 테스트 클라이언트 키(test_ck_)를 확인해주세요.");
            } else if (!METHOD_LABELS.containsKey(method)) {
                refused = error("INVALID_REQUEST", "잘못된 요청입니다. (method 는 CARD, EASY_PAY)");
            } else if (query.containsKey("outcome")) {
                refused = error("INVALID_REQUEST", "잘못된 요청입니다. (outcome 은 결제창에서 고릅니다)");
            } else {
                refused = windowRequest(exchange.getRequestMethod(), query);
            }
            if (refused != null) {
                sendHtml(exchange, refused.status(), errorPage(refused));
                return;
            }
            sendHtml(exchange, 200, windowPage(query, METHOD_LABELS.get(method)));
        }
    }

    /** The payment methods the window offers, with the label Toss shows. */
    private static final Map<String, String> METHOD_LABELS = Map.of("CARD", "카드", "EASY_PAY", "간편결제");

    private static String windowPage(Map<String, String> query, String methodLabel) {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("orderId", "amount", "orderName", "successUrl", "failUrl")) {
            hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                    .append(html(query.get(name))).append("\">");
        }
        String customer = query.getOrDefault("customerName", "");
        String email = query.getOrDefault("customerEmail", "");
        StringBuilder page = new StringBuilder(page("토스페이먼츠 (테스트 결제창)"));
        page.append("<h1>토스페이먼츠 (테스트 결제창)</h1>\n<dl>")
                .append("<dt>주문</dt><dd id=\"order-name\">").append(html(query.get("orderName"))).append("</dd>")
                .append("<dt>결제 금액</dt><dd id=\"amount\">")
                .append(String.format(java.util.Locale.ROOT, "%,d", Long.parseLong(query.get("amount"))))
                .append("원</dd>")
                .append("<dt>결제 수단</dt><dd id=\"method\">").append(methodLabel).append("</dd>");
        if (!customer.isBlank() || !email.isBlank()) {
            page.append("<dt>구매자</dt><dd id=\"customer\">").append(html(customer))
                    .append(email.isBlank() ? "" : " (" + html(email) + ")").append("</dd>");
        }
        page.append("</dl>\n");
        for (String[] button : new String[][]{{"success", "결제하기"}, {"reject", "카드 승인 거절 (테스트)"},
                {"cancel", "결제 취소"}}) {
            page.append("<form method=\"get\" action=\"/sandbox/checkout\">").append(hidden)
                    .append("<input type=\"hidden\" name=\"outcome\" value=\"").append(button[0]).append("\">")
                    .append("<button type=\"submit\" id=\"").append(button[0]).append("\">").append(button[1])
                    .append("</button></form>\n");
        }
        return page.append("<p>테스트 결제창입니다. 실제로 결제되지 않습니다.</p>\n</body></html>\n").toString();
    }

    private static String errorPage(Reply refused) {
        return page("결제창 오류") + "<h1>결제창을 열 수 없습니다</h1>\n<p id=\"code\">"
                + html(refused.body().path("code").asText()) + "</p>\n<p id=\"message\">"
                + html(refused.body().path("message").asText()) + "</p>\n</body></html>\n";
    }

    private static String page(String title) {
        return "<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
                + "</title><style>body{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}"
                + "button{display:block;width:100%;margin:.5rem 0;padding:.8rem;font-size:1rem}</style></head><body>\n";
    }

    /** Escapes text for an HTML element or a double-quoted attribute. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static void sendHtml(HttpExchange exchange, int status, String page) throws IOException {
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        // No form-action: browsers apply it to the checkout's redirect to the shop's success or fail URL.
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Why the window cannot open, as Toss's error, or null. */
    private Reply windowRequest(String method, Map<String, String> query) {
        if (!"GET".equals(method)) {
            return error("INVALID_REQUEST", "결제창은 GET 으로 엽니다.");
        }
        for (String name : List.of("orderId", "amount", "orderName", "successUrl", "failUrl")) {
            if (query.getOrDefault(name, "").isBlank()) {
                return error("INVALID_REQUEST", "잘못된 요청입니다. (" + name + " 필수)");
            }
        }
        if (!query.get("amount").matches("[0-9]{1,12}")) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (amount 는 양의 정수)");
        }
        if (!List.of("success", "cancel", "reject").contains(query.getOrDefault("outcome", "success"))) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (outcome 은 success, cancel, reject)");
        }
        for (String name : List.of("successUrl", "failUrl")) {
            if (!absoluteHttpUrl(query.get(name))) {
                return error("INVALID_REQUEST", "잘못된 요청입니다. (" + name + " 는 http(s) 절대 URL)");
            }
        }
        return validWindow(query.get("orderId"), Long.parseLong(query.get("amount")), query.get("orderName"));
    }

    private Reply validWindow(String orderId, long amount, String orderName) {
        if (orderId == null || !ORDER_ID.matcher(orderId).matches()) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (orderId 는 영문, 숫자, -, _, = 로 6~64자)");
        }
        if (amount <= 0) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (amount 는 양의 정수)");
        }
        if (orderName == null || orderName.isBlank() || orderName.length() > 100) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (orderName 은 1~100자)");
        }
        if (chargedFor(orderId) != null) {
            return error("DUPLICATED_ORDER_ID", "이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.");
        }
        return null;
    }

    private static boolean absoluteHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private synchronized String authenticate(String orderId, long amount, String orderName) {
        Instant now = clock.instant();
        String paymentKey = "tgen_" + KEY_TIME.format(now) + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sessions.put(paymentKey, new Session(paymentKey, orderId, amount, orderName, now, sessions.size()));
        return paymentKey;
    }

    /** Calls to Toss's payment API (not the window), for the cost model's time spent waiting on Toss. */
    public long apiCalls() {
        return apiCalls.sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        apiCalls.increment();
        try (exchange) {
            Answer answer = answer(exchange);
            if (!answer.holdBack().isZero()) {
                pause(answer.holdBack());
            }
            send(exchange, answer.reply());
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            return new Answer(error("UNAUTHORIZED_KEY", "인증되지 않은 시크릿 키 혹은 클라이언트 키 입니다."), Duration.ZERO);
        }
        String idempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        if (idempotencyKey != null && byIdempotencyKey.containsKey(idempotencyKey)) {
            return new Answer(byIdempotencyKey.get(idempotencyKey), Duration.ZERO);
        }
        String path = exchange.getRequestURI().getRawPath().substring("/v1/payments".length());
        boolean post = "POST".equals(exchange.getRequestMethod());
        JsonNode body = post ? JSON.readTree(exchange.getRequestBody().readAllBytes()) : JSON.createObjectNode();
        String testCode = exchange.getRequestHeaders().getFirst("TossPayments-Test-Code");
        Answer answer;
        if (testCode != null) {
            answer = new Answer(error(testCode, "테스트 코드로 요청한 오류입니다."), Duration.ZERO);
        } else if (path.equals("/confirm") && post) {
            answer = scriptedOr(body.path("orderId").asText(), () -> confirm(body));
        } else if (path.matches("/[^/]+/cancel") && post) {
            String key = decode(path.substring(1, path.length() - "/cancel".length()));
            ObjectNode payment = payments.get(key);
            answer = scriptedOr(payment == null ? "" : payment.path("orderId").asText(), () -> cancel(key, body));
        } else if (path.matches("/orders/[^/]+") && !post) {
            answer = new Answer(found(lookUpByOrder(decode(path.substring("/orders/".length())))), Duration.ZERO);
        } else if (path.matches("/[^/]+") && !post) {
            answer = new Answer(found(lookUpByKey(decode(path.substring(1)))), Duration.ZERO);
        } else {
            answer = new Answer(error("INVALID_REQUEST", "잘못된 요청입니다."), Duration.ZERO);
        }
        // Toss remembers a key's answer, success or failure, so a retry gets the same one.
        if (idempotencyKey != null && answer.reply().status() != 500) {
            byIdempotencyKey.putIfAbsent(idempotencyKey, answer.reply());
            return new Answer(byIdempotencyKey.get(idempotencyKey), answer.holdBack());
        }
        return answer;
    }

    private Answer scriptedOr(String orderId, Supplier<Reply> normal) {
        Deque<Step> steps = scripted.get(orderId);
        Step step;
        synchronized (this) {
            step = steps == null ? null : steps.poll();
        }
        if (step == null) {
            return new Answer(normal.get(), Duration.ZERO);
        }
        return switch (step.kind()) {
            case FAIL -> new Answer(error(step.code(), "샌드박스가 요청받은 오류입니다."), Duration.ZERO);
            case DELAY -> {
                pause(step.delay());
                yield new Answer(normal.get(), Duration.ZERO);
            }
            case LOSE_ANSWER -> {
                normal.get();
                yield new Answer(error(step.code(), "샌드박스가 처리 후 응답을 잃었습니다."), Duration.ZERO);
            }
            case DELAY_ANSWER -> new Answer(normal.get(), step.delay());
        };
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Reply confirm(JsonNode body) {
        String paymentKey = body.path("paymentKey").asText("");
        String orderId = body.path("orderId").asText("");
        if (paymentKey.isEmpty() || orderId.isEmpty() || !body.path("amount").isIntegralNumber()
                || body.path("amount").asLong() <= 0) {
            return error("INVALID_REQUEST", "잘못된 요청입니다.");
        }
        long amount = body.path("amount").asLong();
        if (payments.containsKey(paymentKey)) {
            return error("ALREADY_PROCESSED_PAYMENT", "이미 처리된 결제 입니다.");
        }
        Session session = sessions.get(paymentKey);
        if (session == null) {
            return error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
        }
        if (expired(session)) {
            return error("NOT_FOUND_PAYMENT_SESSION", "결제 시간이 만료되어 결제 진행 데이터가 존재하지 않습니다.");
        }
        if (!session.orderId().equals(orderId)) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (orderId 가 결제창의 주문번호와 다릅니다)");
        }
        if (session.amount() != amount) {
            return error("INVALID_REQUEST", "잘못된 요청입니다. (amount 가 결제창의 결제 금액과 다릅니다)");
        }
        if (chargedFor(orderId) != null) {
            return error("DUPLICATED_ORDER_ID", "이미 승인 및 취소가 진행된 중복된 주문번호 입니다. 다른 주문번호로 진행해주세요.");
        }
        ObjectNode payment = paymentObject(session, "DONE");
        payment.put("method", "카드").put("approvedAt", kst(clock.instant()));
        payment.putObject("receipt").put("url", "https://dashboard.tosspayments.com/receipt/sandbox/" + paymentKey);
        payments.put(paymentKey, payment);
        return new Reply(200, payment.deepCopy());
    }

    private synchronized Reply cancel(String paymentKey, JsonNode body) {
        ObjectNode payment = payments.get(paymentKey);
        if (payment == null) {
            return error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.");
        }
        if ("CANCELED".equals(payment.path("status").asText())) {
            return error("ALREADY_CANCELED_PAYMENT", "이미 취소된 결제 입니다.");
        }
        payment.put("status", "CANCELED").put("balanceAmount", 0);
        payment.withArray("cancels").addObject().put("cancelAmount", payment.path("totalAmount").asLong())
                .put("cancelReason", body.path("cancelReason").asText(""))
                .put("canceledAt", kst(clock.instant()));
        return new Reply(200, payment.deepCopy());
    }

    private boolean expired(Session session) {
        return clock.instant().isAfter(session.openedAt().plus(SESSION_TTL));
    }

    /** The charged payment of this order, or null. */
    private ObjectNode chargedFor(String orderId) {
        return payments.values().stream().filter(p -> p.path("orderId").asText().equals(orderId)).findFirst()
                .orElse(null);
    }

    private synchronized JsonNode lookUpByKey(String paymentKey) {
        ObjectNode charged = payments.get(paymentKey);
        if (charged != null) {
            return charged.deepCopy();
        }
        Session session = sessions.get(paymentKey);
        return session == null ? null : uncharged(session);
    }

    private synchronized JsonNode lookUpByOrder(String orderId) {
        ObjectNode charged = chargedFor(orderId);
        if (charged != null) {
            return charged.deepCopy();
        }
        return sessions.values().stream().filter(s -> s.orderId().equals(orderId))
                .max(java.util.Comparator.comparing(Session::openedAt).thenComparing(Session::sequence))
                .map(this::uncharged).orElse(null);
    }

    /** A session never confirmed, as Toss shows an authenticated payment: IN_PROGRESS, EXPIRED after its time. */
    private ObjectNode uncharged(Session session) {
        ObjectNode payment = paymentObject(session, expired(session) ? "EXPIRED" : "IN_PROGRESS");
        payment.putNull("method").putNull("approvedAt").putNull("receipt");
        return payment;
    }

    private static ObjectNode paymentObject(Session session, String status) {
        ObjectNode payment = JSON.createObjectNode();
        payment.put("paymentKey", session.paymentKey()).put("type", "NORMAL").put("orderId", session.orderId())
                .put("orderName", session.orderName()).put("currency", "KRW").put("status", status)
                .put("totalAmount", session.amount()).put("balanceAmount", session.amount())
                .put("requestedAt", kst(session.openedAt()));
        payment.putArray("cancels");
        return payment;
    }

    private static Reply found(JsonNode payment) {
        return payment == null ? error("NOT_FOUND_PAYMENT", "존재하지 않는 결제 정보 입니다.") : new Reply(200, payment);
    }

    private static String kst(Instant instant) {
        return instant.atOffset(KST).toString();
    }

    private static String decode(String segment) {
        return URLDecoder.decode(segment, StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        return out;
    }

    private static boolean authorized(String header) {
        if (header == null || !header.startsWith("Basic ")) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return decoded.startsWith("test_sk_") && decoded.endsWith(":");
    }

    private static Reply error(String code, String message) {
        ObjectNode body = JSON.createObjectNode().put("code", code).put("message", message);
        return new Reply(STATUS.getOrDefault(code, 400), body);
    }

    /** A payment window the payer authenticated: what its paymentKey is bound to. */
    private record Session(String paymentKey, String orderId, long amount, String orderName, Instant openedAt,
                           int sequence) {
    }

    private enum StepKind { FAIL, DELAY, LOSE_ANSWER, DELAY_ANSWER }

    private record Step(StepKind kind, String code, Duration delay) {
    }

    private record Reply(int status, JsonNode body) {
    }

    /** A reply and how long to hold it back after the call was carried out. */
    private record Answer(Reply reply, Duration holdBack) {
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
