package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A lotus-miner as the worker protocol reference describes it (shared/reference/lotus-worker-protocol.md),
 * written from that document and not from the bridge: JSON-RPC 2.0 over HTTP POST on {@code /rpc/v0}
 * with Bearer tokens, {@code Version}/{@code Session}/{@code AuthVerify}, {@code WorkerConnect} (calling
 * back Version, Session, Info, TaskTypes and Paths on the worker), the storage index calls, the Return*
 * methods (a duplicate Return is an error) and a Session probe of each registered worker. It mints its
 * own admin token for its calls to the worker, and can "restart" (new session, empty index, no workers).
 */
final class MinerSimulator implements AutoCloseable {
    static final String ADMIN_TOKEN = "sim-admin-token";
    /** The token the miner sends to workers, as AuthNew(["admin"]) would mint it. */
    static final String WORKER_CALL_TOKEN = "sim-minted-admin-token";
    static final int MINER_API = 66816;

    record Call(String method, JsonNode params) {
    }

    record Registration(String url, String session, JsonNode info, JsonNode taskTypes, JsonNode paths, long version) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledExecutorService probe = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "miner-sim-probe");
        t.setDaemon(true);
        return t;
    });
    volatile String session = UUID.randomUUID().toString();
    /** Every call the miner received, in order (storage index, Returns, WorkerConnect). */
    final List<Call> received = Collections.synchronizedList(new ArrayList<>());
    /** Accepted Returns by CallID string ({@code <miner>-<number>-<uuid>}). */
    final Map<String, Call> returns = new ConcurrentHashMap<>();
    /** Return calls refused as duplicates. */
    final List<Call> duplicateReturns = Collections.synchronizedList(new ArrayList<>());
    final List<Registration> registrations = Collections.synchronizedList(new ArrayList<>());
    /** The storage index: attached path IDs and declared (path, sector, bits) since the last restart. */
    final Set<String> attached = ConcurrentHashMap.newKeySet();
    final Set<String> declared = ConcurrentHashMap.newKeySet();
    final Map<String, JsonNode> health = new ConcurrentHashMap<>();
    /** Results of Session probes of the registered worker: the UUID, or "error: …". */
    final List<String> probes = Collections.synchronizedList(new ArrayList<>());

    MinerSimulator(Duration probeEvery) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/rpc/v0", this::rpc);
        server.start();
        probe.scheduleWithFixedDelay(this::probeWorker, probeEvery.toMillis(), probeEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    String apiInfo() {
        return ADMIN_TOKEN + ":/ip4/127.0.0.1/tcp/" + server.getAddress().getPort() + "/http";
    }

    /** The miner restarts: a new session, an empty in-memory index, no registered workers. */
    synchronized void restart() {
        session = UUID.randomUUID().toString();
        attached.clear();
        declared.clear();
        health.clear();
        registrations.clear();
    }

    Registration registration() {
        synchronized (registrations) {
            return registrations.isEmpty() ? null : registrations.get(registrations.size() - 1);
        }
    }

    // ---- the miner's API --------------------------------------------------------------------------------

    private void rpc(HttpExchange ex) throws IOException {
        try (ex) {
            JsonNode req = json.readTree(ex.getRequestBody());
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            ObjectNode resp = json.createObjectNode().put("jsonrpc", "2.0");
            resp.set("id", req.get("id"));
            String method = req.path("method").asText();
            JsonNode params = req.has("params") && !req.get("params").isNull() ? req.get("params") : json.createArrayNode();
            if (!("Bearer " + ADMIN_TOKEN).equals(auth)) {
                resp.putObject("error").put("code", 1).put("message", "missing permission to invoke '" + method + "' (need 'admin')");
            } else {
                try {
                    resp.set("result", handle(method, params));
                } catch (RuntimeException e) {
                    resp.putObject("error").put("code", 1).put("message", String.valueOf(e.getMessage()));
                }
            }
            byte[] body = json.writeValueAsBytes(resp);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    private JsonNode handle(String method, JsonNode params) {
        switch (method) {
            case "Filecoin.Version":
                return json.createObjectNode().put("Version", "1.36.2-dev+sim").put("APIVersion", MINER_API).put("BlockDelay", 30)
                        .put("Agent", "lotus");
            case "Filecoin.Session":
                return json.getNodeFactory().textNode(session);
            case "Filecoin.AuthVerify": {
                String t = params.path(0).asText();
                if (t.equals(WORKER_CALL_TOKEN) || t.equals(ADMIN_TOKEN)) {
                    return json.createArrayNode().add("read").add("write").add("sign").add("admin");
                }
                throw new IllegalArgumentException("JWT verification failed");
            }
            case "Filecoin.ActorAddress":
                return json.getNodeFactory().textNode("f01000");
            default:
                break;
        }
        received.add(new Call(method, params));
        if (method.equals("Filecoin.WorkerConnect")) {
            connect(params.path(0).asText());
            return NullNode.instance;
        }
        if (method.equals("Filecoin.StorageAttach")) {
            JsonNode info = params.path(0);
            require(info.path("ID").isTextual() && info.path("URLs").isArray() && info.path("URLs").size() > 0
                    && info.has("CanSeal") && info.has("CanStore") && params.path(1).has("Available"), "StorageAttach shape: " + params);
            attached.add(info.path("ID").asText());
            return NullNode.instance;
        }
        if (method.equals("Filecoin.StorageDeclareSector")) {
            String path = params.path(0).asText();
            require(attached.contains(path), "StorageDeclareSector on unattached path " + path);
            require(params.path(1).has("Miner") && params.path(1).has("Number") && params.path(2).isInt() && params.path(3).isBoolean(),
                    "StorageDeclareSector shape: " + params);
            declared.add(path + "/" + params.path(1).path("Miner").asLong() + "-" + params.path(1).path("Number").asLong() + "/"
                    + params.path(2).asInt());
            return NullNode.instance;
        }
        if (method.equals("Filecoin.StorageDropSector")) {
            declared.remove(params.path(0).asText() + "/" + params.path(1).path("Miner").asLong() + "-"
                    + params.path(1).path("Number").asLong() + "/" + params.path(2).asInt());
            return NullNode.instance;
        }
        if (method.equals("Filecoin.StorageReportHealth")) {
            require(params.path(1).has("Stat") && params.path(1).path("Err").isTextual(), "StorageReportHealth shape: " + params);
            health.put(params.path(0).asText(), params.path(1));
            return NullNode.instance;
        }
        if (method.startsWith("Filecoin.Return")) {
            JsonNode callId = params.path(0);
            require(callId.path("Sector").has("Miner") && callId.path("ID").isTextual(), method + ": CallID shape " + callId);
            String key = callId.path("Sector").path("Miner").asLong() + "-" + callId.path("Sector").path("Number").asLong() + "-"
                    + callId.path("ID").asText();
            synchronized (returns) {
                if (returns.containsKey(key)) {
                    duplicateReturns.add(new Call(method, params));
                    throw new IllegalStateException("result for call " + key + " already reported");
                }
                returns.put(key, new Call(method, params));
            }
            return NullNode.instance;
        }
        throw new IllegalArgumentException("method '" + method + "' not found");
    }

    private static void require(boolean ok, String what) {
        if (!ok) {
            throw new IllegalArgumentException("bad params: " + what);
        }
    }

    /** WorkerConnect: the miner calls the worker back before the call returns, then keeps probing its Session. */
    private void connect(String url) {
        try {
            long version = callWorker(url, "Filecoin.Version").asLong();
            require((version >> 8) == ((1 << 8) | 7), "worker API version " + version + " is not 1.7");
            String workerSession = callWorker(url, "Filecoin.Session").asText();
            JsonNode info = callWorker(url, "Filecoin.Info");
            JsonNode types = callWorker(url, "Filecoin.TaskTypes");
            JsonNode paths = callWorker(url, "Filecoin.Paths");
            registrations.add(new Registration(url, workerSession, info, types, paths, version));
        } catch (IOException | InterruptedException | WorkerError e) {
            throw new IllegalStateException("worker at " + url + " did not answer: " + e.getMessage());
        }
    }

    private void probeWorker() {
        Registration r = registration();
        if (r == null) {
            return;
        }
        try {
            probes.add(callWorker(r.url(), Duration.ofSeconds(5), "Filecoin.Session").asText());
        } catch (Exception e) {
            probes.add("error: " + e.getMessage());
        }
    }

    // ---- the miner calling the worker -------------------------------------------------------------------

    /** A JSON-RPC error answered by the worker. */
    static final class WorkerError extends Exception {
        WorkerError(String message) {
            super(message);
        }
    }

    JsonNode callWorker(String method, Object... params) throws IOException, InterruptedException, WorkerError {
        return callWorker(registration().url(), method, params);
    }

    JsonNode callWorker(String url, String method, Object... params) throws IOException, InterruptedException, WorkerError {
        return callWorker(url, Duration.ofMinutes(1), method, params);
    }

    JsonNode callWorker(String url, Duration timeout, String method, Object... params)
            throws IOException, InterruptedException, WorkerError {
        return callWorkerWithToken(url, timeout, WORKER_CALL_TOKEN, method, params);
    }

    JsonNode callWorkerWithToken(String url, Duration timeout, String token, String method, Object... params)
            throws IOException, InterruptedException, WorkerError {
        ObjectNode req = json.createObjectNode().put("jsonrpc", "2.0").put("id", ids.incrementAndGet()).put("method", method);
        ArrayNode p = req.putArray("params");
        for (Object o : params) {
            p.add(json.valueToTree(o));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(req)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = json.readTree(r.body());
        if (body.hasNonNull("error")) {
            throw new WorkerError(body.get("error").path("message").asText() + " (code " + body.get("error").path("code").asInt() + ")");
        }
        if (r.statusCode() != 200) {
            throw new IOException("HTTP " + r.statusCode());
        }
        return body.get("result");
    }

    /** The push stream of §5.2: HEAD (no token) until the worker is ready, then POST the bytes. */
    int push(String workerBase, UUID stream, byte[] data) throws IOException, InterruptedException {
        URI uri = URI.create(workerBase + "/rpc/streams/v0/push/" + stream);
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        if (head.statusCode() != 200) {
            return head.statusCode();
        }
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    HttpResponse<byte[]> getRemote(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> deleteRemote(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    Set<String> returnMethods() {
        Set<String> out = new HashSet<>();
        returns.values().forEach(c -> out.add(c.method()));
        return out;
    }

    long count(String method) {
        synchronized (received) {
            return received.stream().filter(c -> c.method().equals(method)).count();
        }
    }

    @Override
    public void close() {
        probe.shutdownNow();
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
