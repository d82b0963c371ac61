package kr.tickets.common;

import java.util.List;
import java.util.Map;

/**
 * A failure the client can act on: an HTTP status, a stable upper-snake {@code code}, and a
 * human detail. Handlers turn it into application/problem+json; nothing is written when a
 * use case throws one before its write.
 */
public class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> fieldErrors;
    private final Map<String, String> headers;
    private final String providerCode;

    public ApiException(int status, String code, String detail, List<FieldError> fieldErrors, Map<String, String> headers) {
        this(status, code, detail, fieldErrors, headers, null);
    }

    private ApiException(int status, String code, String detail, List<FieldError> fieldErrors,
                         Map<String, String> headers, String providerCode) {
        super(detail);
        this.status = status;
        this.code = code;
        this.fieldErrors = List.copyOf(fieldErrors);
        this.headers = Map.copyOf(headers);
        this.providerCode = providerCode;
    }

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of());
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields.", errors, Map.of());
    }

    public static ApiException validation(String field, String message) {
        return validation(List.of(new FieldError(field, message)));
    }

    public static ApiException unauthenticated(String detail) {
        return new ApiException(401, "UNAUTHENTICATED", detail);
    }

    public static ApiException forbidden() {
        return new ApiException(403, "FORBIDDEN", "Your role does not allow this.");
    }

    public static ApiException notFound(String detail) {
        return new ApiException(404, "NOT_FOUND", detail);
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException tooManyRequests(long retryAfterSeconds) {
        return new ApiException(429, "TOO_MANY_REQUESTS", "Too many attempts; try again later.", List.of(),
                Map.of("Retry-After", Long.toString(Math.max(1, retryAfterSeconds))));
    }

    /**
     * 429 RATE_LIMITED: the application rate limit on booking routes, in Korean since buyers read
     * it, with Retry-After until the limit's window ends.
     */
    public static ApiException rateLimited(long retryAfterSeconds) {
        long seconds = Math.max(1, retryAfterSeconds);
        return new ApiException(429, "RATE_LIMITED", "요청이 너무 많습니다. " + seconds + "초 후에 다시 시도해 주세요.",
                List.of(), Map.of("Retry-After", Long.toString(seconds)));
    }

    /** 503 READ_ONLY: the service takes no changes for now (policy feature.readOnly); reads still work. */
    public static ApiException readOnly() {
        return new ApiException(503, "READ_ONLY",
                "지금은 점검을 위해 조회만 가능합니다. 예매, 결제, 취소 등 변경 요청은 잠시 후 다시 시도해 주세요.");
    }

    /** 402 PAYMENT_REJECTED, carrying the payment provider's own code (e.g. Toss's REJECT_CARD_PAYMENT). */
    public static ApiException paymentRejected(String providerCode, String detail) {
        return new ApiException(402, "PAYMENT_REJECTED", detail, List.of(), Map.of(), providerCode);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> fieldErrors() {
        return fieldErrors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The payment provider's code behind a payment failure, or null. */
    public String providerCode() {
        return providerCode;
    }
}
