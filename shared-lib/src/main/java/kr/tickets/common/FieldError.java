package kr.tickets.common;

/** One invalid field of a request: which field, and what is wrong with it. */
public record FieldError(String field, String message) {
}
