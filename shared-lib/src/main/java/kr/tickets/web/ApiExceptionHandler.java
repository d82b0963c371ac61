package kr.tickets.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import kr.tickets.common.ApiException;
import kr.tickets.common.Problem;

/** Every domain failure leaves a function as problem+json with its stable code. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<Problem>> {
    @Override
    public HttpResponse<Problem> handle(HttpRequest request, ApiException exception) {
        return ProblemResponses.of(request, exception);
    }
}
