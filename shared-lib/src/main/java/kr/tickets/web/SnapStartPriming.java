package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import io.micronaut.context.ApplicationContext;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import kr.tickets.auth.SessionStore;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart priming (template.yaml: {@code SnapStart: ApplyOn: PublishedVersions}). Before Lambda
 * snapshots an initialised API function, every route of the function answers requests through
 * the real handler, so the snapshot holds routing, the controllers, Jackson (request and
 * problem+json), the logging around an invocation and the SDK clients loaded and warmed, and a
 * restored function's first request does not pay for them.
 *
 * <p>Every priming request is refused before anything is written: it carries no
 * {@code Authorization} (every route that writes authenticates first, and rate limits count only
 * after authentication), its path ids name nothing ({@link #PRIMING_ID}), its body is an empty
 * JSON object. Public reads (catalog, health) do read DynamoDB and answer 404 or an empty page.
 * The DynamoDB client of an authenticated function is primed with the session check of an
 * access token that does not exist (one BatchGetItem of the Auth table, which the function may
 * already read). No secret is fetched for priming: a refused request never needs the signing key,
 * so no key is in a snapshot beyond what a route's own work reads.
 */
public final class SnapStartPriming implements Resource {
    /** A well-formed id that names nothing: every lookup by it finds nothing. */
    public static final String PRIMING_ID = "00000000-0000-7000-8000-000000000000";
    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);

    private final ApplicationContext context;
    private final BiFunction<APIGatewayProxyRequestEvent, Context, APIGatewayProxyResponseEvent> handler;

    /**
     * @param context the function's application context (its router and beans)
     * @param handler the function's real handler
     */
    public SnapStartPriming(ApplicationContext context,
                            BiFunction<APIGatewayProxyRequestEvent, Context, APIGatewayProxyResponseEvent> handler) {
        this.context = context;
        this.handler = handler;
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> checkpoint) {
        long started = System.nanoTime();
        Map<String, Integer> answers = prime();
        LOG.info("SnapStart priming: {} requests in {} ms: {}", answers.size(),
                (System.nanoTime() - started) / 1_000_000, answers);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> restore) {
        // Nothing to renew: the SDK clients open new connections when the snapshot's are gone.
    }

    /**
     * Runs the priming: each request through the handler, then the clients no refused request
     * reaches. Answers each request ({@code "POST /schedules/{scheduleId}/holds"}) with its
     * status; a failure of one request is logged and does not stop the others or the snapshot.
     */
    public Map<String, Integer> prime() {
        Map<String, Integer> answers = new LinkedHashMap<>();
        Context lambda = new PrimingContext();
        for (APIGatewayProxyRequestEvent request : requests(context.getBean(Router.class))) {
            String name = request.getHttpMethod() + " " + request.getResource();
            try {
                APIGatewayProxyResponseEvent response = handler.apply(request, lambda);
                answers.put(name, response == null ? 0 : response.getStatusCode());
            } catch (RuntimeException e) {
                LOG.warn("SnapStart priming: {} failed", name, e);
                answers.put(name, -1);
            }
        }
        context.findBean(SessionStore.class).ifPresent(sessions -> {
            try {
                sessions.currentRole(PRIMING_ID, PRIMING_ID, PRIMING_ID);
            } catch (RuntimeException e) {
                LOG.warn("SnapStart priming: the session read failed", e);
            }
        });
        return answers;
    }

    /**
     * One API Gateway event per route of the router: path and query variables set to
     * {@link #PRIMING_ID}, no Authorization, an empty JSON object as the body of a POST, PUT or
     * PATCH.
     */
    static List<APIGatewayProxyRequestEvent> requests(Router router) {
        // Micronaut adds a HEAD route to every GET; template.yaml routes neither HEAD nor OPTIONS.
        return router.uriRoutes().filter(route -> !Set.of("HEAD", "OPTIONS").contains(route.getHttpMethodName()))
                .map(SnapStartPriming::request).toList();
    }

    private static APIGatewayProxyRequestEvent request(UriRouteInfo<?, ?> route) {
        String method = route.getHttpMethodName();
        List<String> variables = route.getUriMatchTemplate().getVariableNames();
        Map<String, Object> values = new HashMap<>();
        variables.forEach(name -> values.put(name, PRIMING_ID));
        String expanded = route.getUriMatchTemplate().expand(values);
        int query = expanded.indexOf('?');
        String path = query < 0 ? expanded : expanded.substring(0, query);
        String template = route.getUriMatchTemplate().getTemplateString();
        int queryVariables = template.indexOf("{?");
        String resource = queryVariables < 0 ? template : template.substring(0, queryVariables);
        Map<String, String> pathParameters = new HashMap<>();
        variables.forEach(name -> {
            if (resource.contains("{" + name + "}")) {
                pathParameters.put(name, PRIMING_ID);
            }
        });
        boolean withBody = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        Map<String, String> headers = new HashMap<>(Map.of("Accept", "application/json", "Host", "priming"));
        if (withBody) {
            headers.put("Content-Type", "application/json");
        }
        return new APIGatewayProxyRequestEvent()
                .withResource(resource)
                .withPath(path)
                .withHttpMethod(method)
                .withHeaders(headers)
                .withMultiValueHeaders(multi(headers))
                .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId("snapstart-priming")
                        .withResourcePath(resource)
                        .withHttpMethod(method)
                        .withStage("priming")
                        .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("127.0.0.1")))
                .withBody(withBody ? "{}" : null)
                .withIsBase64Encoded(false);
    }

    private static Map<String, List<String>> multi(Map<String, String> headers) {
        Map<String, List<String>> multi = new HashMap<>();
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return multi;
    }

    /** The Lambda context of a priming request: the function's name, no client, the template's timeout. */
    private static final class PrimingContext implements Context {
        @Override
        public String getAwsRequestId() {
            return "snapstart-priming";
        }

        @Override
        public String getLogGroupName() {
            return System.getenv("AWS_LAMBDA_LOG_GROUP_NAME");
        }

        @Override
        public String getLogStreamName() {
            return System.getenv("AWS_LAMBDA_LOG_STREAM_NAME");
        }

        @Override
        public String getFunctionName() {
            return System.getenv("AWS_LAMBDA_FUNCTION_NAME");
        }

        @Override
        public String getFunctionVersion() {
            return System.getenv("AWS_LAMBDA_FUNCTION_VERSION");
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
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
            return 15_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            String memory = System.getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            return memory == null ? 0 : Integer.parseInt(memory);
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
