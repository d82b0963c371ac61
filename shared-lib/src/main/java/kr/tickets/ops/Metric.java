package kr.tickets.ops;

/**
 * Every business metric the service publishes (requirements §6), in one CloudWatch namespace
 * ({@code POWERTOOLS_METRICS_NAMESPACE}) with the one dimension {@code Service} that Powertools
 * adds. Alarms and the dashboard in {@code template.yaml} name these metrics, so a name is a
 * contract: renaming one silently blinds an alarm.
 */
public enum Metric {
    HOLD_SUCCEEDED("HoldSucceeded", Unit.COUNT),
    /** The seat was taken or held by someone else: the numerator of the conflict ratio. */
    HOLD_CONFLICTED("HoldConflicted", Unit.COUNT),
    HOLD_LIMIT_REFUSED("HoldLimitRefused", Unit.COUNT),
    /** A DynamoDB condition failed on a write the caller expected to succeed. */
    CONDITION_CHECK_FAILED("ConditionCheckFailed", Unit.COUNT),
    /** DynamoDB cancelled a transaction because another one touched the same items. */
    TRANSACTION_CONFLICT("TransactionConflict", Unit.COUNT),
    PAYMENT_APPROVED("PaymentApproved", Unit.COUNT),
    PAYMENT_DECLINED("PaymentDeclined", Unit.COUNT),
    PAYMENT_ERRORED("PaymentErrored", Unit.COUNT),
    /** The same payment or cancel was submitted again and answered from the first one. */
    DUPLICATE_SUBMIT("DuplicateSubmit", Unit.COUNT),
    BOOKING_CONFIRMED("BookingConfirmed", Unit.COUNT),
    BOOKING_CANCELLED("BookingCancelled", Unit.COUNT),
    REFUND_DONE("RefundDone", Unit.COUNT),
    REFUND_PENDING("RefundPending", Unit.COUNT),
    REFUND_FAILED("RefundFailed", Unit.COUNT),
    HOLD_EXPIRED("HoldExpired", Unit.COUNT),
    COMPENSATION("Compensation", Unit.COUNT),
    RECONCILIATION_REPAIR("ReconciliationRepair", Unit.COUNT),
    /** Reconciliation found a disagreement it must not repair by itself: an operator looks. */
    RECONCILIATION_REPORTED("ReconciliationReported", Unit.COUNT),
    RECEIPT_SEND_FAILED("ReceiptSendFailed", Unit.COUNT),
    /** A 429 from the application's rate limit, with the dimension {@code Route}: {@code Hold}, {@code Checkout} or {@code Confirm} (EMF dimension values may not contain spaces). */
    RATE_LIMITED("RateLimited", Unit.COUNT),
    /** Server clock minus NTP time, signed. */
    CLOCK_OFFSET("ClockOffset", Unit.MILLISECONDS),
    /** No NTP server answered; the offset is unknown this time. */
    CLOCK_CHECK_FAILED("ClockCheckFailed", Unit.COUNT);

    /** The CloudWatch units the metrics above use. */
    public enum Unit { COUNT, MILLISECONDS }

    private final String metricName;
    private final Unit unit;

    Metric(String metricName, Unit unit) {
        this.metricName = metricName;
        this.unit = unit;
    }

    public String metricName() {
        return metricName;
    }

    public Unit unit() {
        return unit;
    }
}
