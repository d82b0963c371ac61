package kr.tickets.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CursorSignerTest {
    private static final String PAYLOAD = "{\"pk\":\"PERF#1\",\"sk\":\"META\"}";
    private final CursorSigner signer = new CursorSigner(key("cursor-key-cursor-key-cursor-key-01"));

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCursorItSignedVerifiesToItsPayload() {
        String cursor = signer.sign("list:A", PAYLOAD);
        assertEquals(Optional.of(PAYLOAD), signer.verify("list:A", cursor));
        assertTrue(cursor.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"), cursor);
    }

    @Test
    void everySingleCharacterEditIsRefused() {
        String cursor = signer.sign("list:A", PAYLOAD);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
        for (int i = 0; i < cursor.length(); i++) {
            for (char c : alphabet.toCharArray()) {
                if (c == cursor.charAt(i)) {
                    continue;
                }
                String edited = cursor.substring(0, i) + c + cursor.substring(i + 1);
                assertEquals(Optional.empty(), signer.verify("list:A", edited), edited);
            }
        }
    }

    @Test
    void aCursorForAnotherPurposeIsRefused() {
        assertEquals(Optional.empty(), signer.verify("list:B", signer.sign("list:A", PAYLOAD)));
    }

    @Test
    void aCursorSignedWithAnotherKeyIsRefused() {
        String foreign = new CursorSigner(key("another-key-another-key-another-k")).sign("list:A", PAYLOAD);
        assertEquals(Optional.empty(), signer.verify("list:A", foreign));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {".", "abc", "abc.", ".abc", "a.b.c", "!!!.???", "eyJwayI6IngifQ"})
    void malformedCursorsAreRefused(String cursor) {
        assertEquals(Optional.empty(), signer.verify("list:A", cursor));
    }

    @Test
    void anOverlongCursorIsRefusedUnread() {
        String big = signer.sign("list:A", "x".repeat(CursorSigner.MAX_LENGTH));
        assertEquals(Optional.empty(), signer.verify("list:A", big));
    }

    @Test
    void aShortKeyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CursorSigner(key("short")));
    }
}
