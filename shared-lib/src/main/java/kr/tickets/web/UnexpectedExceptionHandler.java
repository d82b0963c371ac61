package kr.tickets.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import kr.tickets.common.ApiException;
import kr.tickets.common.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A bug or an outage: logged with its stack, answered as a 500 problem that leaks nothing. */
@Produces(Problem.MEDIA_TYPE)
@Singleton
public class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<Problem>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, Exception exception) {
        LOG.error("unhandled error on {} {}", request.getMethod(), request.getPath(), exception);
        return ProblemResponses.of(request,
                new ApiException(500, "INTERNAL_ERROR", "Something went wrong on our side; please retry."));
    }
}
