package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import kr.tickets.localstack.ProjectPaths;
import kr.tickets.localstack.SamTemplate;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * events/ has one sample event per API event of template.yaml, named
 * {@code <Function>-<Event>.json}, and the function's real handler accepts it (routes it to a
 * controller: no 404/405 and no server error). These are the files for {@code sam local invoke -e}.
 * The ids in a sample's path are placeholders; public reads get them replaced by the ids of a
 * performance the test creates, so that "not found" cannot hide a routing failure.
 */
class SampleEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private static List<String[]> templateEvents() {
        List<String[]> events = new ArrayList<>();
        SamTemplate.load().resourcesOfType("AWS::Serverless::Function").forEach((function, resource) ->
                SamTemplate.map(SamTemplate.map(resource.get("Properties")).get("Events")).forEach((event, spec) -> {
                    if ("Api".equals(SamTemplate.map(spec).get("Type"))) {
                        events.add(new String[]{function, event});
                    }
                }));
        return events;
    }

    /** Ids of one real performance and schedule, created once through the admin API. */
    private static synchronized Map<String, String> fixture() {
        if (fixture == null) {
            Http http = Http.client();
            String admin = Catalogs.adminBearer(http);
            String venueId = Catalogs.createVenue(http, admin);
            String performanceId = Catalogs.createPerformance(http, admin, venueId, "샘플 이벤트 공연",
                    "2031-05-23T11:00:00Z");
            String scheduleId = http.get("/performances/" + performanceId).json().get("schedules").get(0)
                    .get("scheduleId").asText();
            fixture = Map.of("performanceId", performanceId, "scheduleId", scheduleId);
        }
        return fixture;
    }

    private static Map<String, String> fixture;

    private static void withRealIds(APIGatewayProxyRequestEvent event) {
        if (event.getPathParameters() == null) {
            return;
        }
        Map<String, String> parameters = new java.util.HashMap<>(event.getPathParameters());
        String path = event.getPath();
        for (Map.Entry<String, String> parameter : event.getPathParameters().entrySet()) {
            String real = fixture().get(parameter.getKey());
            if (real != null) {
                path = path.replace(parameter.getValue(), real);
                parameters.put(parameter.getKey(), real);
            }
        }
        event.setPath(path);
        event.setPathParameters(parameters);
    }

    /**
     * Every API and SQS event has its sample; a function without events (the saga's steps) has
     * samples named after what the state machine sends it; no sample names a function or event
     * that does not exist.
     */
    @Test
    void everyEventHasExactlyOneSampleAndNoSampleIsOrphaned() throws IOException {
        TreeSet<String> expected = new TreeSet<>();
        List<String> withoutEvents = new ArrayList<>();
        SamTemplate.load().resourcesOfType("AWS::Serverless::Function").forEach((function, resource) -> {
            Map<String, Object> events = SamTemplate.map(SamTemplate.map(resource.get("Properties")).get("Events"));
            events.keySet().forEach(event -> expected.add(function + "-" + event + ".json"));
            if (events.isEmpty()) {
                withoutEvents.add(function);
            }
        });
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(ProjectPaths.root().resolve("events"))) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).forEach(present::add);
        }
        StringBuilder asl = new StringBuilder();
        try (Stream<Path> machines = Files.list(ProjectPaths.root().resolve("statemachines"))) {
            for (Path machine : machines.filter(p -> p.toString().endsWith(".asl.json")).toList()) {
                asl.append(Files.readString(machine));
            }
        }
        for (String function : withoutEvents) {
            List<String> samples = present.stream().filter(n -> n.startsWith(function + "-")).toList();
            assertTrue(!samples.isEmpty(), function + " has no sample event");
            for (String sample : samples) {
                String step = JSON.readTree(ProjectPaths.root().resolve("events/" + sample).toFile()).path("step").asText();
                assertTrue(asl.toString().contains("\"step\": \"" + step + "\""),
                        sample + ": no state machine sends the step " + step);
            }
            present.removeAll(samples);
        }
        assertEquals(expected, present);
    }

    @Test
    void receiptsFunctionReportsARecordItCannotSendAsFailedInsteadOfThrowing() throws Exception {
        byte[] sample = Files.readAllBytes(ProjectPaths.root().resolve("events/ReceiptsFunction-Receipts.json"));
        JsonNode answer = JSON.readTree(LocalService.shared().function("ReceiptsFunction").invokeBytes(sample));
        assertEquals(JSON.readTree(sample).at("/Records/0/messageId").asText(),
                answer.at("/batchItemFailures/0/itemIdentifier").asText(), answer::toString);
    }

    @Test
    void reconciliationAcceptsItsScheduledEventAndCountsWhatItDid() throws Exception {
        byte[] sample = Files.readAllBytes(ProjectPaths.root().resolve("events/ReconciliationFunction-EveryFiveMinutes.json"));
        JsonNode answer = JSON.readTree(LocalService.shared().function("ReconciliationFunction").invokeBytes(sample));
        for (String action : List.of("settled", "skipped", "booked", "refunded", "released", "reported",
                "refund_started", "failed")) {
            assertTrue(answer.path(action).isInt(), () -> action + " missing in " + answer);
        }
    }

    @Test
    void clockCheckAcceptsItsScheduledEventAndMeasuresAgainstTheLocalResponder() throws Exception {
        byte[] sample = Files.readAllBytes(ProjectPaths.root()
                .resolve("events/ClockCheckFunction-EveryFiveMinutes.json"));
        JsonNode answer = JSON.readTree(LocalService.shared().function("ClockCheckFunction").invokeBytes(sample));
        assertEquals("MEASURED", answer.path("status").asText(), answer::toString);
        assertEquals(LocalService.shared().ntpResponder().server(), answer.path("server").asText());
    }

    @TestFactory
    Stream<DynamicTest> eachHandlerAcceptsItsSampleEvent() {
        return templateEvents().stream().map(e -> DynamicTest.dynamicTest(e[0] + "-" + e[1], () -> {
            Path file = ProjectPaths.root().resolve("events/" + e[0] + "-" + e[1] + ".json");
            APIGatewayProxyRequestEvent event = JSON.readValue(file.toFile(), APIGatewayProxyRequestEvent.class);
            withRealIds(event);
            Map<String, Object> api = SamTemplate.map(SamTemplate.map(SamTemplate.map(SamTemplate.map(
                    SamTemplate.load().resources().get(e[0]).get("Properties")).get("Events")).get(e[1]))
                    .get("Properties"));
            assertEquals(api.get("Path"), event.getResource());
            assertEquals(api.get("Method").toString().toUpperCase(), event.getHttpMethod());
            APIGatewayProxyResponseEvent response =
                    (APIGatewayProxyResponseEvent) LocalService.shared().function(e[0]).invoke(event);
            int status = response.getStatusCode();
            assertTrue(status < 500, () -> status + " " + response.getBody());
            assertNotEquals(404, status, response.getBody());
            assertNotEquals(405, status, response.getBody());
        }));
    }
}
