package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda handler of every API function (REST API, payload 1.0): Micronaut routes the
 * API Gateway proxy event to the function's controllers. In AWS the no-argument constructor
 * runs and configuration comes from the environment (USERS_TABLE → users.table).
 */
public class ApiFunction extends ApiGatewayProxyRequestEventFunction {
    public ApiFunction() {
        super();
    }

    /**
     * For the local runner, which hosts several functions in one JVM and so cannot give each
     * its own process environment: the variables are mapped to properties as Micronaut maps
     * environment variables.
     */
    public ApiFunction(Map<String, String> environment) {
        super(contextFor(environment));
    }

    /** Every log line of the invocation carries the Lambda context (request id, cold start). */
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        return PowertoolsLogging.withLogging(context, () -> super.handleRequest(event, context));
    }

    /** A started-on-demand application context whose configuration is {@code environment}. */
    public static ApplicationContext contextFor(Map<String, String> environment) {
        Map<String, Object> properties = new HashMap<>();
        environment.forEach((name, value) -> properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        return new LambdaApplicationContextBuilder().properties(properties).build();
    }
}
