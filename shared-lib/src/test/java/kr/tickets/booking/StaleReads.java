package kr.tickets.booking;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** A repository one of whose reads is out of date, as a read racing another request's write is. */
final class StaleReads {
    private StaleReads() {
    }

    /** {@code repository}, except that {@code method} always answers {@code answer}. */
    static HoldRepository of(HoldRepository repository, String method, Object answer) {
        return of(repository, method, answer, new HashMap<>());
    }

    /** As {@link #of(HoldRepository, String, Object)}, counting the calls of each method in {@code calls}. */
    static HoldRepository of(HoldRepository repository, String method, Object answer, Map<String, Integer> calls) {
        return (HoldRepository) Proxy.newProxyInstance(HoldRepository.class.getClassLoader(),
                new Class<?>[]{HoldRepository.class}, (proxy, called, args) -> {
                    calls.merge(called.getName(), 1, Integer::sum);
                    if (called.getName().equals(method)) {
                        return answer;
                    }
                    try {
                        return called.invoke(repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
