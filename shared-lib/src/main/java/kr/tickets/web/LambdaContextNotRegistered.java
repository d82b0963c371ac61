package kr.tickets.web;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

/**
 * Keeps Micronaut from registering each invocation's Lambda {@link Context} (and its logger) as
 * a singleton. Every registration adds a bean definition that the next one has to sort through,
 * so a warm container got slower with every request: after a few thousand holds, one request
 * of the holds function took about two seconds in the local rush tests. No bean here injects the
 * Context; handlers pass it on explicitly (Powertools logging).
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public class LambdaContextNotRegistered implements LambdaContextFactory {
    @Override
    public void registerSingletons(Context context) {
        // Deliberately nothing: see the class comment.
    }
}
