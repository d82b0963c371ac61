package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Query strings schemathesis sent: a parameter without a name ({@code ?=0}) or without a value
 * ({@code ?&}) counts as absent on every list route, a 200 like no parameter at all, never the
 * 500 INTERNAL_ERROR the lists answered before.
 */
class QueryParametersE2EIT {
    private static final Http http = Http.client();

    private static void assertListed(Http.Response response, String what) {
        assertEquals(200, response.status(), () -> what + ": " + response);
        assertTrue(response.json().get("items").isArray(), () -> what + ": " + response);
    }

    @Test
    void aParameterWithoutANameOrValueIsIgnoredByEveryList() {
        Accounts.Account user = Accounts.create(http);
        String admin = Catalogs.adminBearer(http);
        String schedule = "0190f3c4-8a1b-7c2d-9e3f-0a1b2c3d4e5f";
        for (String query : new String[]{"?=0", "?&", "?=", "?size=5&=x"}) {
            assertListed(http.get("/performances" + query), "GET /performances" + query);
            assertListed(http.get("/me/bookings" + query, "Authorization", user.bearer()), "GET /me/bookings" + query);
            assertListed(http.get("/admin/schedules/" + schedule + "/bookings" + query, "Authorization", admin),
                    "GET /admin/schedules/{id}/bookings" + query);
        }
    }
}
