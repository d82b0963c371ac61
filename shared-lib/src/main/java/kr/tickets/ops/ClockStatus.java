package kr.tickets.ops;

/** What is known about the server clock's offset from NTP time. */
public enum ClockStatus {
    /** An NTP server answered; the offset is known. */
    MEASURED,
    /** No NTP server answered the last check; the offset is unknown this time. */
    UNREACHABLE,
    /** No check has run yet (or its result cannot be read). */
    UNKNOWN
}
