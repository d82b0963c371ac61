package kr.tickets.runner;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import kr.tickets.localstack.Intrinsics;

/**
 * Lambda's Invoke API on localhost, {@code POST /2015-03-31/functions/{FunctionName}/invocations},
 * for the functions the runner hosts. moto forwards the invokes of Step Functions' lambda:invoke
 * tasks here (local/moto_launcher.py --lambda-url), so a state machine runs the real handlers.
 *
 * <p>FunctionName is a name, {@code name:qualifier}, a partial ARN ({@code account:function:name})
 * or a full ARN, with or without qualifier; the {@code Qualifier} query parameter works too. The
 * qualifier may be {@code $LATEST} or the function's AutoPublishAlias. Answers follow AWS: 200 with
 * the handler's output; when the handler throws, 200 with {@code X-Amz-Function-Error: Unhandled}
 * and the Java runtime's error document ({@code errorMessage}, {@code errorType} = the exception's
 * class name, {@code stackTrace}); an unknown function or qualifier is 404
 * ResourceNotFoundException. {@code X-Amz-Invocation-Type: Event} answers 202 and runs the
 * handler in the background, {@code DryRun} answers 204. Invocations run concurrently.
 */
public final class LambdaEndpoint implements AutoCloseable {
    static final String PREFIX = "/2015-03-31/functions/";
    private static final String SUFFIX = "/invocations";
    /** Lambda's payload limits: 6 MB for a synchronous invoke, 256 KB for an asynchronous one. */
    private static final int SYNC_LIMIT = 6 * 1024 * 1024;
    private static final int ASYNC_LIMIT = 256 * 1024;
    private static final System.Logger LOG = System.getLogger(LambdaEndpoint.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FunctionHost> functions = new ConcurrentHashMap<>();
    private final HttpServer server;
    private final ExecutorService workers;
    private final ExecutorService background;

    /** Starts on 127.0.0.1:{@code port} (0: a free port) with no functions yet; see {@link #register}. */
    public LambdaEndpoint(int port) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
        this.workers = Executors.newFixedThreadPool(32, named("lambda-invoke"));
        this.background = Executors.newFixedThreadPool(4, named("lambda-event"));
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Makes a function invokable by its logical id (its name locally). */
    public void register(FunctionHost function) {
        functions.put(function.spec().id(), function);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The URL Lambda clients (and moto's --lambda-url) use as the Lambda endpoint. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)
                    || path.length() <= PREFIX.length() + SUFFIX.length()) {
                error(exchange, 404, "UnknownOperationException", null);
                return;
            }
            String raw = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
            String given = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
            FunctionName name = FunctionName.parse(given, query(exchange, "Qualifier"));
            if (name == null) {
                error(exchange, 400, "InvalidParameterValueException",
                        "The function name or the qualifier is not valid: " + given);
                return;
            }
            FunctionHost function = functions.get(name.name());
            if (function == null || !name.qualifierExists(function.spec().alias())) {
                error(exchange, 404, "ResourceNotFoundException", "Function not found: " + name.arn());
                return;
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            type = type == null ? "RequestResponse" : type;
            int limit = type.equals("Event") ? ASYNC_LIMIT : SYNC_LIMIT;
            byte[] payload = exchange.getRequestBody().readNBytes(limit + 1);
            if (payload.length > limit) {
                error(exchange, 413, "RequestTooLargeException", "Request must be smaller than " + limit
                        + " bytes for the InvokeFunction operation");
                return;
            }
            switch (type) {
                case "RequestResponse" -> invoke(exchange, function, name.qualifier(), payload);
                case "Event" -> {
                    background.submit(() -> {
                        try {
                            function.invokeBytes(payload, name.qualifier());
                        } catch (Throwable e) {
                            LOG.log(System.Logger.Level.ERROR, name.name() + " failed (asynchronous invoke)", e);
                        }
                    });
                    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
                    send(exchange, 202, new byte[0]);
                }
                case "DryRun" -> send(exchange, 204, new byte[0]);
                default -> error(exchange, 400, "InvalidParameterValueException",
                        "Unsupported invocation type " + type);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "local Lambda endpoint failed on " + exchange.getRequestURI(), e);
            error(exchange, 500, "ServiceException", "The local Lambda endpoint failed: " + e);
        }
    }

    private static void invoke(HttpExchange exchange, FunctionHost function, String qualifier, byte[] payload)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        byte[] output;
        try {
            output = function.invokeBytes(payload, qualifier);
        } catch (Throwable e) {
            LOG.log(System.Logger.Level.WARNING, function.spec().id() + " failed", e);
            exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
            output = JSON.writeValueAsBytes(errorDocument(e));
        }
        send(exchange, 200, output);
    }

    /**
     * What the AWS Java runtime reports for an exception a handler throws: its message (or class
     * name), its class name as errorType, and its frames up to where the runtime called the
     * handler.
     */
    static ObjectNode errorDocument(Throwable error) {
        ObjectNode out = JSON.createObjectNode();
        out.put("errorMessage", error.getLocalizedMessage() == null ? error.getClass().getName()
                : error.getLocalizedMessage());
        out.put("errorType", error.getClass().getName());
        ArrayNode trace = out.putArray("stackTrace");
        for (StackTraceElement frame : error.getStackTrace()) {
            if (frame.getClassName().startsWith(FunctionHost.class.getPackageName() + ".")) {
                break; // the runner's own frames stand for the Lambda runtime's
            }
            trace.add(frame.getClassName() + "." + frame.getMethodName() + "(" + (frame.isNativeMethod() ? "Native Method"
                    : frame.getFileName() == null ? "Unknown Source"
                    : frame.getLineNumber() >= 0 ? frame.getFileName() + ":" + frame.getLineNumber()
                    : frame.getFileName()) + ")");
        }
        return out;
    }

    /** An AWS Lambda API error: the type in x-amzn-ErrorType, {"Type","Message"} in the body. */
    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("Type", status >= 500 ? "Service" : "User");
        if (message != null) {
            body.put("Message", message);
        }
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        send(exchange, status, JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        boolean empty = body.length == 0;
        exchange.sendResponseHeaders(status, empty ? -1 : body.length);
        if (!empty) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String query(HttpExchange exchange, String parameter) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(parameter) && kv.length == 2) {
                return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static java.util.concurrent.ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        background.shutdownNow();
    }

    /** A FunctionName of the Invoke API taken apart. */
    record FunctionName(String name, String qualifier) {
        private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9-_]{1,64}");
        private static final java.util.regex.Pattern QUALIFIER =
                java.util.regex.Pattern.compile("\\$LATEST|[a-zA-Z0-9-_]{1,128}");

        /** Null when the name is malformed or its qualifier disagrees with {@code queryQualifier}. */
        static FunctionName parse(String given, String queryQualifier) {
            String[] parts = given.split(":", -1);
            String name;
            String qualifier;
            if (parts.length >= 7 && parts[0].equals("arn") && parts[2].equals("lambda") && parts[5].equals("function")
                    && parts.length <= 8) {
                if (!parts[3].equals(Intrinsics.REGION) || !parts[4].equals(Intrinsics.ACCOUNT)) {
                    return new FunctionName("", null); // another account or region: not found here
                }
                name = parts[6];
                qualifier = parts.length == 8 ? parts[7] : null;
            } else if ((parts.length == 3 || parts.length == 4) && parts[1].equals("function")) {
                name = parts[2];
                qualifier = parts.length == 4 ? parts[3] : null;
            } else if (parts.length <= 2) {
                name = parts[0];
                qualifier = parts.length == 2 ? parts[1] : null;
            } else {
                return null;
            }
            if (qualifier != null && queryQualifier != null && !qualifier.equals(queryQualifier)) {
                return null;
            }
            qualifier = qualifier != null ? qualifier : queryQualifier;
            if (!NAME.matcher(name).matches() || (qualifier != null && !QUALIFIER.matcher(qualifier).matches())) {
                return null;
            }
            return new FunctionName(name, qualifier);
        }

        boolean qualifierExists(String alias) {
            return qualifier == null || qualifier.equals("$LATEST") || qualifier.equals(alias);
        }

        String arn() {
            return LocalContext.arn(name) + (qualifier == null ? "" : ":" + qualifier);
        }
    }
}
