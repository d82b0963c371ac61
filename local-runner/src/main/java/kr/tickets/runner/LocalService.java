package kr.tickets.runner;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.tickets.localstack.LocalStack;
import kr.tickets.localstack.SamTemplate;

/**
 * The whole service on this machine: moto with the template's resources, every function of
 * template.yaml loaded from its jar, and the API on {@code http://127.0.0.1:<port>}.
 */
public final class LocalService implements AutoCloseable {
    private static LocalService shared;

    private final LocalStack stack;
    private final Map<String, FunctionHost> functions;
    private final ApiGateway gateway;

    private LocalService(LocalStack stack, Map<String, FunctionHost> functions, ApiGateway gateway) {
        this.stack = stack;
        this.functions = functions;
        this.gateway = gateway;
    }

    public static LocalService start(int apiPort, int motoPort) {
        LocalStack stack = LocalStack.start(motoPort, null);
        Map<String, FunctionHost> functions = new LinkedHashMap<>();
        try {
            List<FunctionSpec> specs = FunctionSpec.fromTemplate(SamTemplate.load());
            for (FunctionSpec spec : specs) {
                functions.put(spec.id(), FunctionHost.load(spec, stack.functionEnvironments().get(spec.id())));
            }
            ApiGateway gateway = new ApiGateway(apiPort, functions);
            LocalService service = new LocalService(stack, functions, gateway);
            service.bootstrapAdmin();
            return service;
        } catch (IOException | RuntimeException e) {
            functions.values().forEach(LocalService::closeQuietly);
            stack.close();
            throw new IllegalStateException("local service failed to start", e);
        }
    }

    /** One service for the whole test JVM, stopped when the JVM exits. */
    public static synchronized LocalService shared() {
        if (shared == null) {
            shared = start(0, 0);
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

    public LocalStack stack() {
        return stack;
    }

    public List<ApiRoute> routes() {
        return gateway.routes();
    }

    public FunctionHost function(String id) {
        return functions.get(id);
    }

    @Override
    public void close() {
        gateway.close();
        functions.values().forEach(LocalService::closeQuietly);
        stack.close();
    }

    private static void closeQuietly(FunctionHost host) {
        try {
            host.close();
        } catch (IOException ignored) {
            // The JVM is going away with it.
        }
    }
}
