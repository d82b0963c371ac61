package kr.tickets.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;

/** The body of every error response (RFC 9457 application/problem+json plus a stable code). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String code, String detail,
                      List<FieldError> fieldErrors, String traceId, String providerCode) {
    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(int status, String code, String detail, List<FieldError> fieldErrors, String traceId) {
        return new Problem("https://tickets.example/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'),
                title(status), status, code, detail, fieldErrors.isEmpty() ? null : fieldErrors, traceId, null);
    }

    public static Problem of(ApiException e, String traceId) {
        Problem problem = of(e.status(), e.code(), e.getMessage(), e.fieldErrors(), traceId);
        return e.providerCode() == null ? problem : new Problem(problem.type(), problem.title(), problem.status(),
                problem.code(), problem.detail(), problem.fieldErrors(), traceId, e.providerCode());
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 402 -> "Payment Required";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 410 -> "Gone";
            case 413 -> "Payload Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
