package kr.tickets.runner.bench;

import static kr.tickets.runner.bench.BenchClient.expect;
import static kr.tickets.runner.bench.BenchClient.percentile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import kr.tickets.localstack.AwsLocal;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.LocalService;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/**
 * {@code POST /payments/confirm} latency (issue #11: the confirm runs the payment steps with
 * StartSyncExecution and answers from their output instead of polling DynamoDB every 100 ms): N
 * buyers one after another each hold a seat, check out, pay in the Toss sandbox's window and confirm;
 * the confirm's latency is measured alone. Then the cost of the local StartSyncExecution emulation
 * (moto has none; the launcher starts the execution and waits for its end in-process): N sync runs of
 * a one-Pass-state Express machine, whose whole run is that overhead. Prints Markdown tables.
 *
 * <p>Usage: {@code ConfirmBenchmark [confirms, default 40] [--confirms-only]}.
 */
public final class ConfirmBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEATS_PER_ROW = 10;

    private ConfirmBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int confirms = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        // --confirms-only: without the StartSyncExecution runs (for a build that has no emulation of it).
        boolean syncRuns = !(args.length > 1 && "--confirms-only".equals(args[1]));
        long started = System.nanoTime();
        System.out.println(BenchClient.machine(
                "Local-emulator numbers: the API gateway and the functions in this JVM, DynamoDB and Step Functions "
                + "played by moto, the Toss sandbox in this JVM. Not AWS latencies."));
        try (LocalService service = LocalService.start(0, 0)) {
            List<Long> micros = confirms(service, confirms);
            List<Long> overhead = syncRuns ? syncOverhead(service, confirms) : List.of();
            System.out.println();
            System.out.println("| measured | n | p50 ms | p95 ms | max ms |");
            System.out.println("|---|---:|---:|---:|---:|");
            row("POST /payments/confirm (200 CONFIRMED), sequential", micros);
            if (syncRuns) {
                row("local StartSyncExecution of a one-state Express machine (the emulation's overhead)", overhead);
            }
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
        System.exit(0);
    }

    private static void row(String what, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        System.out.printf("| %s | %d | %.0f | %.0f | %.0f |%n", what, sorted.size(), percentile(sorted, 50),
                percentile(sorted, 95), sorted.get(sorted.size() - 1) / 1000.0);
    }

    private static List<Long> confirms(LocalService service, int count) throws Exception {
        AdminApi admin = AdminApi.login(service.baseUrl());
        BenchClient client = new BenchClient(HttpClient.newHttpClient(), service.baseUrl());
        int rows = (count + SEATS_PER_ROW - 1) / SEATS_PER_ROW + 1;
        List<Map<String, Object>> rowSpecs = new ArrayList<>();
        List<String> seats = new ArrayList<>();
        List<String> gradeRows = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            rowSpecs.add(Map.of("row", Integer.toString(r), "seats", SEATS_PER_ROW));
            gradeRows.add("A-" + r);
            for (int n = 1; n <= SEATS_PER_ROW; n++) {
                seats.add("A-" + r + "-" + n);
            }
        }
        String venueId = admin.create("/admin/venues", Map.of("name", "결제 홀", "address", "서울 중구 세종대로 110",
                "layout", Map.of("sections", List.of(Map.of("name", "A", "rows", rowSpecs))))).get("venueId").asText();
        Map<String, Object> performance = BenchCatalog.onSale(venueId, "결제 벤치", "결제 확정 벤치마크", "confirm", 120,
                List.of(Map.of("name", "R", "color", "#C0392B", "price", 99_000, "rows", gradeRows)), 1);
        String scheduleId = admin.create("/admin/performances", performance).get("schedules").get(0)
                .get("scheduleId").asText();
        List<String> bearers = client.signUp("confirm", count, 4);
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String bearer = bearers.get(i);
            JsonNode hold = JSON.readTree(expect(client.send("POST", "/schedules/" + scheduleId + "/holds", bearer,
                    Map.of("seatId", seats.get(i))), 201).body());
            String holdId = hold.get("holdId").asText();
            JsonNode checkout = JSON.readTree(expect(client.send("POST", "/holds/" + holdId + "/checkout", bearer,
                    Map.of("method", "CARD")), 200).body());
            long amount = checkout.at("/amount/total").asLong();
            String paymentKey = service.tossSandbox().openWindow(checkout.get("orderId").asText(), amount,
                    checkout.get("orderName").asText());
            long start = System.nanoTime();
            HttpResponse<String> confirmed = client.send("POST", "/payments/confirm", bearer, Map.of("holdId", holdId,
                    "paymentKey", paymentKey, "orderId", checkout.get("orderId").asText(), "amount", amount));
            micros.add((System.nanoTime() - start) / 1_000);
            expect(confirmed, 200);
        }
        return micros;
    }

    private static List<Long> syncOverhead(LocalService service, int count) {
        try (SfnClient sfn = AwsLocal.sfn(service.stack().endpoint())) {
            String machine = sfn.createStateMachine(r -> r.name("confirm-bench-" + UUID.randomUUID()).type("EXPRESS")
                    .roleArn("arn:aws:iam::123456789012:role/bench")
                    .definition("{\"StartAt\": \"Done\", \"States\": {\"Done\": {\"Type\": \"Pass\", \"End\": true}}}"))
                    .stateMachineArn();
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "run-" + i;
                long start = System.nanoTime();
                StartSyncExecutionResponse run = sfn.startSyncExecution(r -> r.stateMachineArn(machine).name(name)
                        .input("{}"));
                micros.add((System.nanoTime() - start) / 1_000);
                if (!"SUCCEEDED".equals(run.statusAsString())) {
                    throw new IllegalStateException("sync run " + run);
                }
            }
            return micros;
        }
    }
}
