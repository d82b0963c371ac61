package kr.tickets.booking;

import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** Named executions of a Standard state machine, as the saga and refund clients look them up. */
final class StepFunctionsExecutions {
    private StepFunctionsExecutions() {
    }

    /** True while the execution {@code name} of {@code stateMachineArn} runs; false if it ended or never started. */
    static boolean running(SfnClient sfn, String stateMachineArn, String name) {
        String execution = stateMachineArn.replace(":stateMachine:", ":execution:") + ":" + name;
        try {
            return sfn.describeExecution(r -> r.executionArn(execution)).status() == ExecutionStatus.RUNNING;
        } catch (ExecutionDoesNotExistException never) {
            return false;
        }
    }
}
