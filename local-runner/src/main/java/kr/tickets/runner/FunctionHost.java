package kr.tickets.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.LongAdder;

/**
 * One function's code, loaded from its own shaded jar (the CodeUri of template.yaml) in a class
 * loader of its own, as Lambda would: functions share nothing but the Lambda API types, which
 * the runner must hand across (the event and the context). The handler is a
 * {@link RequestHandler} (the API functions) or a {@link RequestStreamHandler} (bytes in, bytes
 * out); {@link #invokeBytes} calls either as Lambda's Invoke API does.
 */
public final class FunctionHost implements AutoCloseable {
    private static final String SHARED_PACKAGE = "com.amazonaws.services.lambda.runtime.";
    /** Turns an Invoke payload into a RequestHandler's input type and its output back into JSON. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final FunctionSpec spec;
    private final URLClassLoader loader;
    private final Object handler;
    /** Invocations and the time spent in the handler, for the cost model's Lambda requests and GB-seconds. */
    private final LongAdder invocations = new LongAdder();
    private final LongAdder busyNanos = new LongAdder();

    private FunctionHost(FunctionSpec spec, URLClassLoader loader, Object handler) {
        this.spec = spec;
        this.loader = loader;
        this.handler = handler;
    }

    /** Loads the function and runs its initialisation (the cold start), with its environment. */
    public static FunctionHost load(FunctionSpec spec, Map<String, String> environment) {
        if (!Files.isRegularFile(spec.codeUri())) {
            throw new IllegalStateException(spec.id() + ": " + spec.codeUri() + " is missing; run mvn package first");
        }
        try {
            URLClassLoader loader = new URLClassLoader(spec.id(), new URL[]{spec.codeUri().toUri().toURL()},
                    new SharedApiLoader(FunctionHost.class.getClassLoader()));
            Object handler = withLoader(loader, () -> {
                Class<?> type = Class.forName(spec.handlerClass(), true, loader);
                try {
                    Constructor<?> withEnvironment = type.getConstructor(Map.class);
                    return withEnvironment.newInstance(environment);
                } catch (NoSuchMethodException noEnvironmentConstructor) {
                    return type.getConstructor().newInstance();
                }
            });
            if (!(handler instanceof RequestHandler<?, ?>) && !(handler instanceof RequestStreamHandler)) {
                throw new IllegalStateException(spec.id() + ": " + spec.handlerClass()
                        + " is neither a RequestHandler nor a RequestStreamHandler");
            }
            return new FunctionHost(spec, loader, handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load " + spec.id(), e);
        }
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** Whether the handler takes bytes (a RequestStreamHandler) rather than an event object. */
    public boolean streaming() {
        return handler instanceof RequestStreamHandler;
    }

    /** Calls a RequestHandler with an event object (what the local API Gateway does). */
    @SuppressWarnings("unchecked")
    public Object invoke(Object event) {
        if (!(handler instanceof RequestHandler<?, ?> requestHandler)) {
            throw new IllegalStateException(spec.id() + " is a RequestStreamHandler: use invokeBytes");
        }
        Context context = new LocalContext(spec);
        long start = System.nanoTime();
        try {
            return withLoader(loader, () -> ((RequestHandler<Object, Object>) requestHandler).handleRequest(event, context));
        } finally {
            counted(start);
        }
    }

    /** {@link #invokeBytes(byte[], String)} without a qualifier. */
    public byte[] invokeBytes(byte[] payload) throws Exception {
        return invokeBytes(payload, null);
    }

    /**
     * Calls the handler with a JSON payload and returns what it answers, as Lambda's Invoke does:
     * a RequestStreamHandler gets the bytes as they are; a RequestHandler gets the payload read
     * into its input type, and its output is written as JSON. What the handler throws comes out
     * as it is (not wrapped).
     *
     * @param qualifier the alias or version the caller named (it shows in the context's invoked ARN), or null
     */
    public byte[] invokeBytes(byte[] payload, String qualifier) throws Exception {
        Context context = new LocalContext(spec, qualifier);
        long start = System.nanoTime();
        try {
            return handled(payload, context);
        } finally {
            counted(start);
        }
    }

    /** How many times the handler was invoked since the function was loaded. */
    public long invocations() {
        return invocations.sum();
    }

    /** Milliseconds spent inside the handler over all invocations since the function was loaded. */
    public double busyMillis() {
        return busyNanos.sum() / 1e6;
    }

    private void counted(long start) {
        busyNanos.add(System.nanoTime() - start);
        invocations.increment();
    }

    @SuppressWarnings("unchecked")
    private byte[] handled(byte[] payload, Context context) throws Exception {
        return callIn(loader, () -> {
            if (handler instanceof RequestStreamHandler stream) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                stream.handleRequest(new ByteArrayInputStream(payload), out, context);
                return out.toByteArray();
            }
            RequestHandler<Object, Object> typed = (RequestHandler<Object, Object>) handler;
            Object input = payload.length == 0 ? null : JSON.readValue(payload, inputType());
            return JSON.writeValueAsBytes(typed.handleRequest(input, context));
        });
    }

    /** The event type of the RequestHandler's handleRequest, as the Lambda runtime finds it. */
    private JavaType inputType() {
        for (Method method : handler.getClass().getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2 && !method.isBridge()
                    && method.getParameterTypes()[1] == Context.class) {
                return JSON.constructType(method.getGenericParameterTypes()[0]);
            }
        }
        return JSON.constructType(Object.class);
    }

    /** Calls a public static method of the function's code (e.g. the admin bootstrap) inside its loader. */
    public Object callStatic(String className, String method, Object... args) {
        return withLoader(loader, () -> {
            for (java.lang.reflect.Method candidate : Class.forName(className, true, loader).getMethods()) {
                if (candidate.getName().equals(method) && candidate.getParameterCount() == args.length
                        && java.lang.reflect.Modifier.isStatic(candidate.getModifiers())) {
                    return candidate.invoke(null, args);
                }
            }
            throw new NoSuchMethodException(className + "." + method);
        });
    }

    private static <T> T withLoader(ClassLoader loader, Callable<T> work) {
        try {
            return callIn(loader, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code work} with the function's loader as the context class loader; exceptions pass as they are. */
    private static <T> T callIn(ClassLoader loader, Callable<T> work) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /**
     * Stops the function's application context. The loader stays open: the framework's own
     * shutdown hook may still load classes from it while the JVM exits.
     */
    @Override
    public void close() throws IOException {
        if (handler instanceof java.io.Closeable closeable) {
            withLoader(loader, () -> {
                closeable.close();
                return null;
            });
        }
    }

    /** Parent of every function loader: the JDK, plus the Lambda API types from the runner. */
    private static final class SharedApiLoader extends ClassLoader {
        private final ClassLoader runner;

        SharedApiLoader(ClassLoader runner) {
            super("lambda-api", ClassLoader.getPlatformClassLoader());
            this.runner = runner;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (name.startsWith(SHARED_PACKAGE)) {
                return runner.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }
    }
}
