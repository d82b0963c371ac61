package kr.tickets.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiFunctionHeadersTest {
    @Test
    void nosniffIsAddedToSingleAndMultiValueHeadersKeepingTheOthers() {
        APIGatewayProxyResponseEvent response = new APIGatewayProxyResponseEvent().withStatusCode(404)
                .withHeaders(Map.of("Content-Type", "application/problem+json"))
                .withMultiValueHeaders(Map.of("Content-Type", List.of("application/problem+json")));

        ApiFunction.withSecurityHeaders(response);

        assertEquals("nosniff", response.getHeaders().get("X-Content-Type-Options"));
        assertEquals("application/problem+json", response.getHeaders().get("Content-Type"));
        assertEquals(List.of("nosniff"), response.getMultiValueHeaders().get("X-Content-Type-Options"));
    }

    @Test
    void aResponseWithoutHeadersGetsNosniff() {
        APIGatewayProxyResponseEvent response = ApiFunction.withSecurityHeaders(
                new APIGatewayProxyResponseEvent().withStatusCode(204));
        assertEquals(Map.of("X-Content-Type-Options", "nosniff"), response.getHeaders());
    }
}
