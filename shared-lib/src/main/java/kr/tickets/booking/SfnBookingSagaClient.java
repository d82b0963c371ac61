package kr.tickets.booking;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.InvalidTokenException;
import software.amazon.awssdk.services.sfn.model.TaskDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.TaskTimedOutException;

/** {@link BookingSagaClient} on Step Functions (statemachines/booking.asl.json). */
@Singleton
@Requires(classes = SfnClient.class)
@Requires(property = "booking.state.machine.arn")
public class SfnBookingSagaClient implements BookingSagaClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnBookingSagaClient(SfnClient sfn, @Value("${booking.state.machine.arn}") String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    /** The execution name for a hold: the same hold can never have two sagas. */
    public static String executionName(String holdId) {
        return "hold-" + holdId;
    }

    @Override
    public void start(Hold hold, long holdSeconds) {
        ObjectNode input = JSON.createObjectNode().put("holdId", hold.holdId()).put("holdSeconds", holdSeconds);
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName(hold.holdId()))
                    .input(input.toString()));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // A retry after a lost answer: the saga of this hold runs already.
        }
    }

    @Override
    public boolean paymentSubmitted(String taskToken, String paymentKey, String orderId, long amount) {
        ObjectNode output = JSON.createObjectNode().put("paymentKey", paymentKey).put("orderId", orderId)
                .put("amount", amount);
        try {
            sfn.sendTaskSuccess(r -> r.taskToken(taskToken).output(output.toString()));
            return true;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException noLongerWaiting) {
            return false;
        }
    }

    @Override
    public boolean running(String holdId) {
        return StepFunctionsExecutions.running(sfn, stateMachineArn, executionName(holdId));
    }

    @Override
    public boolean holdReleased(String taskToken) {
        try {
            sfn.sendTaskFailure(r -> r.taskToken(taskToken).error(HOLD_RELEASED).cause("released by the user"));
            return true;
        } catch (TaskTimedOutException | TaskDoesNotExistException | InvalidTokenException noLongerWaiting) {
            return false;
        }
    }
}
