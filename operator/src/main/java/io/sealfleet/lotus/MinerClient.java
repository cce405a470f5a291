package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over HTTP POST to the miner's {@code /rpc/v0}, with the admin token as a Bearer header.
 * A transport failure (the miner is down, an HTTP error status) is an {@link IOException}; an error
 * object in the answer is an {@link RpcException}.
 */
public final class MinerClient {
    private final MinerApiInfo api;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong ids = new AtomicLong();

    public MinerClient(MinerApiInfo api) {
        this.api = api;
    }

    public JsonNode call(String method, Object... params) throws IOException, InterruptedException, RpcException {
        return call(Duration.ofMinutes(5), method, params);
    }

    public JsonNode call(Duration timeout, String method, Object... params) throws IOException, InterruptedException, RpcException {
        ObjectNode req = LotusJson.MAPPER.createObjectNode();
        req.put("jsonrpc", "2.0");
        req.put("id", ids.incrementAndGet());
        req.put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(LotusJson.MAPPER.valueToTree(o));
        }
        HttpRequest r = HttpRequest.newBuilder(api.rpcUri()).timeout(timeout)
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + api.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(LotusJson.MAPPER.writeValueAsBytes(req))).build();
        HttpResponse<byte[]> resp = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body;
        try {
            body = LotusJson.MAPPER.readTree(resp.body());
        } catch (IOException e) {
            throw new IOException(method + ": the miner answered HTTP " + resp.statusCode() + " with no JSON-RPC body");
        }
        if (body != null && body.hasNonNull("error")) {
            JsonNode e = body.get("error");
            if (resp.statusCode() >= 400 && e.path("code").asInt() < -32000) {
                throw new IOException(method + ": protocol error " + e);
            }
            throw new RpcException(method, e.path("code").asInt(), e.path("message").asText());
        }
        if (resp.statusCode() != 200 || body == null) {
            throw new IOException(method + ": the miner answered HTTP " + resp.statusCode());
        }
        return body.get("result");
    }
}
