package kr.tickets.booking;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;

/**
 * {@link RefundFlowClient} on Step Functions. One execution per booking, named
 * {@code refund-<bookingId>} with the same input every time: Step Functions answers a repeated
 * start of a running execution with that execution, and refuses a second one after it ended, so a
 * booking is never refunded by two flows.
 */
@Singleton
@Requires(classes = SfnClient.class)
@Requires(property = "booking.refund.state.machine.arn")
public class SfnRefundFlowClient implements RefundFlowClient {
    private final SfnClient sfn;
    private final String stateMachineArn;

    public SfnRefundFlowClient(SfnClient sfn, @Value("${booking.refund.state.machine.arn}") String stateMachineArn) {
        this.sfn = sfn;
        this.stateMachineArn = stateMachineArn;
    }

    public static String executionName(String bookingId) {
        return "refund-" + bookingId;
    }

    @Override
    public void start(String bookingId) {
        try {
            sfn.startExecution(r -> r.stateMachineArn(stateMachineArn).name(executionName(bookingId))
                    .input("{\"bookingId\":\"" + bookingId + "\"}"));
        } catch (ExecutionAlreadyExistsException alreadyStarted) {
            // This booking's flow runs or ran: its outcome is on the booking.
        }
    }

    @Override
    public boolean running(String bookingId) {
        return StepFunctionsExecutions.running(sfn, stateMachineArn, executionName(bookingId));
    }
}
