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

    private LocalStack(MotoServer moto, LocalResources resources, Map<String, Map<String, String>> environments) {
        this.moto = moto;
        this.resources = resources;
        this.functionEnvironments = environments;
    }

    public static LocalStack start(int motoPort, String lambdaUrl) {
        MotoServer moto = MotoServer.start(motoPort, lambdaUrl);
        try {
            Provisioner provisioner = new Provisioner(SamTemplate.load(), moto.endpoint());
            LocalResources resources = provisioner.provision();
            AwsLocal.pointDefaultClientsAt(moto.endpoint());
            return new LocalStack(moto, resources, provisioner.functionEnvironments(resources));
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

    /** Logical function id → its environment variables, resolved as CloudFormation would. */
    public Map<String, Map<String, String>> functionEnvironments() {
        return functionEnvironments;
    }

    @Override
    public void close() {
        moto.close();
    }
}
