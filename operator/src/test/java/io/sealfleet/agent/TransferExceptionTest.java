package io.sealfleet.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** The one-line reason of a failed transfer never reads "null" (Java's HTTP client throws some without a message). */
class TransferExceptionTest {
    @Test
    void anExceptionWithoutMessageIsDescribedByItsKindAndCause() {
        IOException cut = new IOException(null, new ConnectException());

        assertThat(TransferException.describe(cut)).isEqualTo("IOException: ConnectException").doesNotContain("null");
    }

    @Test
    void aMessageIsKeptAndARepeatedCauseNotAppendedAgain() {
        ConnectException refused = new ConnectException("Connection refused");

        assertThat(TransferException.describe(new IOException(refused))).isEqualTo("java.net.ConnectException: Connection refused");
    }
}
