package io.sealfleet.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where the commands that join the fleet's transfers find its bearer token. */
final class TransferTokenSource {
    static final String ENV = "SEALFLEET_TRANSFER_TOKEN";

    private TransferTokenSource() {}

    /** The token from file (trimmed) when one is named, else {@code $SEALFLEET_TRANSFER_TOKEN}; null or blank where unset. */
    static String read(Path file) throws IOException {
        return file != null ? Files.readString(file).trim() : System.getenv(ENV);
    }

    /** The token; a token file that cannot be read, or no token at all, is bad input naming the fix. */
    static String require(Path file) {
        String token;
        try {
            token = read(file);
        } catch (NoSuchFileException e) {
            throw CliFailure.badInput("cannot read --token-file " + file + ": no such file");
        } catch (IOException e) {
            throw CliFailure.badInput("cannot read --token-file " + file + ": " + e.getMessage());
        }
        if (token == null || token.isBlank()) {
            throw CliFailure.badInput("no transfer token: set $" + ENV + " or --token-file");
        }
        return token;
    }
}
