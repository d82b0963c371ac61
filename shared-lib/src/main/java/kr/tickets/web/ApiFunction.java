package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.env.Environment;
import io.micronaut.function.aws.LambdaApplicationContextBuilder;
import io.micronaut.function.aws.proxy.payload1.ApiGatewayProxyRequestEventFunction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.tickets.common.ApiException;
import kr.tickets.common.FieldError;
import kr.tickets.common.IdRules;
import kr.tickets.common.Problem;
import org.crac.Core;

/**
 * The Lambda handler of every API function (REST API, payload 1.0): Micronaut routes the
 * API Gateway proxy event to the function's controllers. In AWS the no-argument constructor
 * runs and configuration comes from the environment (USERS_TABLE → users.table).
 */
public class ApiFunction extends ApiGatewayProxyRequestEventFunction {
    static final String NOSNIFF_HEADER = "X-Content-Type-Options";
    static final String NOSNIFF = "nosniff";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The environment {@link LambdaApplicationContextBuilder} names besides {@link Environment#FUNCTION}. */
    static final String LAMBDA_ENVIRONMENT = "lambda";

    private final InvocationLogging logging;
    /**
     * Held here because CRaC keeps only a weak reference to a registered resource; null outside
     * Lambda's own construction (the local runner's functions are never snapshotted).
     */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final SnapStartPriming priming;

    public ApiFunction() {
        super();
        this.logging = InvocationLogging.fromProcess();
        // SnapStart runs the hook once, before it snapshots the initialised function.
        this.priming = new SnapStartPriming(getApplicationContext(), this::handleRequest);
        Core.getGlobalContext().register(priming);
    }

    /**
     * For the local runner, which hosts several functions in one JVM and so cannot give each
     * its own process environment: the variables are mapped to properties as Micronaut maps
     * environment variables.
     */
    public ApiFunction(Map<String, String> environment) {
        super(contextFor(environment));
        this.logging = InvocationLogging.of(environment);
        this.priming = null;
    }

    /**
     * Every log line of the invocation carries the Lambda context (request id, cold start), API
     * Gateway's request id as {@code correlation_id} (the {@code traceId} of a problem and the
     * {@code x-amzn-RequestId} header) and the hold or booking id of the path. Ids
     * are checked here, before any controller, so that every route, present and future, refuses
     * a bad id with 400 before it reaches a DynamoDB key ({@link IdRules}). Every answer, errors
     * included, carries {@code X-Content-Type-Options: nosniff}: set here once, so no function
     * and no error path can forget it.
     */
    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        String requestId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        return withSecurityHeaders(logging.around(context, requestId, path, () -> {
            List<FieldError> invalid = invalidIds(event);
            return invalid.isEmpty() ? super.handleRequest(event, context) : problem(event, ApiException.validation(invalid));
        }));
    }

    /** The problems with the event's path parameters, id query parameters and Idempotency-Key header. */
    static List<FieldError> invalidIds(APIGatewayProxyRequestEvent event) {
        Map<String, List<String>> query = new HashMap<>();
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach((name, value) -> query.put(name, new ArrayList<>(List.of(value))));
        }
        if (event.getMultiValueQueryStringParameters() != null) {
            event.getMultiValueQueryStringParameters().forEach((name, values) ->
                    query.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values == null ? List.of() : values));
        }
        List<String> keys = new ArrayList<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (IdRules.IDEMPOTENCY_KEY_HEADER.equalsIgnoreCase(name)) {
                    keys.add(value);
                }
            });
        }
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> {
                if (IdRules.IDEMPOTENCY_KEY_HEADER.equalsIgnoreCase(name) && values != null) {
                    keys.addAll(values);
                }
            });
        }
        return IdRules.check(event.getPathParameters(), query, keys);
    }

    private static APIGatewayProxyResponseEvent problem(APIGatewayProxyRequestEvent event, ApiException e) {
        String traceId = event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
        try {
            return new APIGatewayProxyResponseEvent().withStatusCode(e.status())
                    .withHeaders(Map.of("Content-Type", Problem.MEDIA_TYPE))
                    .withBody(JSON.writeValueAsString(Problem.of(e, traceId)));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    static APIGatewayProxyResponseEvent withSecurityHeaders(APIGatewayProxyResponseEvent response) {
        if (response == null) {
            return null;
        }
        Map<String, String> headers = response.getHeaders() == null ? new HashMap<>()
                : new HashMap<>(response.getHeaders());
        headers.put(NOSNIFF_HEADER, NOSNIFF);
        response.setHeaders(headers);
        if (response.getMultiValueHeaders() != null) {
            Map<String, List<String>> multi = new HashMap<>(response.getMultiValueHeaders());
            multi.put(NOSNIFF_HEADER, List.of(NOSNIFF));
            response.setMultiValueHeaders(multi);
        }
        return response;
    }

    /** Lambda's own construction: a Lambda context as {@link #lambdaContext()} builds it. */
    @Override
    protected ApplicationContextBuilder newApplicationContextBuilder() {
        return lambdaContext();
    }

    /**
     * The environments and eager configuration of Micronaut's {@link LambdaApplicationContextBuilder},
     * but not its eager singletons: it creates every singleton when the context starts, which
     * suits a SnapStart snapshot, while without one it is cold-start time spent on clients and
     * services the request may never use (a health check builds no password hasher, no Step
     * Functions client). Singletons are built on first use instead; SnapStart's priming
     * ({@link SnapStartPriming}) still runs every route before the snapshot. (The builder's
     * {@code eagerInitSingletons(false)} cannot undo what Lambda's builder has set.)
     */
    static ApplicationContextBuilder lambdaContext() {
        return ApplicationContext.builder().environments(Environment.FUNCTION, LAMBDA_ENVIRONMENT)
                .eagerInitConfiguration(true);
    }

    /** A started-on-demand application context whose configuration is {@code environment}. */
    public static ApplicationContext contextFor(Map<String, String> environment) {
        Map<String, Object> properties = new HashMap<>();
        environment.forEach((name, value) -> properties.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value));
        return lambdaContext().properties(properties).build();
    }
}
