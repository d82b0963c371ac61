package kr.tickets.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which address the per-address limits count behind CloudFront, and when the viewer header is believed. */
class ClientAddressTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";
    private static final String EDGE = "130.176.1.17";

    @Test
    void theViewersAddressCountsWhenTheOriginSecretMatches() {
        assertEquals("198.51.100.10", ClientAddress.resolve(EDGE, "198.51.100.10:46532", SECRET, SECRET));
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.resolve(EDGE, "[2001:db8::1]:443", SECRET, SECRET));
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.resolve(EDGE, "2001:db8::1:443", SECRET, SECRET));
    }

    @Test
    void aForgedViewerAddressWithoutTheSecretIsIgnored() {
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", null, SECRET));
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", "guess", SECRET));
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", SECRET + "x", SECRET));
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", "", SECRET));
        // No secret configured (a stack without CloudFront in front): the header is never believed.
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", "", ""));
        assertEquals(EDGE, ClientAddress.resolve(EDGE, "198.51.100.10:46532", null, null));
        assertFalse(ClientAddress.fromCloudFront(" ", " "));
        assertTrue(ClientAddress.fromCloudFront(SECRET, SECRET));
    }

    @Test
    void aMalformedViewerAddressFallsBackToTheSourceAddress() {
        for (String bad : new String[]{null, "", "198.51.100.10", "198.51.100.10:", "198.51.100.10:port",
                "256.1.1.1:80", "1.2.3:80", "example.com:443", "localhost:80", "[198.51.100.10:80", "[::1]x:80",
                "::zz:80", "[2001:db8::1]", "1.2.3.4:5:6:7:8:9:10:11:12:13", "198.51.100.10:123456",
                "198.51.100.10, 203.0.113.9:80"}) {
            assertEquals(EDGE, ClientAddress.resolve(EDGE, bad, SECRET, SECRET), String.valueOf(bad));
        }
    }

    @Test
    void viewerIpKeepsOnlyTheAddress() {
        assertEquals(Optional.of("203.0.113.9"), ClientAddress.viewerIp(" 203.0.113.9:1 "));
        assertEquals(Optional.of("0:0:0:0:0:0:0:1"), ClientAddress.viewerIp("[::1]:65535"));
        // An IPv4-mapped IPv6 address is the IPv4 viewer: one counter for both spellings.
        assertEquals(Optional.of("192.0.2.128"), ClientAddress.viewerIp("[::ffff:c000:280]:8"));
        assertEquals(Optional.empty(), ClientAddress.viewerIp("[]:80"));
        // A port with no address before it (the colon first) is no viewer; neither is a lone colon.
        assertEquals(Optional.empty(), ClientAddress.viewerIp(":443"));
        assertEquals(Optional.empty(), ClientAddress.viewerIp(" :443"));
        assertEquals(Optional.empty(), ClientAddress.viewerIp(":"));
        // The unspecified address with port 0 is still a well-formed viewer address.
        assertEquals(Optional.of("0:0:0:0:0:0:0:0"), ClientAddress.viewerIp("[::]:0"));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64SoItCannotSpreadOverItsOwnAddresses() {
        assertEquals("2001:db8:0:1::/64", ClientAddress.counted("2001:db8:0:1:aaaa:bbbb:cccc:dddd"));
        assertEquals("2001:db8:0:1::/64", ClientAddress.counted("2001:0db8:0000:0001::1"));
        assertEquals("2001:db8:0:2::/64", ClientAddress.counted("2001:db8:0:2::1"));
        assertEquals("0:0:0:0::/64", ClientAddress.counted("::1"));
        assertEquals("fe80:0:0:0::/64", ClientAddress.counted("FE80::1"));
    }

    @Test
    void ipv4AndAnythingThatIsNotAnAddressAreCountedAsTheyAre() {
        assertEquals("198.51.100.10", ClientAddress.counted("198.51.100.10"));
        // An IPv4-mapped IPv6 literal is an IPv4 address to InetAddress: counted as written.
        assertEquals("::ffff:198.51.100.10", ClientAddress.counted("::ffff:198.51.100.10"));
        assertEquals("test-invoke-source-ip", ClientAddress.counted("test-invoke-source-ip"));
        assertEquals("not:an:address:at:all", ClientAddress.counted("not:an:address:at:all"));
        // Address characters but not an address (nine groups): no lookup, counted as written.
        assertEquals("1:2:3:4:5:6:7:8:9", ClientAddress.counted("1:2:3:4:5:6:7:8:9"));
        assertEquals(null, ClientAddress.counted(null));
    }
}
