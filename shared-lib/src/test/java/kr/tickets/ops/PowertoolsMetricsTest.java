package kr.tickets.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PowertoolsMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The EMF documents printed while {@code work} runs. */
    private static List<JsonNode> printed(Runnable work) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> documents = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.startsWith("{") && line.contains("\"_aws\"")) {
                documents.add(JSON.readTree(line));
            }
        }
        return documents;
    }

    @Test
    void eachDataPointIsOneEmfLineInTheConfiguredNamespaceWithTheServiceDimension() throws Exception {
        PowertoolsMetrics metrics = new PowertoolsMetrics("Ticketing", "ticketing");
        List<JsonNode> lines = printed(() -> {
            metrics.count(Metric.HOLD_SUCCEEDED);
            metrics.add(Metric.CLOCK_OFFSET, 12);
        });
        assertEquals(2, lines.size());
        JsonNode first = lines.get(0);
        JsonNode definition = first.at("/_aws/CloudWatchMetrics/0");
        assertEquals("Ticketing", definition.get("Namespace").asText());
        assertEquals("[[\"Service\"]]", definition.get("Dimensions").toString());
        assertEquals("HoldSucceeded", definition.at("/Metrics/0/Name").asText());
        assertEquals("Count", definition.at("/Metrics/0/Unit").asText());
        assertEquals("ticketing", first.get("Service").asText());
        assertEquals(1.0, first.get("HoldSucceeded").asDouble());
        assertTrue(first.at("/_aws/Timestamp").asLong() > 0);
        assertEquals("Milliseconds", lines.get(1).at("/_aws/CloudWatchMetrics/0/Metrics/0/Unit").asText());
        assertEquals(12.0, lines.get(1).get("ClockOffset").asDouble());
    }

    @Test
    void aDimensionedDataPointCarriesItsDimensionBesideTheService() throws Exception {
        PowertoolsMetrics metrics = new PowertoolsMetrics("Ticketing", "ticketing");
        List<JsonNode> lines = printed(() -> metrics.add(Metric.RATE_LIMITED, "Route", "Hold", 1));
        assertEquals(1, lines.size());
        assertEquals("Hold", lines.get(0).get("Route").asText());
        assertEquals("ticketing", lines.get(0).get("Service").asText());
        assertEquals("[[\"Service\",\"Route\"]]", lines.get(0).at("/_aws/CloudWatchMetrics/0/Dimensions").toString(),
                "one dimension set, as the dashboard and a per-route alarm name it: " + lines.get(0));
    }

    @Test
    void publishingOutsideLambdaStartsNoThreadThatKeepsTheJvmAlive() throws Exception {
        PowertoolsMetrics metrics = new PowertoolsMetrics("Ticketing", "ticketing");
        Set<Long> before = nonDaemonThreads();

        List<JsonNode> lines = printed(() -> metrics.count(Metric.HOLD_EXPIRED));

        assertEquals(1, lines.size(), "printed, not sent to an agent socket");
        Set<Long> started = nonDaemonThreads();
        started.removeAll(before);
        assertEquals(Set.of(), started);
    }

    private static Set<Long> nonDaemonThreads() {
        Set<Long> ids = new HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(t -> !t.isDaemon() && t.isAlive())
                .forEach(t -> ids.add(t.getId()));
        return ids;
    }
}
