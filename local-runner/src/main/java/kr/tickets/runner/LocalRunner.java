package kr.tickets.runner;

import java.time.Clock;

/**
 * {@code java -jar local-runner/target/local-runner.jar}: runs the service on localhost until
 * stopped, with the demo catalog ({@link DemoCatalog}) in it. PORT (default 3000) is the API's
 * port, MOTO_PORT (default 5050) the emulator's, TOSS_PORT (default 5070) the Toss sandbox's (a
 * fixed port, so the README's payment window URL works); LAMBDA_PORT (the Lambda Invoke
 * endpoint) defaults to a free port.
 */
public final class LocalRunner {
    private LocalRunner() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "3000"));
        int motoPort = Integer.parseInt(System.getenv().getOrDefault("MOTO_PORT", "5050"));
        int lambdaPort = Integer.parseInt(System.getenv().getOrDefault("LAMBDA_PORT", "0"));
        int tossPort = Integer.parseInt(System.getenv().getOrDefault("TOSS_PORT", "5070"));
        LocalService service = LocalService.start(port, motoPort, lambdaPort, tossPort);
        Runtime.getRuntime().addShutdownHook(new Thread(service::close));
        // Only this command loads demo data: the test JVMs start the same service empty.
        DemoCatalog.Summary demo = DemoCatalog.create(service.baseUrl(), Clock.systemUTC());
        // As EventBridge would: the clock check and reconciliation run now and then on their rates.
        service.scheduler().start();
        System.out.println();
        System.out.println("Ticketing API:  " + service.baseUrl() + "   (try: curl " + service.baseUrl() + "/health)");
        System.out.println("AWS emulator:   " + service.stack().endpoint() + "   (moto)");
        System.out.println("Lambda invoke:  " + service.lambdaUrl() + "   (Step Functions' lambda tasks land here)");
        System.out.println("Toss sandbox:   " + service.tossSandbox().baseUrl() + "   (TossApiBaseUrl; secret key "
                + LocalService.TOSS_SECRET_KEY + ")");
        System.out.println("Toss window:    " + service.tossSandbox().checkoutUrl()
                + "?orderId=&amount=&orderName=&successUrl=&failUrl=   (302 to successUrl with the paymentKey)");
        System.out.println("NTP responder:  udp://" + service.ntpResponder().server()
                + "   (NtpServers; the clock check runs at start and on its schedule: see /health)");
        System.out.println("Local admin:    " + DemoAccounts.ADMIN_EMAIL + " / " + DemoAccounts.ADMIN_PASSWORD);
        System.out.println(demo + "   (try: curl '" + service.baseUrl() + "/performances?genre=MUSICAL')");
        System.out.println("Routes:");
        service.routes().forEach(r -> System.out.printf("  %-6s %s -> %s%n", r.method(), r.path(), r.functionId()));
        System.out.println("Press Ctrl+C to stop.");
        Thread.currentThread().join();
    }
}
