package kr.tickets.localstack;

import java.util.Map;

/**
 * moto started, the template's resources created in it, and this JVM's default AWS clients
 * pointed at it. Tests share one per JVM through {@link #shared()}.
 */
public final class LocalStack implements AutoCloseable {
    private static LocalStack shared;

    private final MotoServer moto;
    private final LocalResources resources;
    private final Map<String, Map<String, String>> functionEnvironments;
    private final Map<String, Object> parameters;

    private LocalStack(MotoServer moto, LocalResources resources, Map<String, Map<String, String>> environments,
                       Map<String, Object> parameters) {
        this.moto = moto;
        this.resources = resources;
        this.functionEnvironments = environments;
        this.parameters = parameters;
    }

    public static LocalStack start(int motoPort, String lambdaUrl) {
        return start(motoPort, lambdaUrl, Map.of(), Map.of());
    }

    /**
     * Starts moto on {@code motoPort} (0: a free one) and creates the template's resources in it.
     *
     * @param lambdaUrl          where moto forwards Lambda Invoke requests (the local runner's
     *                           invoke endpoint), or null
     * @param parameterOverrides template parameter → value, instead of its Default
     * @param secretValues       secret's logical id → the string it holds, instead of a generated one
     */
    public static LocalStack start(int motoPort, String lambdaUrl, Map<String, String> parameterOverrides,
                                   Map<String, String> secretValues) {
        MotoServer moto = MotoServer.start(motoPort, lambdaUrl);
        try {
            Provisioner provisioner = new Provisioner(SamTemplate.load(), moto.endpoint(), parameterOverrides,
                    secretValues);
            LocalResources resources = provisioner.provision();
            AwsLocal.pointDefaultClientsAt(moto.endpoint());
            return new LocalStack(moto, resources, provisioner.functionEnvironments(resources),
                    Map.copyOf(provisioner.parameters()));
        } catch (RuntimeException e) {
            moto.close();
            throw e;
        }
    }

    /** One stack for the whole test JVM, stopped when the JVM exits. */
    public static synchronized LocalStack shared() {
        if (shared == null) {
            shared = start(0, null);
        }
        return shared;
    }

    public String endpoint() {
        return moto.endpoint();
    }

    public MotoServer moto() {
        return moto;
    }

    public LocalResources resources() {
        return resources;
    }

    /** The template's parameters as this stack resolved them (overrides, else defaults). */
    public Map<String, Object> parameters() {
        return parameters;
    }

    /** Logical function id → its environment variables, resolved as CloudFormation would. */
    public Map<String, Map<String, String>> functionEnvironments() {
        return functionEnvironments;
    }

    @Override
    public void close() {
        moto.close();
    }
}
