package kr.tickets.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A small HTTP/1.1 client over a plain socket, so that each test client can come from its own
 * loopback address (127.x.y.z): API Gateway sees that address as the caller's source IP, and
 * per-client limits of one test cannot leak into another.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final InetAddress source;
    private final int readTimeoutMillis;

    Http(String baseUrl) {
        this(baseUrl, 30_000);
    }

    Http(String baseUrl, int readTimeoutMillis) {
        this.readTimeoutMillis = readTimeoutMillis;
        this.base = URI.create(baseUrl);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
            this.source = InetAddress.getByAddress(new byte[]{127, (byte) random.nextInt(1, 250),
                    (byte) random.nextInt(1, 250), (byte) random.nextInt(2, 250)});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Http client() {
        return new Http(LocalService.shared().baseUrl());
    }

    /** A client that waits longer for an answer: rush tests queue hundreds of requests at once. */
    static Http patientClient() {
        return new Http(LocalService.shared().baseUrl(), 180_000);
    }

    String sourceAddress() {
        return source.getHostAddress();
    }

    Response get(String path, String... headers) {
        return send("GET", path, null, headers);
    }

    Response post(String path, Object body, String... headers) {
        return send("POST", path, body, headers);
    }

    Response patch(String path, Object body, String... headers) {
        return send("PATCH", path, body, headers);
    }

    /** A JSON body (a String is sent as it is, so tests can send broken JSON); headers as name, value pairs. */
    Response send(String method, String path, Object body, String... headers) {
        byte[] payload = body == null ? new byte[0] : (body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : write(body));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", base.getHost() + ":" + base.getPort());
        all.put("Connection", "close");
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i + 1] == null) {
                all.remove(headers[i]);
            } else {
                all.put(headers[i], headers[i + 1]);
            }
        }
        all.put("Content-Length", Integer.toString(payload.length));
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
            socket.setSoTimeout(readTimeoutMillis);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(payload);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    private static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        String text = new String(all, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] bytes = text.substring(split + 4).getBytes(StandardCharsets.UTF_8);
        body.write(bytes);
        return new Response(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** Fails unless this is a problem+json answer with {@code status} and {@code code}. */
        Response assertProblem(int status, String code) {
            Accounts.assertProblem(this, status, code);
            return this;
        }

        String code() {
            return json().path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
