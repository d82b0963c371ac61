package kr.tickets.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.time.Instant;
import kr.tickets.common.MutableClock;
import kr.tickets.common.Problem;
import kr.tickets.policy.InMemoryPolicyRepository;
import kr.tickets.policy.PolicyKey;
import kr.tickets.policy.PolicyService;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The read-only rule on requests without a matched route (the exempt routes are proven end to end: ReadOnlyE2EIT). */
class ReadOnlyFilterTest {
    private final MutableClock clock = MutableClock.at("2030-03-01T09:00:00Z");
    private final InMemoryPolicyRepository policyTable = new InMemoryPolicyRepository();
    private final ReadOnlyFilter filter = new ReadOnlyFilter(new PolicyService(policyTable, clock));

    private void readOnly(boolean on) {
        policyTable.save(PolicyKey.READ_ONLY, JsonNodeFactory.instance.booleanNode(on), "u-admin", Instant.EPOCH);
    }

    @ParameterizedTest
    @EnumSource(value = HttpMethod.class, names = {"POST", "PUT", "PATCH", "DELETE"})
    void aWriteIsRefusedWith503ReadOnlyWhileTheFlagIsOn(HttpMethod method) {
        readOnly(true);
        HttpResponse<?> refused = filter.refuseWritesWhenReadOnly(HttpRequest.create(method, "/schedules/s-1/holds"));
        assertEquals(503, refused.code());
        assertEquals("READ_ONLY", ((Problem) refused.body()).code());
        assertEquals(Problem.MEDIA_TYPE, refused.getContentType().orElseThrow().toString());
    }

    @ParameterizedTest
    @EnumSource(value = HttpMethod.class, names = {"POST", "PUT", "PATCH", "DELETE"})
    void aWriteGoesOnWhileTheFlagIsOff(HttpMethod method) {
        readOnly(false);
        assertNull(filter.refuseWritesWhenReadOnly(HttpRequest.create(method, "/schedules/s-1/holds")));
    }

    @ParameterizedTest
    @EnumSource(value = HttpMethod.class, names = {"GET", "HEAD", "OPTIONS"})
    void aReadGoesOnWithoutReadingThePolicies(HttpMethod method) {
        readOnly(true);
        assertNull(filter.refuseWritesWhenReadOnly(HttpRequest.create(method, "/schedules/s-1/seats")));
        assertEquals(0, policyTable.reads());
    }
}
