package io.sealfleet.lotus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's HTTP side: {@code POST /rpc/v0} (the worker API, admin token required),
 * {@code HEAD|POST /rpc/streams/v0/push/<uuid>} (AddPiece data from the miner, no token, as Lotus),
 * {@code /remote/…} (sector files for the miner and its workers) and {@code GET /pieces/…} (piece
 * data for the fleet's AddPiece tasks: pushed pieces by their unguessable stream UUID, and zeros).
 */
public final class BridgeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeServer.class);
    private static final Duration PUSH_MATCH = Duration.ofSeconds(30);
    private static final Duration PIECE_WAIT = Duration.ofMinutes(2);

    private final HttpServer server;
    private final ExecutorService executor;
    private final WorkerRpc rpc;
    private final TokenVerifier tokens;
    private final PieceStore pieces;
    private final RemoteFiles remote;

    public BridgeServer(InetSocketAddress listen, WorkerRpc rpc, TokenVerifier tokens, PieceStore pieces, RemoteFiles remote)
            throws IOException {
        this.rpc = rpc;
        this.tokens = tokens;
        this.pieces = pieces;
        this.remote = remote;
        server = HttpServer.create(listen, 64);
        // The miner calls back while the bridge's WorkerConnect is pending, and pushes block on HEAD: no fixed pool.
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sealfleet-lotus-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/rpc/v0", this::rpc);
        server.createContext("/rpc/streams/v0/push/", this::push);
        server.createContext("/remote/", this::remote);
        server.createContext("/pieces/", this::piece);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    static String token(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("Authorization");
        if (h != null && h.startsWith("Bearer ")) {
            return h.substring(7).trim();
        }
        String q = ex.getRequestURI().getRawQuery();
        if (q != null) {
            for (String kv : q.split("&")) {
                if (kv.startsWith("token=")) {
                    return URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private void rpc(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "text/plain", "POST a JSON-RPC request\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            JsonNode req;
            try {
                req = LotusJson.MAPPER.readTree(ex.getRequestBody());
            } catch (IOException e) {
                sendJson(ex, 500, error(NullNode.instance, -32700, "parse error: " + e.getMessage()));
                return;
            }
            JsonNode id = req == null || req.get("id") == null ? NullNode.instance : req.get("id");
            String method = req == null ? null : req.path("method").asText(null);
            if (method == null) {
                sendJson(ex, 400, error(id, -32600, "invalid request: no method"));
                return;
            }
            if (!tokens.isAdmin(token(ex))) {
                sendJson(ex, 200, error(id, 1, "missing permission to invoke '" + method.replace("Filecoin.", "") + "' (need 'admin')"));
                return;
            }
            JsonNode params = req.get("params");
            if (params == null || params.isNull()) {
                params = LotusJson.MAPPER.createArrayNode();
            }
            try {
                ObjectNode ok = LotusJson.MAPPER.createObjectNode();
                ok.put("jsonrpc", "2.0");
                ok.set("id", id);
                ok.set("result", rpc.invoke(method, params));
                sendJson(ex, 200, ok);
            } catch (WorkerRpc.NoSuchMethod e) {
                sendJson(ex, 500, error(id, -32601, e.getMessage()));
            } catch (LotusCallException e) {
                sendJson(ex, 200, error(id, 1, e.getMessage()));
            } catch (RuntimeException e) {
                LOG.warn(method + " failed", e);
                sendJson(ex, 200, error(id, 1, method + ": " + e));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode n = LotusJson.MAPPER.createObjectNode();
        n.put("jsonrpc", "2.0");
        n.set("id", id);
        n.putObject("error").put("code", code).put("message", message);
        return n;
    }

    /** Lotus's push stream: HEAD is held until the AddPiece call naming the stream has arrived, then POST carries the bytes. */
    private void push(HttpExchange ex) throws IOException {
        try (ex) {
            UUID stream;
            try {
                stream = UUID.fromString(ex.getRequestURI().getPath().substring("/rpc/streams/v0/push/".length()));
            } catch (IllegalArgumentException e) {
                send(ex, 404, "text/plain", "not a stream UUID\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            switch (ex.getRequestMethod()) {
                case "HEAD" -> {
                    boolean ready = pieces.awaitExpected(stream, PUSH_MATCH);
                    ex.sendResponseHeaders(ready ? 200 : 500, -1);
                }
                case "POST" -> {
                    pieces.write(stream, ex.getRequestBody());
                    ex.sendResponseHeaders(200, -1);
                }
                default -> send(ex, 405, "text/plain", "HEAD or POST\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void remote(HttpExchange ex) throws IOException {
        try (ex) {
            if (!tokens.isAdmin(token(ex))) {
                sendJson(ex, 401, LotusJson.MAPPER.createObjectNode().put("Error", "unauthorized: missing admin permission"));
                return;
            }
            remote.handle(ex);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void piece(HttpExchange ex) throws IOException {
        try (ex) {
            String rest = ex.getRequestURI().getPath().substring("/pieces/".length());
            if (rest.startsWith("zero/")) {
                long n;
                try {
                    n = Long.parseLong(rest.substring(5));
                } catch (NumberFormatException e) {
                    n = -1;
                }
                if (n < 0 || n > (64L << 30)) {
                    send(ex, 404, "text/plain", "not a piece size\n".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
                ex.sendResponseHeaders(200, n == 0 ? -1 : n);
                OutputStream out = ex.getResponseBody();
                byte[] zeros = new byte[1 << 16];
                for (long left = n; left > 0; left -= zeros.length) {
                    out.write(zeros, 0, (int) Math.min(zeros.length, left));
                }
                return;
            }
            UUID stream;
            try {
                stream = UUID.fromString(rest);
            } catch (IllegalArgumentException e) {
                send(ex, 404, "text/plain", "no such piece\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Path file = pieces.awaitComplete(stream, PIECE_WAIT);
            if (file == null) {
                send(ex, 404, "text/plain", ("piece " + stream + " never arrived from the miner (or was lost when the bridge "
                        + "restarted)\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
            ex.sendResponseHeaders(200, Files.size(file) == 0 ? -1 : Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(ex.getResponseBody());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sendJson(HttpExchange ex, int code, JsonNode body) throws IOException {
        send(ex, code, "application/json", LotusJson.MAPPER.writeValueAsBytes(body));
    }

    static void send(HttpExchange ex, int code, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
