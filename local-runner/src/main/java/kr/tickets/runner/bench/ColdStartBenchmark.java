package kr.tickets.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import kr.tickets.localstack.Intrinsics;
import kr.tickets.localstack.ProjectPaths;
import kr.tickets.localstack.SamTemplate;
import kr.tickets.runner.AdminApi;
import kr.tickets.runner.FunctionSpec;
import kr.tickets.runner.LocalService;

/**
 * Cold start of every function of template.yaml as Lambda without SnapStart sees it: each run is
 * a fresh {@code java} process with only the function's jar (its CodeUri) and
 * {@link ColdStartLauncher} on the class path, the function's template environment (Globals and
 * its own, resolved against a local stack of this benchmark's own on free ports, plus the
 * variables Lambda sets: region, credentials, function name, memory) and the JVM flags the
 * template gives Lambda ({@code JAVA_TOOL_OPTIONS}, which the JVM reads by itself), plus the
 * heap and GC the managed runtime sets for the function's memory. The launcher constructs the
 * template's Handler and calls it twice with an API Gateway event from {@code events/}, made
 * real (the schedule and performance ids of a show created here, a bearer token of an account
 * signed up here); functions with no harmless event are only constructed. Each function runs
 * {@value #RUNS} times, round-robin over the functions; the table shows medians.
 *
 * <pre>{@code bench/coldstart.sh}</pre>
 */
public final class ColdStartBenchmark {
    static final int RUNS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVENT_SCHEDULE = "0196f0a2-7c41-7c2d-8b5f-3a6e9d2c4b21";
    private static final String EVENT_PERFORMANCE = "0196f0a2-7c3e-7b1a-9a4e-2f5d8c1b3a10";
    private static final String EVENT_BEARER = "Bearer <access token>";
    private static final String EVENT_IDEMPOTENCY_KEY = "5b0f7a6e-3c1d-4e2f-8a9b-0c1d2e3f4a5b";
    private static final String EVENT_SEAT = "{\\\"seatId\\\":\\\"A-1-3\\\"}";
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /**
     * Functions (comma-separated logical ids) whose first run also logs every class it loads
     * ({@code -Xlog:class+load}); the benchmark prints their classes by package. Off by default:
     * the log slows the run it is measuring.
     */
    private static final String CLASS_LOG_PROPERTY = "coldstart.classlog";
    /**
     * Another checkout of the repository, built ({@code mvn package}), whose function jars run
     * too, each right before this checkout's: a before/after comparison under the same load.
     */
    private static final String BASELINE_PROPERTY = "coldstart.baseline";
    /**
     * Functions (comma-separated logical ids) to run, all of the template's when unset: a
     * shorter run while a change is measured against one or two functions.
     */
    private static final String FUNCTIONS_PROPERTY = "coldstart.functions";

    /** Who calls: the event needs no token, a customer's or the admin's. */
    private enum Caller { NONE, USER, ADMIN }

    /** The event file of {@code events/} a function is invoked with, and as whom; holds get a seat each. */
    private record Invocation(String eventFile, Caller caller, boolean hold) {
    }

    /**
     * Events that change nothing (reads), or only what the benchmark undoes (the holds, released
     * after each run) or what runs every five minutes anyway (the clock check's last result).
     */
    private static final Map<String, Invocation> INVOCATIONS = Map.of(
            "HealthFunction", new Invocation("HealthFunction-Health.json", Caller.NONE, false),
            "CatalogFunction", new Invocation("CatalogFunction-GetPerformance.json", Caller.NONE, false),
            "HoldsFunction", new Invocation("HoldsFunction-CreateHold.json", Caller.USER, true),
            "UsersFunction", new Invocation("UsersFunction-GetMe.json", Caller.USER, false),
            "BookingsFunction", new Invocation("BookingsFunction-ListMyBookings.json", Caller.USER, false),
            "PoliciesFunction", new Invocation("PoliciesFunction-ListPolicies.json", Caller.ADMIN, false),
            "ClockCheckFunction", new Invocation("ClockCheckFunction-EveryFiveMinutes.json", Caller.NONE, false));

    private final LocalService service;
    private final Path work;
    private final String scheduleId;
    private final String performanceId;
    /** Two customers: a customer holds one seat of a schedule at a time, and a run makes two holds. */
    private final List<String> userBearers;
    private final String adminBearer;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private int seat;
    private final java.util.Set<String> classLogged = new java.util.HashSet<>();

    private ColdStartBenchmark(LocalService service, Path work, String scheduleId, String performanceId,
                               List<String> userBearers, String adminBearer) {
        this.service = service;
        this.work = work;
        this.scheduleId = scheduleId;
        this.performanceId = performanceId;
        this.userBearers = userBearers;
        this.adminBearer = adminBearer;
    }

    /** One cold start: ms since JVM start, classes loaded, and the two answers' status codes. */
    record Run(long main, long constructed, long first, long second, long classesConstructed, long classesFirst,
               long cpuFirst, int status1, int status2) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : RUNS;
        long started = System.nanoTime();
        System.out.println(CatalogBenchmark.machine());
        Path work = Files.createTempDirectory("coldstart");
        try (LocalService service = LocalService.start(0, 0)) {
            AdminApi admin = AdminApi.login(service.baseUrl());
            String venueId = admin.create("/admin/venues", Map.of("name", "콜드 스타트 홀",
                    "address", "서울 서초구 남부순환로 2406", "layout", Map.of("sections", List.of(Map.of("name", "A",
                            "rows", List.of(Map.of("row", "1", "seats", 25), Map.of("row", "2", "seats", 25)))))))
                    .get("venueId").asText();
            JsonNode performance = admin.create("/admin/performances", performance(venueId));
            List<String> users = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                String email = "cold-" + UUID.randomUUID() + "@tickets.example";
                AdminApi.anonymous(service.baseUrl()).create("/auth/signup", Map.of("name", "김민지", "email", email,
                        "password", "s3cret!pass", "phone", "010-1100-001" + n));
                users.add(AdminApi.login(service.baseUrl(), email, "s3cret!pass").bearer());
            }
            new ColdStartBenchmark(service, work, performance.get("schedules").get(0).get("scheduleId").asText(),
                    performance.get("performanceId").asText(), users, admin.bearer()).run(runs);
        }
        System.out.printf("Benchmark took %.1f min.%n", (System.nanoTime() - started) / 60e9);
    }

    private static Map<String, Object> performance(String venueId) {
        return BenchCatalog.onSale(venueId, "콜드 스타트", "콜드 스타트 벤치마크", "cold", 120,
                List.of(Map.of("name", "R", "color", "#C0392B", "price", 99_000, "rows", List.of("A-1", "A-2"))), 1);
    }

    private void run(int runs) throws Exception {
        Path launcherDir = extractLauncher();
        List<String> only = List.of(System.getProperty(FUNCTIONS_PROPERTY, "").split(",")).stream()
                .map(String::trim).filter(id -> !id.isEmpty()).toList();
        List<FunctionSpec> specs = FunctionSpec.fromTemplate(SamTemplate.load()).stream()
                .filter(spec -> only.isEmpty() || only.contains(spec.id())).toList();
        // The builds to compare: this checkout's jars, after another checkout's when one is named.
        Map<String, List<FunctionSpec>> builds = new LinkedHashMap<>();
        String baseline = System.getProperty(BASELINE_PROPERTY);
        if (baseline != null && !baseline.isBlank()) {
            Path root = Path.of(baseline).toAbsolutePath();
            builds.put("baseline (" + root + ")", specs.stream().map(spec -> new FunctionSpec(spec.id(),
                    spec.handlerClass(), root.resolve(ProjectPaths.root().relativize(spec.codeUri())),
                    spec.timeoutSeconds(), spec.memoryMb(), spec.alias(), spec.routes(), spec.sqsEvents(),
                    spec.schedules())).toList());
        }
        builds.put("this checkout", specs);
        Map<String, Map<String, List<Run>>> results = new LinkedHashMap<>();
        builds.forEach((build, its) -> {
            Map<String, List<Run>> runsOf = new LinkedHashMap<>();
            its.forEach(spec -> runsOf.put(spec.id(), new ArrayList<>()));
            results.put(build, runsOf);
        });
        for (int round = 1; round <= runs; round++) {
            for (int i = 0; i < specs.size(); i++) {
                // Each function's builds back to back, so both see the same machine load.
                for (Map.Entry<String, List<FunctionSpec>> build : builds.entrySet()) {
                    FunctionSpec spec = build.getValue().get(i);
                    Run run = coldStart(spec, launcherDir);
                    results.get(build.getKey()).get(spec.id()).add(run);
                    System.out.printf(Locale.ROOT, "round %d %-22s %-14.14s constructed %5d ms, first %5s ms, "
                                    + "second %5s ms, classes %5d, CPU %5d ms, status %d/%d%n", round, spec.id(),
                            build.getKey(), run.constructed(), run.first() < 0 ? "-" : Long.toString(run.first()),
                            run.second() < 0 ? "-" : Long.toString(run.second() - run.first()),
                            run.classesFirst() < 0 ? run.classesConstructed() : run.classesFirst(), run.cpuFirst(),
                            run.status1(), run.status2());
                }
            }
        }
        for (Map.Entry<String, List<FunctionSpec>> build : builds.entrySet()) {
            System.out.println();
            System.out.println("Jars of " + build.getKey() + ":");
            System.out.println();
            System.out.println(table(build.getValue(), results.get(build.getKey())));
        }
    }

    /** One fresh JVM for {@code spec}: its events written out, the process run, its result read. */
    private Run coldStart(FunctionSpec spec, Path launcherDir) throws Exception {
        Path dir = Files.createTempDirectory(work, spec.id());
        Invocation invocation = INVOCATIONS.get(spec.id());
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:+UseSerialGC", "-Xshare:auto",
                "-Xmx" + (spec.memoryMb() * 85 / 100) + "m"));
        boolean logClasses = List.of(System.getProperty(CLASS_LOG_PROPERTY, "").split(",")).contains(spec.id())
                && classLogged.add(spec.id());
        if (logClasses) {
            command.add("-Xlog:class+load=info:file=" + dir.resolve("classes.log"));
        }
        command.addAll(List.of("-cp", launcherDir + java.io.File.pathSeparator + spec.codeUri(),
                ColdStartLauncher.class.getName(), spec.handlerClass(), spec.id(),
                dir.resolve("result").toString()));
        if (invocation != null) {
            for (int n = 1; n <= 2; n++) {
                Path event = dir.resolve("event" + n + ".json");
                Files.writeString(event, event(invocation, userBearers.get(n - 1)));
                command.add(event.toString());
            }
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("output.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(environment(spec));
        Process process = builder.start();
        if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(spec.id() + " did not finish in " + RUN_TIMEOUT + "; see " + dir);
        }
        if (process.exitValue() != 0 || !Files.exists(dir.resolve("result"))) {
            throw new IllegalStateException(spec.id() + " failed (exit " + process.exitValue() + "): "
                    + tail(dir.resolve("output.log")));
        }
        Map<String, Long> values = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("result"))) {
            String[] pair = line.split("=", 2);
            values.put(pair[0], Long.parseLong(pair[1]));
        }
        if (logClasses) {
            System.out.println(classesByPackage(spec.id(), dir.resolve("classes.log")));
        }
        int status1 = -1;
        int status2 = -1;
        if (invocation != null) {
            JsonNode first = JSON.readTree(dir.resolve("result.1").toFile());
            JsonNode second = JSON.readTree(dir.resolve("result.2").toFile());
            status1 = status(spec, first, dir);
            status2 = status(spec, second, dir);
            if (invocation.hold()) {
                release(first, userBearers.get(0));
                release(second, userBearers.get(1));
            }
        }
        return new Run(values.get("main"), values.get("constructed"), values.getOrDefault("response1", -1L),
                values.getOrDefault("response2", -1L), values.get("classesConstructed"),
                values.getOrDefault("classes1", -1L), values.getOrDefault("cpu1", values.get("cpuConstructed")),
                status1, status2);
    }

    /** An API answer's status (it must be a success), or 0 for a function that answers plain JSON. */
    private static int status(FunctionSpec spec, JsonNode answer, Path dir) {
        if (!answer.has("statusCode")) {
            return 0;
        }
        int status = answer.get("statusCode").asInt();
        if (status >= 300) {
            throw new IllegalStateException(spec.id() + " answered " + status + ": " + answer.path("body").asText()
                    + " (" + dir + ")");
        }
        return status;
    }

    /** The template event made real: this run's ids, the caller's token, a seat of its own and an Idempotency-Key. */
    private String event(Invocation invocation, String userBearer) throws IOException {
        String text = Files.readString(ProjectPaths.root().resolve("events").resolve(invocation.eventFile()));
        String bearer = switch (invocation.caller()) {
            case NONE -> EVENT_BEARER;
            case USER -> userBearer;
            case ADMIN -> adminBearer;
        };
        seat++;
        return text.replace(EVENT_SCHEDULE, scheduleId).replace(EVENT_PERFORMANCE, performanceId)
                .replace(EVENT_BEARER, bearer).replace(EVENT_IDEMPOTENCY_KEY, UUID.randomUUID().toString())
                .replace(EVENT_SEAT, "{\\\"seatId\\\":\\\"" + seatId(seat) + "\\\"}");
    }

    /** Seats A-1-1 … A-2-25 in turn; every hold is released before the seat comes round again. */
    private static String seatId(int n) {
        int index = (n - 1) % 50;
        return "A-" + (index / 25 + 1) + "-" + (index % 25 + 1);
    }

    /** Gives back a hold the benchmark made, through the API as its buyer would. */
    private void release(JsonNode answer, String userBearer) throws IOException, InterruptedException {
        String holdId = JSON.readTree(answer.get("body").asText()).get("holdId").asText();
        HttpResponse<String> released = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/holds/"
                        + holdId)).header("Authorization", userBearer).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (released.statusCode() >= 300) {
            throw new IllegalStateException("releasing hold " + holdId + ": " + released.statusCode() + " "
                    + released.body());
        }
    }

    /** The template environment plus what Lambda itself sets, pointed at the local stack. */
    private Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> env = new HashMap<>(service.stack().functionEnvironments().get(spec.id()));
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.put("AWS_REGION", Intrinsics.REGION);
        env.put("AWS_DEFAULT_REGION", Intrinsics.REGION);
        env.put("AWS_ACCESS_KEY_ID", "testing");
        env.put("AWS_SECRET_ACCESS_KEY", "testing");
        env.put("AWS_ENDPOINT_URL", service.stack().endpoint());
        env.put("AWS_LAMBDA_FUNCTION_NAME", spec.id());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(spec.memoryMb()));
        env.put("_HANDLER", spec.handlerClass() + "::handleRequest");
        return env;
    }

    /** The launcher's class file, copied out of the runner's jar into a directory of its own. */
    private Path extractLauncher() throws IOException {
        Path dir = work.resolve("launcher");
        String name = ColdStartLauncher.class.getName().replace('.', '/') + ".class";
        Path target = dir.resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = ColdStartLauncher.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            Files.copy(in, target);
        }
        return dir;
    }

    /** The classes of a {@code -Xlog:class+load} log counted by package (its first three names), most first. */
    static String classesByPackage(String function, Path log) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        java.util.regex.Pattern loaded = java.util.regex.Pattern.compile("\\[class,load\\s*\\] (\\S+) source");
        int total = 0;
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = loaded.matcher(line);
            if (m.find()) {
                String[] names = m.group(1).split("\\.");
                String prefix = String.join(".", java.util.Arrays.copyOf(names, Math.min(3, names.length - 1)));
                counts.merge(prefix, 1, Integer::sum);
                total++;
            }
        }
        StringBuilder out = new StringBuilder("Classes loaded by " + function + " (" + total + "), by package:\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(25)
                .forEach(e -> out.append(String.format(Locale.ROOT, "  %5d %s%n", e.getValue(), e.getKey())));
        return out.toString();
    }

    private static String tail(Path log) throws IOException {
        String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    static String table(List<FunctionSpec> specs, Map<String, List<Run>> results) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append("| function | event | jar MB | classes loaded | JVM start → main ms | handler constructed ms "
                + "| first response ms | second response ms | CPU ms to first response |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        List<FunctionSpec> ordered = new ArrayList<>(specs);
        ordered.sort(Comparator.comparing(FunctionSpec::id));
        for (FunctionSpec spec : ordered) {
            List<Run> runs = results.get(spec.id());
            Invocation invocation = INVOCATIONS.get(spec.id());
            boolean invoked = invocation != null;
            out.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %,d | %d | %d | %s | %s | %d |%n", spec.id(),
                    invoked ? invocation.eventFile().replaceFirst("^[A-Za-z]+-", "").replace(".json", "") : "(none)",
                    Files.size(spec.codeUri()) / 1e6,
                    median(runs, r -> invoked ? r.classesFirst() : r.classesConstructed()),
                    median(runs, Run::main), median(runs, Run::constructed),
                    invoked ? Long.toString(median(runs, Run::first)) : "–",
                    invoked ? Long.toString(median(runs, r -> r.second() - r.first())) : "–",
                    median(runs, Run::cpuFirst)));
        }
        out.append("\nTimes are medians over ").append(results.values().iterator().next().size())
                .append(" fresh JVMs, in ms from the JVM's start (RuntimeMXBean) except the second response, which is "
                        + "its own duration. Classes loaded: by the first response (by the constructed handler when "
                        + "there is no event). CPU: the process's CPU time (all threads, JIT and GC) to the first response "
                        + "(to the constructed handler when there is no event).");
        return out.toString();
    }

    private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> value) {
        long[] sorted = runs.stream().mapToLong(value).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
