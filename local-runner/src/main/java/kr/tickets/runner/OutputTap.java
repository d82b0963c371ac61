package kr.tickets.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the functions print, as CloudWatch Logs would receive it in AWS: standard output stays
 * the console, and each line is also handed to whoever listens ({@link #capture()}, for tests
 * that read the logs of a run), and each EMF line (a JSON document with {@code "_aws"}: one
 * metric data point, {@code kr.tickets.ops.PowertoolsMetrics}) is appended to
 * {@link #metricsFile()}, which the funnel report reads. Installed once per JVM, before the
 * functions load, since each function's logging keeps the stream it found.
 */
public final class OutputTap {
    /** Where a run's metrics go, relative to the working directory (the repository root under run.sh). */
    static final Path METRICS_DIR = Path.of("target", "local-metrics");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private static OutputTap installed;

    private final Path metricsFile;
    private final Writer metrics;
    private final List<Capture> captures = new CopyOnWriteArrayList<>();

    private OutputTap(Path metricsFile) throws IOException {
        Files.createDirectories(metricsFile.getParent());
        this.metricsFile = metricsFile;
        this.metrics = Files.newBufferedWriter(metricsFile, StandardCharsets.UTF_8);
    }

    /** The tap of this JVM, installed on first use with a fresh metrics file under {@link #METRICS_DIR}. */
    public static synchronized OutputTap install() {
        if (installed == null) {
            Path file = METRICS_DIR.toAbsolutePath().resolve("emf-" + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC))
                    + "-" + ProcessHandle.current().pid() + ".jsonl");
            try {
                installed = new OutputTap(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
            System.setOut(new PrintStream(new Tee(System.out, installed), true, StandardCharsets.UTF_8));
        }
        return installed;
    }

    /** The EMF lines of this run, one JSON document a line. */
    public Path metricsFile() {
        return metricsFile;
    }

    /** Every line printed from now until the capture is closed. */
    public Capture capture() {
        Capture capture = new Capture();
        captures.add(capture);
        return capture;
    }

    private void line(String line) {
        for (Capture capture : captures) {
            capture.add(line);
        }
        if (line.startsWith("{") && line.contains("\"_aws\"")) {
            synchronized (metrics) {
                try {
                    metrics.write(line);
                    metrics.write('\n');
                    // Flushed per line: the report may read the file while the service runs.
                    metrics.flush();
                } catch (IOException e) {
                    // The console still has the line; a full disk must not break the service.
                }
            }
        }
    }

    /** The lines printed while it was open. */
    public final class Capture implements AutoCloseable {
        private final List<String> lines = new ArrayList<>();

        private synchronized void add(String line) {
            lines.add(line);
        }

        public synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            captures.remove(this);
        }
    }

    /** Writes through to the console and cuts what passes into lines for the tap. */
    private static final class Tee extends OutputStream {
        private final PrintStream console;
        private final OutputTap tap;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Tee(PrintStream console, OutputTap tap) {
            this.console = console;
            this.tap = tap;
        }

        @Override
        public synchronized void write(int b) {
            console.write(b);
            take(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            console.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                take(bytes[i]);
            }
        }

        private void take(int b) {
            if (b == '\n') {
                String line = pending.toString(StandardCharsets.UTF_8);
                pending.reset();
                tap.line(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            } else {
                pending.write(b);
            }
        }

        @Override
        public synchronized void flush() {
            console.flush();
        }
    }
}
