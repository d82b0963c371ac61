package kr.tickets.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An NTP server to ask: a host name or IPv4 address and its UDP port (123 unless given). */
public record NtpServer(String host, int port) {
    public static final int NTP_PORT = 123;
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9.-]{1,253})(?::(\\d{1,5}))?");

    public NtpServer {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("NTP port out of range: " + port);
        }
    }

    /**
     * The servers of a comma-separated list, in order, e.g. {@code time.google.com,time1.google.com}
     * or {@code 127.0.0.1:40123} (the NTP_SERVERS setting).
     */
    public static List<NtpServer> parseList(String list) {
        List<NtpServer> servers = new ArrayList<>();
        for (String entry : list.split(",")) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Matcher m = ENTRY.matcher(trimmed);
            if (!m.matches()) {
                throw new IllegalArgumentException("not an NTP server (host or host:port): " + trimmed);
            }
            servers.add(new NtpServer(m.group(1), m.group(2) == null ? NTP_PORT : Integer.parseInt(m.group(2))));
        }
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no NTP server in: " + list);
        }
        return List.copyOf(servers);
    }

    @Override
    public String toString() {
        return port == NTP_PORT ? host : host + ":" + port;
    }
}
