package kr.tickets.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class NtpServerTest {
    @Test
    void serversWithoutAPortUseTheNtpPort() {
        assertEquals(List.of(new NtpServer("time.google.com", 123), new NtpServer("time1.google.com", 123)),
                NtpServer.parseList("time.google.com, time1.google.com"));
    }

    @Test
    void aPortCanBeGivenForALocalResponder() {
        assertEquals(List.of(new NtpServer("127.0.0.1", 40123)), NtpServer.parseList("127.0.0.1:40123"));
        assertEquals("127.0.0.1:40123", new NtpServer("127.0.0.1", 40123).toString());
        assertEquals("time.google.com", new NtpServer("time.google.com", 123).toString());
    }

    @Test
    void anythingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> NtpServer.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> NtpServer.parseList("time.google.com:0"));
        assertThrows(IllegalArgumentException.class, () -> NtpServer.parseList("time.google.com:70000"));
        assertThrows(IllegalArgumentException.class, () -> NtpServer.parseList("ntp://time.google.com"));
    }
}
