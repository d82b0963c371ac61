package kr.tickets.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import kr.tickets.runner.LambdaEndpoint.FunctionName;
import org.junit.jupiter.api.Test;

/** The FunctionName forms Lambda's Invoke accepts, and the error document of a handler exception. */
class LambdaEndpointTest {
    private static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:Steps";

    @Test
    void namesArnsAndQualifiers() {
        assertEquals(new FunctionName("Steps", null), FunctionName.parse("Steps", null));
        assertEquals(new FunctionName("Steps", "live"), FunctionName.parse("Steps:live", null));
        assertEquals(new FunctionName("Steps", "live"), FunctionName.parse(ARN + ":live", null));
        assertEquals(new FunctionName("Steps", null), FunctionName.parse(ARN, null));
        assertEquals(new FunctionName("Steps", "$LATEST"), FunctionName.parse("123456789012:function:Steps:$LATEST", null));
        assertEquals(new FunctionName("Steps", "live"), FunctionName.parse("Steps", "live"));
        assertNull(FunctionName.parse("Steps:live", "blue"), "qualifiers disagree");
        assertNull(FunctionName.parse("a:b:c:d:e", null));
        assertEquals("", FunctionName.parse("arn:aws:lambda:eu-west-1:123456789012:function:Steps", null).name(),
                "another region is not here");
        assertEquals(ARN + ":live", FunctionName.parse("Steps:live", null).arn());
    }

    @Test
    void onlyLatestAndTheAliasExist() {
        assertTrue(new FunctionName("Steps", null).qualifierExists("live"));
        assertTrue(new FunctionName("Steps", "$LATEST").qualifierExists("live"));
        assertTrue(new FunctionName("Steps", "live").qualifierExists("live"));
        assertFalse(new FunctionName("Steps", "1").qualifierExists("live"));
        assertFalse(new FunctionName("Steps", "live").qualifierExists(null));
    }

    @Test
    void errorDocumentNamesTheExceptionClass() {
        var document = LambdaEndpoint.errorDocument(new java.io.UncheckedIOException(new java.io.IOException("disk")));
        assertEquals("java.io.UncheckedIOException", document.get("errorType").asText());
        assertEquals("java.io.IOException: disk", document.get("errorMessage").asText());
        assertEquals("java.lang.NullPointerException",
                LambdaEndpoint.errorDocument(new NullPointerException()).get("errorMessage").asText());
    }
}
