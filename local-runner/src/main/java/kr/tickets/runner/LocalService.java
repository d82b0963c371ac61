package kr.tickets.runner;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.Intrinsics;
import kr.tickets.localstack.LocalStack;
import kr.tickets.localstack.NtpResponder;
import kr.tickets.localstack.SamTemplate;
import kr.tickets.localstack.TossSandbox;

/**
 * The whole service on this machine: the Toss sandbox, an NTP responder (the clock check's
 * NtpServers, since these machines cannot reach Google's), moto with the template's resources,
 * every function of template.yaml loaded from its jar, the API on {@code http://127.0.0.1:<port>},
 * the Lambda Invoke endpoint moto forwards Step Functions' lambda tasks to, one poller per SQS
 * event source, and the scheduled rules ({@link #scheduler()}: started by {@link LocalRunner},
 * fired one at a time by tests, so a background run never races a test's own).
 */
public final class LocalService implements AutoCloseable {
    /** The Toss secret key the local stack stores (TossSecretKey); the sandbox accepts any test_sk_ key. */
    public static final String TOSS_SECRET_KEY = "test_sk_local_sandbox_0000000000";
    /**
     * The origin secret CloudFront would add as X-Origin-Verify (OriginVerifySecret): locally no
     * CloudFront adds it, so a test sends it to play CloudFront in front of the gateway.
     */
    public static final String ORIGIN_VERIFY_SECRET = "local-origin-verify-0123456789abcdef";
    /**
     * The refund flow's waits between Toss attempts (template parameter RefundRetryDelaysSeconds):
     * seconds here instead of AWS's hour, so a failing refund reaches its end while you watch.
     */
    public static final String LOCAL_REFUND_RETRY_DELAYS = "1,1,2";
    /**
     * The test suite's service reads policies on every use (template parameter PolicyCacheSeconds
     * = 0), so a test that changes a policy sees it in force at once; {@code PolicyCacheE2EIT}
     * proves the template's cache time on a service of its own. Likewise the holds function reads
     * the schedule and performance on every hold (HoldCatalogCacheSeconds = 0), so a test that
     * changes them sees the change at once.
     */
    static final Map<String, String> TEST_PARAMETERS = Map.of("PolicyCacheSeconds", "0", "HoldCatalogCacheSeconds", "0");

    private static LocalService shared;

    private final TossSandbox toss;
    private final NtpResponder ntp;
    private final LambdaEndpoint lambda;
    private final LocalStack stack;
    private final Map<String, FunctionHost> functions;
    private final ApiGateway gateway;
    private final List<SqsPoller> pollers;
    private final LocalScheduler scheduler;

    private LocalService(TossSandbox toss, NtpResponder ntp, LambdaEndpoint lambda, LocalStack stack,
                         Map<String, FunctionHost> functions, ApiGateway gateway, List<SqsPoller> pollers) {
        this.toss = toss;
        this.ntp = ntp;
        this.lambda = lambda;
        this.stack = stack;
        this.functions = functions;
        this.gateway = gateway;
        this.pollers = pollers;
        this.scheduler = new LocalScheduler(functions, Clock.systemUTC());
    }

    /** API and moto on the given ports (0: free ones); the Invoke endpoint and the Toss sandbox on free ports. */
    public static LocalService start(int apiPort, int motoPort) {
        return start(apiPort, motoPort, 0, 0);
    }

    /** Every listener on the given port (0: a free one); the NTP responder always on a free one. */
    public static LocalService start(int apiPort, int motoPort, int lambdaPort, int tossPort) {
        return start(apiPort, motoPort, lambdaPort, tossPort, Map.of());
    }

    /** Every listener on the given port (0: a free one), with template parameters set over their defaults. */
    public static LocalService start(int apiPort, int motoPort, int lambdaPort, int tossPort,
                                     Map<String, String> parameters) {
        return start(apiPort, motoPort, lambdaPort, tossPort, parameters, null);
    }

    /**
     * Every listener on the given port (0: a free one), with template parameters set over their
     * defaults, and the web build in {@code webDir} served at the API's origin (null or without
     * index.html: no app, only {@code /config.json}). Toss's redirects come back to this origin's
     * {@code /pay/success} and {@code /pay/fail} unless the parameters say otherwise.
     */
    public static LocalService start(int apiPort, int motoPort, int lambdaPort, int tossPort,
                                     Map<String, String> parameters, Path webDir) {
        // Before any function loads: each function's logging keeps the standard output it finds.
        OutputTap.install();
        Map<String, String> all = new LinkedHashMap<>(Map.of("RefundRetryDelaysSeconds", LOCAL_REFUND_RETRY_DELAYS));
        all.putAll(parameters);
        HttpServer apiServer;
        try {
            apiServer = ApiGateway.bind(apiPort);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the local API on port " + apiPort, e);
        }
        // localhost, not 127.0.0.1: browsers treat it as a secure context, so the Secure refresh cookie works.
        String site = "http://localhost:" + apiServer.getAddress().getPort();
        all.putIfAbsent("PaymentSuccessUrl", site + "/pay/success");
        all.putIfAbsent("PaymentFailUrl", site + "/pay/fail");
        TossSandbox toss;
        try {
            toss = TossSandbox.start(tossPort, Clock.systemUTC());
        } catch (RuntimeException e) {
            apiServer.stop(0);
            throw e;
        }
        NtpResponder ntp;
        LambdaEndpoint lambda;
        try {
            ntp = NtpResponder.start(0);
        } catch (RuntimeException e) {
            toss.close();
            apiServer.stop(0);
            throw e;
        }
        try {
            lambda = new LambdaEndpoint(lambdaPort);
        } catch (IOException | RuntimeException e) {
            ntp.close();
            toss.close();
            apiServer.stop(0);
            throw new IllegalStateException("cannot start the local Lambda endpoint", e);
        }
        LocalStack stack;
        try {
            all.put("TossApiBaseUrl", toss.baseUrl());
            all.putIfAbsent("NtpServers", ntp.server());
            stack = LocalStack.start(motoPort, lambda.url(), all, Map.of("TossSecretKey", TOSS_SECRET_KEY,
                    "OriginVerifySecret", ORIGIN_VERIFY_SECRET));
        } catch (RuntimeException e) {
            lambda.close();
            ntp.close();
            toss.close();
            apiServer.stop(0);
            throw e;
        }
        Map<String, FunctionHost> functions = new LinkedHashMap<>();
        List<SqsPoller> pollers = new ArrayList<>();
        ApiGateway gateway = null;
        try {
            List<FunctionSpec> specs = FunctionSpec.fromTemplate(SamTemplate.load());
            for (FunctionSpec spec : specs) {
                FunctionHost host = FunctionHost.load(spec, stack.functionEnvironments().get(spec.id()));
                functions.put(spec.id(), host);
                lambda.register(host);
            }
            String clientKey = String.valueOf(stack.parameters().get("TossClientKey"));
            WebApp web = WebApp.of(webDir, WebApp.config(clientKey, toss.windowUrl()), toss.browserOrigin());
            gateway = new ApiGateway(apiServer, functions, null, web);
            LocalService service = new LocalService(toss, ntp, lambda, stack, Collections.unmodifiableMap(functions),
                    gateway, pollers);
            service.bootstrapAdmin();
            Intrinsics intrinsics = new Intrinsics(stack.resources(), stack.parameters());
            for (FunctionSpec spec : specs) {
                for (FunctionSpec.SqsEventSource source : spec.sqsEvents()) {
                    if (source.enabled()) {
                        pollers.add(new SqsPoller(functions.get(spec.id()), source, intrinsics.resolve(source.queue()),
                                stack.endpoint()));
                    }
                }
            }
            return service;
        } catch (RuntimeException e) {
            pollers.forEach(SqsPoller::close);
            if (gateway != null) {
                gateway.close();
            } else {
                apiServer.stop(0);
            }
            lambda.close();
            functions.values().forEach(LocalService::closeQuietly);
            stack.close();
            ntp.close();
            toss.close();
            throw new IllegalStateException("local service failed to start", e);
        }
    }

    /** One service for the whole test JVM, stopped when the JVM exits. */
    public static synchronized LocalService shared() {
        if (shared == null) {
            shared = start(0, 0, 0, 0, TEST_PARAMETERS);
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Creates the documented local admin through the same use case an operator runs in AWS. */
    private void bootstrapAdmin() {
        FunctionHost users = functions.get("UsersFunction");
        users.callStatic("kr.tickets.users.AdminBootstrap", "ensure",
                stack.functionEnvironments().get("UsersFunction"), DemoAccounts.ADMIN_EMAIL,
                DemoAccounts.ADMIN_PASSWORD, DemoAccounts.ADMIN_NAME, DemoAccounts.ADMIN_PHONE);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** The address a browser opens: the web app and the API on one origin (localhost: a secure context). */
    public String siteUrl() {
        return "http://localhost:" + gateway.port();
    }

    /** The web app the gateway serves (its build directory, or none) and {@code /config.json}. */
    public WebApp webApp() {
        return gateway.webApp();
    }

    /** What the functions print: the EMF metrics file of this run and captures of the log lines. */
    public OutputTap output() {
        return OutputTap.install();
    }

    public LocalStack stack() {
        return stack;
    }

    /** Toss Payments' API as the functions reach it (TossApiBaseUrl); script failures and delays on it. */
    public TossSandbox tossSandbox() {
        return toss;
    }

    /** The NTP server the clock check asks (NtpServers); set its offset to make the server clock look off. */
    public NtpResponder ntpResponder() {
        return ntp;
    }

    /** The template's Schedule events: {@code start()} plays them on their rates, {@code fire} runs one now. */
    public LocalScheduler scheduler() {
        return scheduler;
    }

    /** The Lambda Invoke endpoint ({@code POST /2015-03-31/functions/{name}/invocations}) moto forwards to. */
    public String lambdaUrl() {
        return lambda.url();
    }

    public List<ApiRoute> routes() {
        return gateway.routes();
    }

    /** The local API gateway's stage cache (template.yaml's), with its hit and miss counts. */
    public StageCache stageCache() {
        return gateway.cache();
    }

    /** Replaces the gateway's stage cache, e.g. with {@link StageCache#collapsing()} for a comparison. */
    public void useStageCache(StageCache cache) {
        gateway.useCache(cache);
    }

    /** A function of template.yaml by logical id, or null. */
    public FunctionHost function(String id) {
        return functions.get(id);
    }

    public Map<String, FunctionHost> functions() {
        return functions;
    }

    /** The SQS event source pollers, one per enabled SQS event of a function. */
    public List<SqsPoller> pollers() {
        return List.copyOf(pollers);
    }

    @Override
    public void close() {
        scheduler.close();
        pollers.forEach(SqsPoller::close);
        gateway.close();
        lambda.close();
        functions.values().forEach(LocalService::closeQuietly);
        stack.close();
        ntp.close();
        toss.close();
    }

    private static void closeQuietly(FunctionHost host) {
        try {
            host.close();
        } catch (IOException ignored) {
            // The JVM is going away with it.
        }
    }
}
