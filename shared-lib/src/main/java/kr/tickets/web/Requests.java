package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import io.micronaut.http.HttpRequest;
import io.micronaut.servlet.http.ServletHttpRequest;
import java.util.Optional;

/** What API Gateway tells about a request beyond HTTP: its id and the caller's address. */
public final class Requests {
    private Requests() {
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
