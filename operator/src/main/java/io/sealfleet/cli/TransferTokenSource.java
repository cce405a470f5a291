package io.sealfleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the commands that join the fleet's transfers find its bearer token. */
final class TransferTokenSource {
    static final String ENV = "SEALFLEET_TRANSFER_TOKEN";

    private TransferTokenSource() {}

    /** The token from file (trimmed) when one is named, else {@code $SEALFLEET_TRANSFER_TOKEN}; null or blank where unset. */
    static String read(Path file) throws IOException {
        return file != null ? Files.readString(file).trim() : System.getenv(ENV);
    }
}
