package kr.tickets.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The client address a {@link RateSubject#CLIENT_ADDRESS} counter (and the login throttle)
 * counts. Behind CloudFront, API Gateway's sourceIp is an edge server's address, shared by many
 * viewers; CloudFront puts the viewer's own in {@value #VIEWER_HEADER} ({@code ip:port}, IPv6 as
 * {@code [ip]:port} or without brackets). That header is believed only when the request also
 * carries the origin secret that only CloudFront adds ({@value #VERIFY_HEADER}): a client calling
 * the API directly could set any viewer address it likes, and it is then ignored.
 */
public final class ClientAddress {
    public static final String VIEWER_HEADER = "CloudFront-Viewer-Address";
    public static final String VERIFY_HEADER = "X-Origin-Verify";
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    private ClientAddress() {
    }

    /**
     * The address to count: the viewer's from {@code viewerAddress} when {@code presentedSecret}
     * equals {@code expectedSecret} (configured, not blank) and the header is a well-formed
     * {@code ip:port}; otherwise {@code sourceIp}.
     */
    public static String resolve(String sourceIp, String viewerAddress, String presentedSecret, String expectedSecret) {
        if (!fromCloudFront(presentedSecret, expectedSecret)) {
            return sourceIp;
        }
        return viewerIp(viewerAddress).orElse(sourceIp);
    }

    /**
     * The key a client address is counted under: an IPv4 address as it is; an IPv6 address as
     * its /64 network ({@code 2001:db8:0:1::/64}), because one subscriber gets a whole /64 and
     * could otherwise spread attempts over as many addresses as it likes. Anything that is not an
     * address literal is returned unchanged (it is then its own bucket).
     */
    public static String counted(String address) {
        if (address == null || !address.contains(":") || !IPV6_CHARS.matcher(address).matches()) {
            return address;
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException malformed) {
            return address;
        }
        if (bytes.length != 16) {
            return address;
        }
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Whether the request carries the origin secret; compared in constant time. */
    static boolean fromCloudFront(String presented, String expected) {
        if (expected == null || expected.isBlank() || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The IP part of a {@value #VIEWER_HEADER} value: {@code 198.51.100.10:46532},
     * {@code [2001:db8::1]:46532} or {@code 2001:db8::1:46532}; IPv6 in its canonical form.
     * Anything else (no port, a host name, garbage) is empty: never a DNS lookup.
     */
    static Optional<String> viewerIp(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String value = header.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || !PORT.matcher(value.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        String ip = value.substring(0, colon);
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        } else if (ip.contains("[") || ip.contains("]")) {
            return Optional.empty();
        }
        if (IPV4.matcher(ip).matches()) {
            return Optional.of(ip);
        }
        // A colon makes InetAddress parse a literal IPv6 address, never resolve a name.
        if (!ip.contains(":") || !IPV6_CHARS.matcher(ip).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(ip).getHostAddress());
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }
}
