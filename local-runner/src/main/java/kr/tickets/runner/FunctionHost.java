package kr.tickets.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * One function's code, loaded from its own shaded jar (the CodeUri of template.yaml) in a class
 * loader of its own, as Lambda would: functions share nothing but the Lambda API types, which
 * the runner must hand across (the event and the context).
 */
public final class FunctionHost implements AutoCloseable {
    private static final String SHARED_PACKAGE = "com.amazonaws.services.lambda.runtime.";

    private final FunctionSpec spec;
    private final URLClassLoader loader;
    private final RequestHandler<Object, Object> handler;

    private FunctionHost(FunctionSpec spec, URLClassLoader loader, RequestHandler<Object, Object> handler) {
        this.spec = spec;
        this.loader = loader;
        this.handler = handler;
    }

    /** Loads the function and runs its initialisation (the cold start), with its environment. */
    @SuppressWarnings("unchecked")
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
            return new FunctionHost(spec, loader, (RequestHandler<Object, Object>) handler);
        } catch (IOException e) {
            throw new IllegalStateException("cannot load " + spec.id(), e);
        }
    }

    public FunctionSpec spec() {
        return spec;
    }

    public Object invoke(Object event) {
        Context context = new LocalContext(spec);
        return withLoader(loader, () -> handler.handleRequest(event, context));
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
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
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
