package kr.tickets.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar local-runner/target/local-runner.jar}: runs the service on localhost until
 * stopped, with the demo catalog ({@link DemoCatalog}) in it. PORT (default 3000) is the API's
 * port, MOTO_PORT (default 5050) the emulator's, TOSS_PORT (default 5070) the Toss sandbox's (a
 * fixed port, so the README's payment window URL works); WEB_DIR (default {@code web/dist}) the
 * web build served at the API's origin ({@link WebApp}); LAMBDA_PORT (the Lambda Invoke
 * endpoint) defaults to a free port. The functions' EMF metrics go to
 * {@code target/local-metrics/emf-<start>-<pid>.jsonl}; every minute while it grows, and on exit,
 * the console prints the funnel on one line and the path of its HTML report ({@link FunnelReport}).
 */
public final class LocalRunner {
    /** How often the console reports the funnel while new metrics arrive. */
    private static final Duration FUNNEL_EVERY = Duration.ofMinutes(1);

    private LocalRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        int motoPort = Integer.parseInt(System.getenv().getOrDefault("MOTO_PORT", "5050"));
        int lambdaPort = Integer.parseInt(System.getenv().getOrDefault("LAMBDA_PORT", "0"));
        int tossPort = Integer.parseInt(System.getenv().getOrDefault("TOSS_PORT", "5070"));
        Path webDir = WebApp.configuredDir();
        LocalService service = LocalService.start(port, motoPort, lambdaPort, tossPort, java.util.Map.of(), webDir);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            printFunnel(service.output().metricsFile());
        }));
        // Only this command loads demo data: the test JVMs start the same service empty.
        DemoCatalog.Summary demo = DemoCatalog.create(service.baseUrl(), Clock.systemUTC());
        // As EventBridge would: the clock check and reconciliation run now and then on their rates.
        service.scheduler().start();
        System.out.println();
        if (service.webApp().serves()) {
            System.out.println("Web app:        " + service.siteUrl() + "/   (from " + service.webApp().root()
                    + "; the API on the same origin)");
        } else {
            System.out.println("Web app:        not served: no index.html in " + webDir
                    + "   (build web/ or set WEB_DIR; /config.json is served)");
        }
        System.out.println("Ticketing API:  " + service.baseUrl() + "   (try: curl " + service.baseUrl() + "/health)");
        System.out.println("AWS emulator:   " + service.stack().endpoint() + "   (moto)");
        System.out.println("Lambda invoke:  " + service.lambdaUrl() + "   (Step Functions' lambda tasks land here)");
        System.out.println("Toss sandbox:   " + service.tossSandbox().baseUrl() + "   (TossApiBaseUrl; secret key "
                + LocalService.TOSS_SECRET_KEY + ")");
        System.out.println("Toss window:    " + service.tossSandbox().windowUrl()
                + "?clientKey=&orderId=&orderName=&amount=&method=&successUrl=&failUrl=   (the page a browser sees; "
                + service.tossSandbox().checkoutUrl() + " answers 302 to successUrl with the paymentKey)");
        System.out.println("NTP responder:  udp://" + service.ntpResponder().server()
                + "   (NtpServers; the clock check runs at start and on its schedule: see /health)");
        System.out.println("Local admin:    " + DemoAccounts.ADMIN_EMAIL + " / " + DemoAccounts.ADMIN_PASSWORD);
        System.out.println(demo + "   (try: curl '" + service.baseUrl() + "/performances?genre=MUSICAL')");
        System.out.println("Routes:");
        service.routes().forEach(r -> System.out.printf("  %-6s %s -> %s%n", r.method(), r.path(), r.functionId()));
        System.out.println("Metrics (EMF):  " + service.output().metricsFile() + "   (the funnel report is written beside"
                + " it every " + FUNNEL_EVERY.toMinutes() + " min while it grows, and on exit)");
        System.out.println("Press Ctrl+C to stop.");
        ScheduledExecutorService funnel = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "funnel-report");
            thread.setDaemon(true);
            return thread;
        });
        long[] reported = {-1};
        funnel.scheduleWithFixedDelay(() -> {
            long size = service.output().metricsFile().toFile().length();
            if (size != reported[0]) {
                reported[0] = size;
                printFunnel(service.output().metricsFile());
            }
        }, FUNNEL_EVERY.toSeconds(), FUNNEL_EVERY.toSeconds(), TimeUnit.SECONDS);
        Thread.currentThread().join();
    }

    /** Writes the funnel report of the run's metrics and prints where, with the funnel on one line. */
    static void printFunnel(Path emf) {
        try {
            FunnelReport report = FunnelReport.read(emf);
            Path html = report.write(FunnelReport.htmlFor(emf), emf.toString());
            System.out.println("Funnel report:  " + html.toUri() + "   " + report.summary());
        } catch (IOException | RuntimeException e) {
            System.out.println("Funnel report not written: " + e);
        }
    }
}
