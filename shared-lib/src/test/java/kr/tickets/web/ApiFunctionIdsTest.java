package kr.tickets.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.util.List;
import java.util.Map;
import kr.tickets.common.FieldError;
import org.junit.jupiter.api.Test;

/** The id check every API function makes before its controllers, on the event API Gateway sends. */
class ApiFunctionIdsTest {

    @Test
    void pathParametersIdQueryParametersAndTheIdempotencyKeyAreChecked() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withPathParameters(Map.of("scheduleId", "s".repeat(3000)))
                .withMultiValueQueryStringParameters(Map.of("venueId", List.of("v 1")))
                .withHeaders(Map.of("idempotency-key", "키"));
        assertEquals(List.of("scheduleId", "venueId", "Idempotency-Key"),
                ApiFunction.invalidIds(event).stream().map(FieldError::field).toList());
    }

    @Test
    void aRequestWithGoodOrNoIdsPasses() {
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withPathParameters(Map.of("holdId", "0190f3c4-8a1b-7c2d-9e3f-0a1b2c3d4e5f"))
                .withQueryStringParameters(Map.of("q", "레 미제라블", "venueId", "0190f3c4-8a1b-7c2d-9e3f-0a1b2c3d4e5f"))
                .withMultiValueHeaders(Map.of("Idempotency-Key", List.of("7f1c-2a")));
        assertEquals(List.of(), ApiFunction.invalidIds(event));
        assertEquals(List.of(), ApiFunction.invalidIds(new APIGatewayProxyRequestEvent()));
    }
}
