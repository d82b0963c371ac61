package kr.tickets.booking;

import java.lang.reflect.InvocationHandler;
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
        return proxy(repository, method, answer, calls, Integer.MAX_VALUE);
    }

    /** {@code repository}, except that the first call of {@code method} answers {@code answer}: a read taken before a racing write. */
    static HoldRepository once(HoldRepository repository, String method, Object answer) {
        return once(repository, method, answer, new HashMap<>());
    }

    /** As {@link #once(HoldRepository, String, Object)}, counting the calls of each method in {@code calls}. */
    static HoldRepository once(HoldRepository repository, String method, Object answer, Map<String, Integer> calls) {
        return proxy(repository, method, answer, calls, 1);
    }

    private static HoldRepository proxy(HoldRepository repository, String method, Object answer,
                                        Map<String, Integer> calls, int staleCalls) {
        return (HoldRepository) Proxy.newProxyInstance(HoldRepository.class.getClassLoader(),
                new Class<?>[]{HoldRepository.class}, (proxy, called, args) -> {
                    int call = calls.merge(called.getName(), 1, Integer::sum);
                    if (called.getName().equals(method) && call <= staleCalls) {
                        return answer;
                    }
                    // A read made of other reads (placementReads) goes through this proxy's, stale ones included.
                    if (called.isDefault() && called.getName().equals("placementReads")) {
                        return InvocationHandler.invokeDefault(proxy, called, args);
                    }
                    try {
                        return called.invoke(repository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
