package kr.tickets.users.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Every answer of this function carries tokens or an account's personal data (/auth/*, /me),
 * errors included: {@code Cache-Control: no-store} keeps them out of browser and proxy caches.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class NoStoreFilter {
    @ResponseFilter
    public void noStore(MutableHttpResponse<?> response) {
        response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
