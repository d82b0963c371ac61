package kr.tickets.health;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.time.Clock;

/** {@code GET /health}: the function answers, with the server's UTC time and the deployed version. */
@Controller("/health")
public class HealthController {
    private final Clock clock;
    private final String version;

    public HealthController(Clock clock, @Value("${app.version:dev}") String version) {
        this.clock = clock;
        this.version = version;
    }

    @Get
    public Health health() {
        return new Health("UP", clock.instant().toString(), version);
    }

    public record Health(String status, String time, String version) {
    }
}
