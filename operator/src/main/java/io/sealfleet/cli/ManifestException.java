package io.sealfleet.cli;

/** A manifest that cannot be used; the message is one line naming the document and the field. */
public class ManifestException extends Exception {
    public ManifestException(String message) {
        super(message);
    }
}
