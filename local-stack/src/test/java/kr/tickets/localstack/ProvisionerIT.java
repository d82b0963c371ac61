package kr.tickets.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.VerificationStatus;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The provisioner creates queues (with their redrive policy, after their dead-letter queue),
 * SES identities and state machines (with DefinitionSubstitutions applied) from a template:
 * template.yaml itself, and a small probe template that uses every kind of reference.
 */
class ProvisionerIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

    private static LocalStack stack;
    private static LocalResources probe;
    private static SqsClient sqs;
    private static SfnClient sfn;
    private static SesV2Client ses;
    private static SecretsManagerClient secrets;

    @BeforeAll
    static void provision() {
        stack = LocalStack.shared();
        sqs = AwsLocal.sqs(stack.endpoint());
        sfn = AwsLocal.sfn(stack.endpoint());
        ses = AwsLocal.sesv2(stack.endpoint());
        secrets = AwsLocal.secrets(stack.endpoint());
        SamTemplate template = SamTemplate.load(ProjectPaths.root().resolve(
                "local-stack/src/test/resources/provisioner/template.yaml"));
        probe = new Provisioner(template, stack.endpoint(), Map.of("ProbeSender", "probe@tickets.example"),
                Map.of("ProbeSecret", "test_sk_probe")).provision();
    }

    @AfterAll
    static void close() {
        sqs.close();
        sfn.close();
        ses.close();
        secrets.close();
    }

    @Test
    void templateQueuesHaveTheirAttributesAndRedrivePolicy() throws Exception {
        String url = sqs.getQueueUrl(r -> r.queueName("ReceiptQueue")).queueUrl();
        assertEquals(url, stack.resources().physicalId("ReceiptQueue"));
        Map<String, String> attributes = attributes(url);
        assertEquals("60", attributes.get("VisibilityTimeout"));
        JsonNode redrive = JSON.readTree(attributes.get("RedrivePolicy"));
        assertEquals("arn:aws:sqs:us-east-1:123456789012:ReceiptDeadLetterQueue", redrive.get("deadLetterTargetArn").asText());
        assertEquals(5, redrive.get("maxReceiveCount").asInt());

        String dlq = sqs.getQueueUrl(r -> r.queueName("ReceiptDeadLetterQueue")).queueUrl();
        assertEquals("1209600", attributes(dlq).get("MessageRetentionPeriod"));
        assertEquals(attributes(dlq).get("QueueArn"), stack.resources().attribute("ReceiptDeadLetterQueue", "Arn"));
        assertEquals("ReceiptQueue", stack.resources().attribute("ReceiptQueue", "QueueName"));
    }

    @Test
    void templateSenderIdentityIsVerified() {
        String sender = stack.parameters().get("ReceiptSender").toString();
        assertEquals(sender, stack.resources().physicalId("ReceiptSenderIdentity"));
        assertSendable(sender);
    }

    @Test
    void functionsAreNamedAndTheirAliasArnIsKnown() {
        assertEquals("BookingStepsFunction", stack.resources().physicalId("BookingStepsFunction"));
        assertEquals(PREFIX + "BookingStepsFunction", stack.resources().attribute("BookingStepsFunction", "Arn"));
        assertEquals(PREFIX + "BookingStepsFunction:live", stack.resources().physicalId("BookingStepsFunction.Alias"));
    }

    @Test
    void templateStateMachineHasItsDefinitionWithEverySubstitutionApplied() throws Exception {
        String arn = stack.resources().physicalId("BookingStateMachine");
        assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:BookingStateMachine", arn);
        assertEquals("BookingStateMachine", stack.resources().attribute("BookingStateMachine", "Name"));
        String definition = sfn.describeStateMachine(r -> r.stateMachineArn(arn)).definition();
        assertFalse(definition.contains("${"), definition);
        // The same file, with the values SAM would substitute.
        String payment = stack.resources().physicalId("PaymentStateMachine");
        String expected = Files.readString(ProjectPaths.root().resolve("statemachines/booking.asl.json"))
                .replace("${BookingStepsFunctionArn}", PREFIX + "BookingStepsFunction:live")
                .replace("${PaymentStateMachineArn}", payment);
        assertEquals(JSON.readTree(expected), JSON.readTree(definition));
        // Every function environment that names the machine gets its ARN.
        assertEquals(arn, stack.functionEnvironments().get("HoldsFunction").get("BOOKING_STATE_MACHINE_ARN"));
    }

    @Test
    void thePaymentStepsAreAnExpressMachineWithTheirSubstitutionsApplied() throws Exception {
        String arn = stack.resources().physicalId("PaymentStateMachine");
        var described = sfn.describeStateMachine(r -> r.stateMachineArn(arn));
        assertEquals("EXPRESS", described.typeAsString());
        String expected = Files.readString(ProjectPaths.root().resolve("statemachines/payment.asl.json"))
                .replace("${BookingStepsFunctionArn}", PREFIX + "BookingStepsFunction:live")
                .replace("${ReceiptQueueUrl}", sqs.getQueueUrl(r -> r.queueName("ReceiptQueue")).queueUrl());
        assertEquals(JSON.readTree(expected), JSON.readTree(described.definition()));
        assertEquals(arn, stack.functionEnvironments().get("PaymentsFunction").get("PAYMENT_STATE_MACHINE_ARN"));
    }

    @Test
    void startSyncExecutionRunsTheMachineAndAnswersItsEnd() throws Exception {
        String machine = sfn.createStateMachine(r -> r.name("sync-probe-" + UUID.randomUUID()).type("EXPRESS")
                .roleArn("arn:aws:iam::123456789012:role/probe")
                .definition("{\"StartAt\":\"Wait\",\"States\":{\"Wait\":{\"Type\":\"Wait\",\"Seconds\":1,"
                        + "\"Next\":\"Choose\"},\"Choose\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$.fail\","
                        + "\"BooleanEquals\":true,\"Next\":\"Failed\"}],\"Default\":\"Done\"},"
                        + "\"Done\":{\"Type\":\"Pass\",\"Result\":{\"ok\":true},\"ResultPath\":\"$.result\",\"End\":true},"
                        + "\"Failed\":{\"Type\":\"Fail\",\"Error\":\"RefundFailed\",\"Cause\":\"probe\"}}}"))
                .stateMachineArn();
        long started = System.nanoTime();
        var done = sfn.startSyncExecution(r -> r.stateMachineArn(machine).name("ok").input("{\"fail\":false}"));
        assertTrue(System.nanoTime() - started >= 1_000_000_000L, "answered after the run's end, not at its start");
        assertEquals("SUCCEEDED", done.statusAsString());
        assertEquals(JSON.readTree("{\"fail\":false,\"result\":{\"ok\":true}}"), JSON.readTree(done.output()));
        assertTrue(done.stopDate().isAfter(done.startDate()), done::toString);
        var failed = sfn.startSyncExecution(r -> r.stateMachineArn(machine).name("failed").input("{\"fail\":true}"));
        assertEquals("FAILED", failed.statusAsString());
        assertEquals("RefundFailed", failed.error());
        assertEquals("probe", failed.cause());
    }

    @Test
    void stateMachinesRun() throws Exception {
        String name = "probe-" + UUID.randomUUID();
        String execution = sfn.createStateMachine(r -> r.name(name).roleArn("arn:aws:iam::123456789012:role/probe")
                .definition("{\"StartAt\":\"Done\",\"States\":{\"Done\":{\"Type\":\"Pass\",\"Result\":{\"ok\":true},\"End\":true}}}"))
                .stateMachineArn();
        String executionArn = sfn.startExecution(r -> r.stateMachineArn(execution).name("run-1").input("{}")).executionArn();
        assertEquals(ExecutionStatus.SUCCEEDED, await(executionArn), "execute_state_machine is on");
        assertEquals(JSON.createObjectNode().put("ok", true),
                JSON.readTree(sfn.describeExecution(r -> r.executionArn(executionArn)).output()));
    }

    @Test
    void probeQueueIsCreatedAfterItsDeadLetterQueueWithResolvedAttributes() throws Exception {
        Map<String, String> attributes = attributes(probe.physicalId("ProbeQueue"));
        assertEquals("45", attributes.get("VisibilityTimeout"), "a parameter's default, through !Ref");
        JsonNode redrive = JSON.readTree(attributes.get("RedrivePolicy"));
        assertEquals(probe.attribute("ProbeDeadLetterQueue", "Arn"), redrive.get("deadLetterTargetArn").asText());
        assertEquals(2, redrive.get("maxReceiveCount").asInt());
    }

    @Test
    void probeStateMachineDefinitionHasEverySubstitution() throws Exception {
        String definition = sfn.describeStateMachine(r -> r.stateMachineArn(probe.physicalId("ProbeStateMachine")))
                .definition();
        assertFalse(definition.contains("${"), definition);
        JsonNode states = JSON.readTree(definition).get("States");
        JsonNode invoke = states.get("Invoke").get("Parameters");
        assertEquals(PREFIX + "ProbeStepsFunction:live", invoke.get("FunctionName").asText());
        assertEquals("ProbeStepsFunction", invoke.get("Payload").get("name").asText());
        assertEquals("hello from us-east-1", invoke.get("Payload").get("greeting").asText());
        JsonNode notify = states.get("Notify").get("Parameters");
        assertEquals(sqs.getQueueUrl(r -> r.queueName("ProbeQueue")).queueUrl(), notify.get("QueueUrl").asText());
        assertEquals("arn:aws:sqs:us-east-1:123456789012:ProbeDeadLetterQueue", notify.get("MessageBody").asText());
    }

    @Test
    void parameterAndSecretOverridesAreApplied() {
        assertSendable("probe@tickets.example");
        assertEquals("test_sk_probe", secrets.getSecretValue(r -> r.secretId(probe.physicalId("ProbeSecret")))
                .secretString());
    }

    /**
     * moto applies the redrive policy when a message is received again: once it has been
     * received maxReceiveCount times, the next ReceiveMessage moves it to the dead-letter queue
     * instead of returning it, as SQS does.
     */
    @Test
    void motoMovesAMessageToTheDeadLetterQueueAfterMaxReceiveCountReceives() {
        String url = probe.physicalId("ProbeQueue");
        String dlq = probe.physicalId("ProbeDeadLetterQueue");
        String body = "poison-" + UUID.randomUUID();
        sqs.sendMessage(r -> r.queueUrl(url).messageBody(body));
        for (int receive = 1; receive <= 2; receive++) {
            var messages = sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(1)).messages();
            assertEquals(1, messages.size(), "receive " + receive);
            assertEquals(body, messages.get(0).body());
        }
        assertTrue(sqs.receiveMessage(r -> r.queueUrl(url).visibilityTimeout(0).waitTimeSeconds(1)).messages().isEmpty());
        var dead = sqs.receiveMessage(r -> r.queueUrl(dlq).waitTimeSeconds(1)).messages();
        assertEquals(1, dead.size());
        assertEquals(body, dead.get(0).body());
    }

    /**
     * Verified, and SES v2 accepts mail from it (moto rejects unverified senders). moto reports
     * VerifiedForSendingStatus false for every identity; VerificationStatus is what it sets.
     */
    private static void assertSendable(String sender) {
        assertEquals(VerificationStatus.SUCCESS, ses.getEmailIdentity(r -> r.emailIdentity(sender)).verificationStatus());
        assertFalse(ses.sendEmail(r -> r.fromEmailAddress(sender)
                .destination(d -> d.toAddresses("buyer@example.com"))
                .content(c -> c.simple(m -> m.subject(t -> t.data("probe")).body(b -> b.text(t -> t.data("probe"))))))
                .messageId().isEmpty());
    }

    private static Map<String, String> attributes(String url) {
        return sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.ALL)).attributesAsStrings();
    }

    private static ExecutionStatus await(String executionArn) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        ExecutionStatus status;
        do {
            status = sfn.describeExecution(r -> r.executionArn(executionArn)).status();
            if (status != ExecutionStatus.RUNNING) {
                return status;
            }
            sleep();
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
