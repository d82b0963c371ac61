package kr.tickets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemTest {
    /** Every status the service answers has its HTTP reason phrase as the title, never a bare "Error". */
    @ParameterizedTest
    @CsvSource({"400, Bad Request", "401, Unauthorized", "402, Payment Required", "403, Forbidden",
            "404, Not Found", "405, Method Not Allowed", "406, Not Acceptable", "409, Conflict", "410, Gone",
            "413, Payload Too Large", "415, Unsupported Media Type", "422, Unprocessable Content",
            "429, Too Many Requests", "500, Internal Server Error", "502, Bad Gateway", "503, Service Unavailable"})
    void theTitleIsTheStatusReasonPhrase(int status, String title) {
        Problem problem = Problem.of(status, "SOME_CODE", "detail", List.of(), "trace-1");

        assertEquals(title, problem.title());
        assertEquals("https://tickets.example/problems/some-code", problem.type());
    }
}
