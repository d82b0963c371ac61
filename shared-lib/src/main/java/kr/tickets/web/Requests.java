package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.tickets.common.JsonRequest;

/** What API Gateway tells about a request beyond HTTP: its id and the caller's address. */
public final class Requests {
    private Requests() {
    }

    /**
     * The request's JSON body, read from the raw text so that an empty, oversized or malformed
     * body gets this API's error codes rather than the framework's.
     */
    public static JsonRequest json(HttpRequest<?> request) {
        return json(request, JsonRequest.MAX_BODY_BYTES);
    }

    public static JsonRequest json(HttpRequest<?> request, int maxBytes) {
        return JsonRequest.parse(rawBody(request), request.getHeaders().get("Content-Type"), maxBytes);
    }

    /** The JSON body, or empty when the request has none (a body that is there must be valid). */
    public static Optional<JsonRequest> optionalJson(HttpRequest<?> request) {
        String body = rawBody(request);
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(JsonRequest.parse(body, request.getHeaders().get("Content-Type"), JsonRequest.MAX_BODY_BYTES));
    }

    private static String rawBody(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event) {
            String body = event.getBody();
            if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
                return new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
            }
            return body;
        }
        return request.getBody(String.class).orElse(null);
    }

    /**
     * The query parameters as API Gateway's single-value map has them: a repeated parameter
     * counts once, with its last value. A parameter without any value (a bare {@code ?=0} or
     * {@code ?&}) is left out, as an absent one, instead of failing the request.
     */
    public static Map<String, String> lastQueryValues(HttpRequest<?> request) {
        Map<String, String> params = new HashMap<>();
        request.getParameters().forEach((name, values) -> {
            if (!name.isEmpty() && !values.isEmpty()) {
                params.put(name, values.get(values.size() - 1));
            }
        });
        return params;
    }

    /** API Gateway's request id, used as the problem's traceId and in logs. */
    public static String traceId(HttpRequest<?> request) {
        return context(request).map(APIGatewayProxyRequestEvent.ProxyRequestContext::getRequestId)
                .orElseGet(() -> request.getHeaders().get("X-Amzn-Trace-Id"));
    }

    /** The client's address as API Gateway saw it (never a client-supplied header). */
    public static String clientAddress(HttpRequest<?> request) {
        return context(request)
                .map(APIGatewayProxyRequestEvent.ProxyRequestContext::getIdentity)
                .map(APIGatewayProxyRequestEvent.RequestIdentity::getSourceIp)
                .orElse("unknown");
    }

    private static Optional<APIGatewayProxyRequestEvent.ProxyRequestContext> context(HttpRequest<?> request) {
        if (request instanceof ServletHttpRequest<?, ?> servlet
                && servlet.getNativeRequest() instanceof APIGatewayProxyRequestEvent event) {
            return Optional.ofNullable(event.getRequestContext());
        }
        return Optional.empty();
    }
}
