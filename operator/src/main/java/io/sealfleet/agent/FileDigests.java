package io.sealfleet.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of sector files, remembered under {@code .sealfleet/sums/} with the size and mtime they
 * were computed for, so a 32 GiB file is hashed once, not at every transfer.
 */
public final class FileDigests {
    private final Path root;

    public FileDigests(Path storageRoot) {
        this.root = storageRoot.resolve(".sealfleet").resolve("sums");
    }

    public String sha256(Path file, Path relative) throws IOException {
        Path memo = root.resolve(relative.toString() + ".sha256");
        long size = Files.size(file);
        long mtime = Files.getLastModifiedTime(file).toMillis();
        if (Files.isRegularFile(memo)) {
            String[] parts = Files.readString(memo).trim().split(" ");
            if (parts.length == 3 && parts[1].equals(Long.toString(size)) && parts[2].equals(Long.toString(mtime))) {
                return parts[0];
            }
        }
        String digest = compute(file);
        AtomicFiles.write(memo, (digest + " " + size + " " + mtime).getBytes(StandardCharsets.US_ASCII));
        return digest;
    }

    public static String compute(Path file) throws IOException {
        MessageDigest md = sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
