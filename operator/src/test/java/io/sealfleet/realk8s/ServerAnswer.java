package io.sealfleet.realk8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What the API server answered to a server-side dry-run create with strict field validation, as
 * {@code kubectl create --dry-run=server} sends it: the HTTP code and, on a refusal, the Status message
 * and the fields of its causes.
 */
record ServerAnswer(int code, String message, List<String> fields) {
    private static final ObjectMapper JSON = new ObjectMapper();

    boolean accepted() {
        return code / 100 == 2;
    }

    /** Dry-run creates {@code object} (apiVersion and kind say where) in {@code namespace}. */
    static ServerAnswer dryRunCreate(KubernetesClient client, JsonNode object, String namespace) {
        String apiVersion = object.path("apiVersion").asText();
        String plural = object.path("kind").asText().toLowerCase(Locale.ROOT) + "s";
        String base = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion;
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + base + "/namespaces/" + namespace + "/" + plural
                + "?dryRun=All&fieldValidation=Strict";
        try {
            HttpClient http = client.getHttpClient();
            HttpRequest request = http.newHttpRequestBuilder().uri(url)
                    .post("application/json", JSON.writeValueAsString(object)).build();
            HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
            if (response.code() / 100 == 2) {
                return new ServerAnswer(response.code(), "", List.of());
            }
            JsonNode status = JSON.readTree(response.body());
            List<String> fields = new ArrayList<>();
            status.path("details").path("causes").forEach(c -> fields.add(c.path("field").asText()));
            return new ServerAnswer(response.code(), status.path("message").asText(response.body()), fields);
        } catch (Exception e) {
            throw new AssertionError("dry-run create of " + object.path("metadata").path("name") + " failed: " + e, e);
        }
    }
}
