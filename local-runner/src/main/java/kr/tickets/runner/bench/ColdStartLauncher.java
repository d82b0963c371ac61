package kr.tickets.runner.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What Lambda's Java runtime does in a fresh container, and no more: constructs the handler
 * class of template.yaml, then calls it with one event and again with a second one, timing each
 * step from the JVM's start. {@link ColdStartBenchmark} runs it as
 * {@code java -cp <this class's directory>:<function.jar> kr.tickets.runner.bench.ColdStartLauncher
 * <handler class> <function name> <result file> [event file 1 [event file 2]]} with the
 * function's template environment. It uses the JDK alone, and the function's own Jackson (by
 * reflection) to read the event as the runtime would, so nothing but the function's jar is loaded:
 * it is one class file with no nested classes, copied out of the runner's jar next to the
 * function's. The result file gets {@code name=value} lines (times in ms since JVM start); the
 * answers go to {@code <result file>.1} and {@code .2}.
 */
public final class ColdStartLauncher {
    private ColdStartLauncher() {
    }

    public static void main(String[] args) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainAt = System.currentTimeMillis() - jvmStart;
        String handlerClass = args[0];
        String functionName = args[1];
        Path result = Path.of(args[2]);
        List<String> lines = new ArrayList<>();
        lines.add("main=" + mainAt);

        Class<?> type = Class.forName(handlerClass);
        Object handler = type.getConstructor().newInstance();
        lines.add("constructed=" + (System.currentTimeMillis() - jvmStart));
        lines.add("classesConstructed=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
        lines.add("cpuConstructed=" + cpuMillis());

        for (int i = 3; i < args.length; i++) {
            byte[] answer = invoke(handler, functionName, Files.readAllBytes(Path.of(args[i])));
            int n = i - 2;
            lines.add("response" + n + "=" + (System.currentTimeMillis() - jvmStart));
            lines.add("classes" + n + "=" + ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount());
            lines.add("cpu" + n + "=" + cpuMillis());
            Files.write(Path.of(args[2] + "." + n), answer);
        }
        Files.write(result, lines, StandardCharsets.UTF_8);
        // The function's framework may hold non-daemon threads; the measurement is done.
        System.exit(0);
    }

    /**
     * CPU time of the whole process (every thread, the JIT and GC included) in ms: on a shared
     * machine it varies less with the other load than the wall-clock times do.
     */
    private static long cpuMillis() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000;
    }

    /**
     * Calls the handler as the runtime does: bytes in and out for a RequestStreamHandler; for a
     * RequestHandler the event read into its input type and the answer written back as JSON.
     */
    private static byte[] invoke(Object handler, String functionName, byte[] event) throws Exception {
        Class<?> contextType = Class.forName("com.amazonaws.services.lambda.runtime.Context");
        Object context = Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[]{contextType},
                (proxy, method, arguments) -> contextValue(proxy, method, arguments, functionName));
        for (Method method : handler.getClass().getMethods()) {
            if (!method.getName().equals("handleRequest") || method.isBridge()) {
                continue;
            }
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 3 && parameters[0] == InputStream.class && parameters[1] == OutputStream.class) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                method.invoke(handler, new ByteArrayInputStream(event), out, context);
                return out.toByteArray();
            }
            if (parameters.length == 2 && parameters[1] == contextType) {
                Object mapper = jackson();
                Object input = mapper.getClass().getMethod("readValue", byte[].class, Class.class)
                        .invoke(mapper, event, parameters[0]);
                Object output = method.invoke(handler, input, context);
                return (byte[]) mapper.getClass().getMethod("writeValueAsBytes", Object.class).invoke(mapper, output);
            }
        }
        throw new IllegalStateException(handler.getClass() + " has no handleRequest");
    }

    /** The function's own Jackson, lenient about fields the event type does not have. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object jackson() throws Exception {
        Class<?> mapperType = Class.forName("com.fasterxml.jackson.databind.ObjectMapper");
        Object mapper = mapperType.getConstructor().newInstance();
        Class<? extends Enum> feature = (Class<? extends Enum>)
                Class.forName("com.fasterxml.jackson.databind.DeserializationFeature");
        mapperType.getMethod("configure", feature, boolean.class)
                .invoke(mapper, Enum.valueOf(feature, "FAIL_ON_UNKNOWN_PROPERTIES"), false);
        return mapper;
    }

    /** The Lambda context's values: names and ids as Lambda gives them, the template's 15 s timeout. */
    private static Object contextValue(Object proxy, Method method, Object[] arguments, String functionName) {
        return switch (method.getName()) {
            case "getAwsRequestId" -> UUID.randomUUID().toString();
            case "getFunctionName", "getLogStreamName", "getLogGroupName" -> functionName;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:ap-northeast-2:123456789012:function:" + functionName;
            case "getRemainingTimeInMillis" -> 15_000;
            case "getMemoryLimitInMB" -> Integer.parseInt(System.getenv().getOrDefault(
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
            case "equals" -> proxy == arguments[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "Context(" + functionName + ")";
            default -> null;
        };
    }
}
