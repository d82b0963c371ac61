package kr.tickets.runner;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import kr.tickets.localstack.Intrinsics;

/** The Lambda context an invocation gets: request id, deadline, memory, logger. */
final class LocalContext implements Context {
    private final FunctionSpec function;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline;
    private final String invokedArn;

    LocalContext(FunctionSpec function) {
        this(function, null);
    }

    /** @param qualifier the version or alias the caller named (null: none) */
    LocalContext(FunctionSpec function, String qualifier) {
        this.function = function;
        this.deadline = System.currentTimeMillis() + function.timeoutSeconds() * 1000L;
        this.invokedArn = arn(function.id()) + (qualifier == null ? "" : ":" + qualifier);
    }

    static String arn(String functionName) {
        return "arn:aws:lambda:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":function:" + functionName;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.id();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.id();
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
