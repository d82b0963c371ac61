package kr.tickets.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The moto server process (through local/moto_launcher.py) in the project's virtualenv.
 * The virtualenv is created on first use by local/bootstrap.sh, so a fresh clone needs
 * nothing installed by hand.
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;

    private MotoServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts moto on {@code port} (0 picks a free one).
     *
     * @param lambdaUrl where Lambda Invoke requests are forwarded (the local runner), or null
     */
    public static MotoServer start(int port, String lambdaUrl) {
        Path root = ProjectPaths.root();
        ensureVirtualenv(root);
        int chosen = port == 0 ? freePort() : port;
        List<String> command = new ArrayList<>(List.of(
                root.resolve(".venv/bin/python").toString(), root.resolve("local/moto_launcher.py").toString(),
                "--port", Integer.toString(chosen)));
        if (lambdaUrl != null) {
            command.add("--lambda-url");
            command.add(lambdaUrl);
        }
        try {
            Path logDir = Files.createDirectories(root.resolve("target/local-stack"));
            Path log = logDir.resolve("moto-" + chosen + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Step Functions integrations (lambda:invoke, sqs:sendMessage, ...) call back into
            // the server at localhost:$MOTO_PORT; moto's default, 5000, is not where it runs.
            builder.environment().put("MOTO_PORT", Integer.toString(chosen));
            Process process = builder.start();
            MotoServer server = new MotoServer(process, chosen, log);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
            server.awaitReady();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start moto", e);
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto exited with " + process.exitValue() + "; see " + log);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        close();
        throw new IllegalStateException("moto did not start within " + STARTUP_TIMEOUT + "; see " + log);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private static void ensureVirtualenv(Path root) {
        try {
            Process bootstrap = new ProcessBuilder("bash", root.resolve("local/bootstrap.sh").toString())
                    .inheritIO().start();
            if (bootstrap.waitFor() != 0) {
                throw new IllegalStateException("local/bootstrap.sh failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run local/bootstrap.sh", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
