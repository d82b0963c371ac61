package kr.tickets.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import kr.tickets.localstack.ProjectPaths;

/**
 * The built web app served at the API's origin, as CloudFront serves it from S3 on AWS (one
 * origin for app and API, so the API's CORS stays narrow): a file of the web build
 * ({@code WEB_DIR}, default {@code <repo>/web/dist}) with its Content-Type; paths without a dot
 * in their last segment fall back to {@code index.html} (the app's own routes); {@code /config.json}
 * tells the app its Toss client key and, locally, the sandbox's payment window. Files under
 * {@code /assets/} carry content hashes in their names, so browsers keep them for a year; every
 * other answer is revalidated. HTML carries the same security headers as the distribution's
 * response headers policy in template.yaml.
 */
public final class WebApp {
    /** CloudFront's rewrite function and this class agree: a last segment without a dot is an app route. */
    static final String INDEX = "index.html";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private final Path root;
    private final byte[] config;
    private final String contentSecurityPolicy;

    private WebApp(Path root, byte[] config, String contentSecurityPolicy) {
        this.root = root;
        this.config = config.clone();
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /**
     * The app in {@code dir} (null or without index.html: none, only {@code /config.json}).
     *
     * @param config      the body of {@code /config.json}
     * @param formActions origins forms may post to besides the app's own (locally the Toss sandbox's)
     */
    public static WebApp of(Path dir, byte[] config, String formActions) {
        Path root = null;
        if (dir != null && Files.isRegularFile(dir.resolve(INDEX))) {
            try {
                root = dir.toRealPath();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the web app in " + dir, e);
            }
        }
        return new WebApp(root, config, contentSecurityPolicy(formActions));
    }

    /** {@code WEB_DIR}, else {@code web/dist} under the repository root. */
    public static Path configuredDir() {
        String configured = System.getenv("WEB_DIR");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        return ProjectPaths.root().resolve("web").resolve("dist");
    }

    /**
     * The policy template.yaml's response headers policy sets on AWS, with the sandbox's origin
     * allowed as a form target locally (on AWS the payment window is Toss's own page).
     */
    static String contentSecurityPolicy(String formActions) {
        String extra = formActions == null || formActions.isBlank() ? "" : " " + formActions.trim();
        return "default-src 'self'; script-src 'self' https://js.tosspayments.com; "
                + "connect-src 'self' https://*.tosspayments.com; img-src 'self' data: https:; "
                + "style-src 'self' 'unsafe-inline'; frame-src https://*.tosspayments.com; "
                + "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'" + extra;
    }

    /** Whether a web build is served (else unknown paths stay the gateway's 404). */
    public boolean serves() {
        return root != null;
    }

    public Path root() {
        return root;
    }

    /**
     * The answer to a GET or HEAD of {@code path} (decoded, starting with '/'), or empty when the
     * app has nothing for it (no build, a missing file with a dot in its name, or a path that
     * would leave the build directory).
     */
    public Optional<Asset> answer(String path) {
        if (path.equals("/config.json")) {
            return Optional.of(new Asset(headers("application/json", REVALIDATE, false), config.clone()));
        }
        if (root == null) {
            return Optional.empty();
        }
        Optional<Path> file = resolve(path);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path target = file.get();
        if (!Files.isRegularFile(target)) {
            String last = path.substring(path.lastIndexOf('/') + 1);
            if (last.contains(".")) {
                return Optional.empty();
            }
            target = root.resolve(INDEX);
        }
        String extension = extension(target.getFileName().toString());
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        boolean immutable = path.startsWith("/assets/") && !target.getFileName().toString().equals(INDEX);
        try {
            return Optional.of(new Asset(headers(type, immutable ? IMMUTABLE : REVALIDATE, extension.equals("html")),
                    Files.readAllBytes(target)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The file under the build directory that {@code path} names, or empty when it would leave it:
     * any {@code ..} or backslash or NUL is refused outright, and the resolved file (symbolic links
     * followed) must still lie under the directory.
     */
    Optional<Path> resolve(String path) {
        if (!path.startsWith("/") || path.contains("\\") || path.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return Optional.empty();
            }
        }
        String relative = path.substring(1);
        if (relative.isEmpty() || relative.endsWith("/")) {
            relative = relative + INDEX;
        }
        try {
            Path candidate = root.resolve(relative).normalize();
            if (!candidate.startsWith(root)) {
                return Optional.empty();
            }
            if (Files.exists(candidate) && !candidate.toRealPath().startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(candidate);
        } catch (InvalidPathException | IOException e) {
            return Optional.empty();
        }
    }

    private Map<String, String> headers(String type, String cacheControl, boolean html) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("Cache-Control", cacheControl);
        headers.put("X-Content-Type-Options", "nosniff");
        if (html) {
            headers.put("Content-Security-Policy", contentSecurityPolicy);
            headers.put("X-Frame-Options", "DENY");
            headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
        }
        return headers;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The body of {@code /config.json}: the Toss client key and, when set, the sandbox's window. */
    public static byte[] config(String clientKey, String windowUrl) {
        Map<String, Object> toss = new LinkedHashMap<>();
        toss.put("clientKey", clientKey);
        if (windowUrl != null) {
            toss.put("windowUrl", windowUrl);
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("toss", toss))
                    .getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file's answer: its headers and bytes. */
    public record Asset(Map<String, String> headers, byte[] body) {
    }
}
