package kr.tickets.runner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One API event of a function in template.yaml: a method and a path template like /users/{id},
 * and the request parameters its RequestParameters mark {@code Caching: true} (the stage cache's
 * key, e.g. {@code method.request.path.scheduleId}).
 */
public record ApiRoute(String functionId, String method, String path, List<String> cacheKeyParameters) {
    public ApiRoute {
        method = method.toUpperCase(Locale.ROOT);
        cacheKeyParameters = List.copyOf(cacheKeyParameters);
    }

    public ApiRoute(String functionId, String method, String path) {
        this(functionId, method, path, List.of());
    }

    public boolean anyMethod() {
        return method.equals("ANY");
    }

    /** The path parameters if {@code actual} fits this route's template, or null. */
    public Map<String, String> match(String actual) {
        String[] template = segments(path);
        String[] given = segments(actual);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String part = template[i];
            if (part.startsWith("{") && part.endsWith("+}")) {
                parameters.put(part.substring(1, part.length() - 2), String.join("/",
                        java.util.Arrays.copyOfRange(given, Math.min(i, given.length), given.length)));
                return i < given.length ? parameters : null;
            }
            if (i >= given.length) {
                return null;
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                if (given[i].isEmpty()) {
                    return null;
                }
                parameters.put(part.substring(1, part.length() - 1),
                        java.net.URLDecoder.decode(given[i], java.nio.charset.StandardCharsets.UTF_8));
            } else if (!part.equals(given[i])) {
                return null;
            }
        }
        return template.length == given.length ? parameters : null;
    }

    /** Literal segments rank above parameters, as API Gateway prefers the most specific resource. */
    public int specificity() {
        int score = 0;
        for (String part : segments(path)) {
            score = score * 3 + (part.startsWith("{") ? (part.endsWith("+}") ? 0 : 1) : 2);
        }
        return score;
    }

    private static String[] segments(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
