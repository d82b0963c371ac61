package kr.tickets.runner;

import com.fasterxml.jackson.databind.JsonNode;

/** One buyer holding one seat of a fresh schedule on sale, and what they do and see next, over HTTP. */
record Purchase(Http http, String scheduleId, String seatId, Accounts.Account buyer, JsonNode hold) {

    static Purchase start(Http http, String admin, String seatId) {
        String scheduleId = Bookings.onSaleSchedule(http, admin);
        Accounts.Account buyer = Accounts.create(http);
        return new Purchase(http, scheduleId, seatId, buyer, Bookings.held(http, buyer, scheduleId, seatId));
    }

    String holdId() {
        return hold.get("holdId").asText();
    }

    String orderId() {
        return hold.get("orderId").asText();
    }

    long total() {
        return hold.at("/amount/total").asLong();
    }

    /** A paymentKey from the Toss sandbox's window for this hold's order and total. */
    String paymentKey() {
        return Bookings.paymentKey(hold);
    }

    Http.Response confirm(String paymentKey, long amount) {
        return Bookings.confirm(http, buyer, hold, paymentKey, amount);
    }

    Http.Response confirm(String paymentKey) {
        return confirm(paymentKey, total());
    }

    String holdStatus() {
        return http.get("/holds/" + holdId(), "Authorization", buyer.bearer()).json().path("status").asText();
    }

    /** The booking's status, or the hold's while there is no booking yet (PROCESSING, FAILED, ...). */
    String bookingStatus() {
        return http.get("/bookings/" + holdId(), "Authorization", buyer.bearer()).json().path("status").asText();
    }

    String seatStatus() {
        return Bookings.seatStatus(http, scheduleId, seatId);
    }
}
