package kr.tickets.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;

/** Unit-test helper: the events one class logs while the capture is open (through Log4j 2, as in Lambda). */
final class LogCapture extends AbstractAppender implements AutoCloseable {
    private final Logger logger;
    private final List<LogEvent> events = new ArrayList<>();

    private LogCapture(Logger logger) {
        super("capture-" + UUID.randomUUID(), null, null, true, Property.EMPTY_ARRAY);
        this.logger = logger;
    }

    static LogCapture of(Class<?> type) {
        LogCapture capture = new LogCapture((Logger) LogManager.getLogger(type));
        capture.start();
        capture.logger.addAppender(capture);
        return capture;
    }

    @Override
    public synchronized void append(LogEvent event) {
        events.add(event.toImmutable());
    }

    synchronized List<Level> levels() {
        return events.stream().map(LogEvent::getLevel).toList();
    }

    synchronized List<String> messages() {
        return events.stream().map(e -> e.getMessage().getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        logger.removeAppender(this);
        stop();
    }
}
