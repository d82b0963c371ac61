package kr.tickets.catalog;

/**
 * A seat's state in one schedule (DESIGN.md, seat states), as the seat map shows it and as a
 * {@code SEAT#} item of CatalogTable stores it. An available seat has no item.
 */
public enum SeatStatus {
    /** 선택가능: nobody holds it, or its hold's time is up. */
    AVAILABLE,
    /** 대기중: held for payment, or held back while its booking is refunded. */
    PENDING,
    /** 예매완료: paid and confirmed. */
    BOOKED
}
