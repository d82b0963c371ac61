package kr.tickets.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import kr.tickets.common.ApiException;
import kr.tickets.common.Problem;

/** Turns an {@link ApiException} into the problem+json response of the contract. */
public final class ProblemResponses {
    private ProblemResponses() {
    }

    public static MutableHttpResponse<Problem> of(HttpRequest<?> request, ApiException e) {
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(HttpStatus.valueOf(e.status()))
                .body(Problem.of(e, request == null ? null : Requests.traceId(request)))
                .contentType(Problem.MEDIA_TYPE);
        e.headers().forEach(response::header);
        return response;
    }
}
