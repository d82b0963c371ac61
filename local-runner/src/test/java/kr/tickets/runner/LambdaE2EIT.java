package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.tickets.localstack.AwsLocal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The functions without an API: the Lambda Invoke endpoint (directly and through moto, as
 * Step Functions' lambda tasks reach it), a state machine running the real BookingStepsFunction,
 * and the SQS event source that feeds ReceiptsFunction.
 */
class LambdaE2EIT {
    private static final String STEPS = "BookingStepsFunction";
    private static final String STEPS_ARN = "arn:aws:lambda:us-east-1:123456789012:function:" + STEPS;
    private static final String INVOKE = LambdaEndpoint.PREFIX + "%s/invocations";

    private static LocalService service;
    private static SfnClient sfn;
    private static SqsClient sqs;

    @BeforeAll
    static void start() {
        service = LocalService.shared();
        sfn = AwsLocal.sfn(service.stack().endpoint());
        sqs = AwsLocal.sqs(service.stack().endpoint());
    }

    @AfterAll
    static void close() {
        sfn.close();
        sqs.close();
    }

    private static String invokePath(String functionName) {
        return String.format(INVOKE, URLEncoder.encode(functionName, StandardCharsets.UTF_8));
    }

    /** The hold timer's step for a hold that does not exist: the real handler answers it without error. */
    private static Map<String, Object> expireUnknownHold() {
        return Map.of("step", "expire", "holdId", "no-such-hold-" + UUID.randomUUID());
    }

    @Test
    void invokeAnswersWithTheHandlersOutputForEveryFormOfFunctionName() {
        Http lambda = new Http(service.lambdaUrl());
        for (String name : List.of(STEPS, STEPS + ":live", STEPS + ":$LATEST", STEPS_ARN, STEPS_ARN + ":live",
                "123456789012:function:" + STEPS)) {
            Http.Response response = lambda.post(invokePath(name), expireUnknownHold());
            assertEquals(200, response.status(), response::toString);
            assertNull(response.header("X-Amz-Function-Error"), response::toString);
            assertEquals("ENDED", response.json().get("outcome").asText(), name);
        }
        Http.Response query = lambda.post(invokePath(STEPS) + "?Qualifier=live", expireUnknownHold());
        assertEquals(200, query.status(), query::toString);
    }

    @Test
    void aHandlerExceptionIsAnUnhandledFunctionErrorWithTheJavaRuntimesErrorDocument() {
        Http.Response response = new Http(service.lambdaUrl()).post(invokePath(STEPS_ARN + ":live"),
                Map.of("step", "fail"));
        assertEquals(200, response.status(), response::toString);
        assertEquals("Unhandled", response.header("X-Amz-Function-Error"));
        JsonNode error = response.json();
        assertEquals("java.lang.IllegalArgumentException", error.get("errorType").asText());
        assertEquals("unknown step fail", error.get("errorMessage").asText());
        assertTrue(error.get("stackTrace").get(0).asText()
                .startsWith("kr.tickets.booking.saga.BookingStepsHandler.handle("), error::toString);
        for (JsonNode frame : error.get("stackTrace")) {
            assertTrue(!frame.asText().startsWith("kr.tickets.runner."), error::toString);
        }
    }

    @Test
    void unknownFunctionsAndQualifiersAreResourceNotFound() {
        Http lambda = new Http(service.lambdaUrl());
        for (String name : List.of("NoSuchFunction", STEPS + ":blue", STEPS_ARN + ":7")) {
            Http.Response response = lambda.post(invokePath(name), Map.of());
            assertEquals(404, response.status(), response::toString);
            assertEquals("ResourceNotFoundException", response.header("x-amzn-ErrorType"));
            assertTrue(response.json().get("Message").asText().startsWith("Function not found: arn:aws:lambda:"),
                    response::toString);
        }
    }

    @Test
    void invocationsRunConcurrentlyAndMotoForwardsThemHere() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                // Half straight to the runner, half through moto's endpoint (the launcher forwards them).
                String base = i % 2 == 0 ? service.lambdaUrl() : service.stack().endpoint();
                int n = i;
                // Each asks for a step of its own name, so each answer shows whose request it was.
                answers.add(pool.submit(() -> new Http(base).post(invokePath(STEPS_ARN + ":live"),
                        Map.of("step", "probe-" + n))));
            }
            for (int i = 0; i < answers.size(); i++) {
                Http.Response response = answers.get(i).get();
                assertEquals(200, response.status(), response::toString);
                assertEquals("unknown step probe-" + i, response.json().get("errorMessage").asText());
            }
        } finally {
            pool.shutdownNow();
        }
        Http.Response failed = new Http(service.stack().endpoint()).post(invokePath(STEPS), Map.of("step", "fail"));
        assertEquals("Unhandled", failed.header("X-Amz-Function-Error"), failed::toString);
    }

    @Test
    void aStateMachineLambdaTaskRunsTheRealHandler() throws Exception {
        String definition = """
                {"StartAt": "Step", "States": {
                  "Step": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                           "Parameters": {"FunctionName": "%s", "Payload.$": "$"},
                           "OutputPath": "$.Payload",
                           "Catch": [{"ErrorEquals": ["java.lang.IllegalArgumentException"], "ResultPath": "$.error",
                                      "Next": "Caught"}],
                           "End": true},
                  "Caught": {"Type": "Pass", "Result": "caught", "ResultPath": "$.outcome", "End": true}}}
                """.formatted(STEPS_ARN + ":live");
        String machine = createMachine(definition);

        ObjectNode input = Http.JSON.valueToTree(expireUnknownHold());
        DescribeExecutionResponse done = run(machine, input.toString());
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done::toString);
        assertEquals("ENDED", Http.JSON.readTree(done.output()).get("outcome").asText(), done::toString);

        DescribeExecutionResponse caught = run(machine, "{\"step\":\"fail\"}");
        assertEquals(ExecutionStatus.SUCCEEDED, caught.status(), caught::toString);
        JsonNode output = Http.JSON.readTree(caught.output());
        assertEquals("caught", output.get("outcome").asText(), output::toString);
        assertEquals("java.lang.IllegalArgumentException", output.get("error").get("Error").asText(), output::toString);
    }

    @Test
    void aWaitForTaskTokenLambdaTaskInvokesTheHandlerAndWaitsForTheToken() throws Exception {
        String definition = """
                {"StartAt": "Wait", "States": {
                  "Wait": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
                           "Parameters": {"FunctionName": "%s",
                                          "Payload": {"step": "expire", "holdId.$": "$.holdId",
                                                      "taskToken.$": "$$.Task.Token"}},
                           "TimeoutSeconds": 60, "End": true}}}
                """.formatted(STEPS_ARN + ":live");
        String machine = createMachine(definition);
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).name("run-" + UUID.randomUUID())
                .input("{\"holdId\":\"no-such-hold\"}")).executionArn();
        // The token went to the handler in its payload; the history records the parameters sent.
        String token = await(() -> taskToken(execution), "the task was scheduled");
        assertEquals(ExecutionStatus.RUNNING, sfn.describeExecution(r -> r.executionArn(execution)).status());
        sfn.sendTaskSuccess(r -> r.taskToken(token).output("{\"paid\":true}"));
        DescribeExecutionResponse done = awaitEnd(execution);
        assertEquals(ExecutionStatus.SUCCEEDED, done.status(), done::toString);
        assertEquals(Http.JSON.readTree("{\"paid\":true}"), Http.JSON.readTree(done.output()));
    }

    /**
     * The real ReceiptsFunction reports a receipt it cannot send (no such booking) as a batch item
     * failure: the poller leaves that message for another try instead of deleting it. (Receipts that
     * are sent, and deleted, are in BookingE2EIT.)
     */
    @Test
    void theSqsEventSourceKeepsTheMessagesTheFunctionReportsAsFailed() throws Exception {
        String queue = service.stack().resources().physicalId("ReceiptQueue");
        String deadLetters = service.stack().resources().physicalId("ReceiptDeadLetterQueue");
        SqsPoller poller = service.pollers().stream()
                .filter(p -> p.queueArn().equals(service.stack().resources().attribute("ReceiptQueue", "Arn")))
                .findFirst().orElseThrow();
        long before = poller.batches();
        String body = "{\"bookingId\":\"no-such-booking-" + UUID.randomUUID() + "\"}";
        String messageId = sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body)).messageId();
        await(() -> poller.batches() > before && poller.keptForRetry(messageId) ? Boolean.TRUE : null,
                "the poller handed the message over and kept it");
        // Not deleted: invisible until its visibility timeout brings it back, and not dead-lettered yet.
        assertTrue(messages(queue) >= 1);
        assertEquals(0, messages(deadLetters));
    }

    @Test
    void theSagaFunctionIsPointedAtTheTossSandboxWithATestKeyTheSandboxAccepts() throws Exception {
        Map<String, String> environment = service.stack().functionEnvironments().get(STEPS);
        assertEquals(service.tossSandbox().baseUrl(), environment.get("TOSS_API_BASE_URL"));
        String key;
        try (var secrets = AwsLocal.secrets(service.stack().endpoint())) {
            key = secrets.getSecretValue(r -> r.secretId(environment.get("TOSS_SECRET_ARN"))).secretString();
        }
        assertEquals(LocalService.TOSS_SECRET_KEY, key);
        String orderId = "order-" + UUID.randomUUID();
        String paymentKey = service.tossSandbox().openWindow(orderId, 55000, "연결 확인");
        Http.Response confirmed = new Http(service.tossSandbox().baseUrl()).post("/v1/payments/confirm",
                Map.of("paymentKey", paymentKey, "orderId", orderId, "amount", 55000),
                "Authorization", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString((key + ":").getBytes(StandardCharsets.UTF_8)));
        assertEquals(200, confirmed.status(), confirmed::toString);
        assertEquals("DONE", confirmed.json().get("status").asText());
    }

    private static String createMachine(String definition) {
        return sfn.createStateMachine(r -> r.name("it-" + UUID.randomUUID())
                .roleArn("arn:aws:iam::123456789012:role/it").definition(definition)).stateMachineArn();
    }

    private static DescribeExecutionResponse run(String machine, String input) {
        String execution = sfn.startExecution(r -> r.stateMachineArn(machine).name("run-" + UUID.randomUUID())
                .input(input)).executionArn();
        return awaitEnd(execution);
    }

    private static DescribeExecutionResponse awaitEnd(String execution) {
        return await(() -> {
            DescribeExecutionResponse response = sfn.describeExecution(r -> r.executionArn(execution));
            return response.status() == ExecutionStatus.RUNNING ? null : response;
        }, "the execution ended");
    }

    private static String taskToken(String execution) {
        for (HistoryEvent event : sfn.getExecutionHistory(r -> r.executionArn(execution)).events()) {
            if (event.type() == HistoryEventType.TASK_SCHEDULED) {
                try {
                    JsonNode parameters = Http.JSON.readTree(event.taskScheduledEventDetails().parameters());
                    JsonNode token = parameters.path("Payload").path("taskToken");
                    if (token.isTextual()) {
                        return token.asText();
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }

    private static int messages(String queueUrl) {
        Map<String, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributesAsStrings();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private interface Probe<T> {
        T get() throws Exception;
    }

    private static <T> T await(Probe<T> probe, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            try {
                T value = probe.get();
                if (value != null) {
                    return value;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
