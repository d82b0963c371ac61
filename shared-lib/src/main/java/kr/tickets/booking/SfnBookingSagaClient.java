package kr.tickets.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/**
 * {@link BookingSagaClient} on Step Functions: the hold timer (statemachines/booking.asl.json) and
 * the payment steps (statemachines/payment.asl.json, Express, StartSyncExecution).
 */
@Singleton
@Requires(classes = SfnClient.class)
@Requires(property = "booking.state.machine.arn")
public class SfnBookingSagaClient implements BookingSagaClient {
    private static final Logger LOG = LoggerFactory.getLogger(SfnBookingSagaClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SfnClient sfn;
    private final String timerArn;
    private final String paymentArn;
    private final Duration paymentWait;

    public SfnBookingSagaClient(SfnClient sfn, @Value("${booking.state.machine.arn}") String timerArn,
                                @Value("${payment.state.machine.arn:}") String paymentArn,
                                @Value("${payment.outcome.wait.seconds:10}") long paymentWaitSeconds) {
        this.sfn = sfn;
        this.timerArn = timerArn;
        this.paymentArn = paymentArn;
        this.paymentWait = Duration.ofSeconds(paymentWaitSeconds);
    }

    /** The execution name of a hold's timer: the same hold can never have two. */
    public static String executionName(String holdId) {
        return "hold-" + holdId;
    }

    /**
     * A run of the payment steps: Express names need not be unique, but every run of a hold gets
     * its own (a replayed confirm runs the steps again), and the hold id finds it in the logs.
     */
    static String paymentRunName(String holdId) {
        byte[] suffix = new byte[4];
        RANDOM.nextBytes(suffix);
        return "pay-" + holdId + "-" + HexFormat.of().formatHex(suffix);
    }

    @Override
    public void start(Hold hold) {
        ObjectNode input = JSON.createObjectNode().put("holdId", hold.holdId())
                .put("expiresAt", hold.holdUntil().truncatedTo(ChronoUnit.SECONDS).toString());
        try {
            sfn.startExecution(r -> r.stateMachineArn(timerArn).name(executionName(hold.holdId()))
                    .input(input.toString()));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // A retry after a lost answer: the timer of this hold runs already.
        }
    }

    @Override
    public PaymentRun runPayment(String holdId) {
        if (paymentArn.isBlank()) {
            throw new IllegalStateException("payment.state.machine.arn is not set");
        }
        String input = JSON.createObjectNode().put("holdId", holdId).toString();
        try {
            StartSyncExecutionResponse run = sfn.startSyncExecution(r -> r.stateMachineArn(paymentArn)
                    .name(paymentRunName(holdId)).input(input)
                    .overrideConfiguration(o -> o.apiCallTimeout(paymentWait)));
            return PaymentRun.of(run.statusAsString(), run.output(), run.error());
        } catch (SdkException noAnswer) {
            // A timeout or a lost answer: the run may go on (an Express run lasts up to 5 minutes).
            LOG.warn("payment steps gave no answer in time holdId={} error={}", holdId, noAnswer.toString());
            return PaymentRun.unanswered();
        }
    }

    @Override
    public void stopTimer(String holdId) {
        String execution = timerArn.replace(":stateMachine:", ":execution:") + ":" + executionName(holdId);
        try {
            sfn.stopExecution(r -> r.executionArn(execution).cause("the hold ended"));
        } catch (SdkException notStopped) {
            // Ended already, or not reachable: a timer that fires finds the hold ended and ends too.
            LOG.info("hold timer not stopped holdId={} error={}", holdId, notStopped.toString());
        }
    }

    @Override
    public boolean running(String holdId) {
        return StepFunctionsExecutions.running(sfn, timerArn, executionName(holdId));
    }
}
