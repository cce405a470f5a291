package io.sealfleet.realk8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The API server's audit log of ServiceAccount requests: which of them it refused with 403, by verb and resource. */
final class AuditLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    AuditLog(Path file) {
        this.file = file;
    }

    /** How many lines the log has now: {@link #forbidden} looks only after this mark. */
    long mark() {
        return lines().size();
    }

    /** Each distinct refusal after {@code mark} for {@code user}: "verb resource[/subresource] [name] in namespace". */
    Set<String> forbidden(long mark, String user) {
        Set<String> out = new TreeSet<>();
        List<String> lines = lines();
        for (String line : lines.subList((int) Math.min(mark, lines.size()), lines.size())) {
            try {
                JsonNode e = JSON.readTree(line);
                if (!"ResponseComplete".equals(e.path("stage").asText()) || e.path("responseStatus").path("code").asInt() != 403
                        || !user.equals(e.path("user").path("username").asText())) {
                    continue;
                }
                JsonNode o = e.path("objectRef");
                String resource = o.path("resource").asText() + (o.has("subresource") ? "/" + o.path("subresource").asText() : "");
                String group = o.path("apiGroup").asText("");
                out.add(e.path("verb").asText() + " " + (group.isEmpty() ? "" : group + "/") + resource
                        + (o.has("name") ? " " + o.path("name").asText() : "")
                        + (o.has("namespace") ? " in " + o.path("namespace").asText() : ""));
            } catch (IOException ex) {
                // A line being written right now; the next read sees it whole.
            }
        }
        return out;
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
