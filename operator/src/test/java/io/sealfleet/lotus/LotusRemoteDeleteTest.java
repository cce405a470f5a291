package io.sealfleet.lotus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.sealfleet.agent.DeleteGuard;
import io.sealfleet.agent.SectorFiles;
import io.sealfleet.agent.SectorName;
import io.sealfleet.agent.TransferServer;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.table.FileType;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge's {@code DELETE /remote/}: every worker holding the file deletes it, and success only when all did. */
class LotusRemoteDeleteTest {
    private static final String TOKEN = "transfer-token";
    private static final SectorName NINE = SectorName.of("f01000", 9);

    @TempDir
    Path tmp;
    private final Set<SectorName> busyOnB = ConcurrentHashMap.newKeySet();
    private TransferServer agentA;
    private TransferServer agentB;
    private SectorFiles a;
    private SectorFiles b;
    private HttpServer bridge;

    @BeforeEach
    void twoWorkersHoldingTheUnsealedCopy() throws Exception {
        a = new SectorFiles(tmp.resolve("a-seal"));
        b = new SectorFiles(tmp.resolve("b-seal"));
        for (SectorFiles f : List.of(a, b)) {
            f.create();
            Files.write(f.path(FileType.unsealed, NINE), new byte[2048]);
        }
        agentA = new TransferServer(new InetSocketAddress("127.0.0.1", 0), TOKEN, List.of(new TransferServer.SourcePath(a, null)),
                DeleteGuard.NONE);
        agentB = new TransferServer(new InetSocketAddress("127.0.0.1", 0), TOKEN, List.of(new TransferServer.SourcePath(b, null)),
                new DeleteGuard() {
                    @Override
                    public String claim(SectorName sector) {
                        return busyOnB.contains(sector) ? "task default/pc2-9 of the sector runs on b" : null;
                    }

                    @Override
                    public void done(SectorName sector, boolean removed) {
                    }
                });
        FleetView fleet = FleetView.of(List.of(worker("a", agentA.baseUri()), worker("b", agentB.baseUri())));
        RemoteFiles remote = new RemoteFiles(() -> fleet, new FleetFiles(TOKEN));
        bridge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bridge.createContext("/remote/", ex -> {
            try (ex) {
                remote.handle(ex);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        bridge.start();
    }

    @AfterEach
    void stop() {
        bridge.stop(0);
        agentA.close();
        agentB.close();
    }

    private static SealingWorker worker(String name, URI endpoint) {
        String yaml = """
                apiVersion: sealing.sealfleet.io/v1alpha1
                kind: SealingWorker
                metadata: {name: %s, namespace: default}
                spec:
                  resources: {cpu: 8, memory: 64Gi}
                  storage:
                    - {id: %s-seal, hostPath: /srv, canSeal: true}
                status:
                  phase: Ready
                  endpoint: %s
                  capacity: {cpu: 8, memory: 64Gi}
                  storage:
                    - id: %s-seal
                      capacityBytes: 1000000000
                      availableBytes: 600000000
                      sectors: [{miner: f01000, sector: 9, files: [unsealed]}]
                """.formatted(name, name, endpoint, name);
        return new KubernetesSerialization().unmarshal(yaml, SealingWorker.class);
    }

    private HttpResponse<String> delete(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.getAddress().getPort()
                + path)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyHolderDeletesItsCopyAndTheMinerGets200() throws Exception {
        assertThat(delete("/remote/unsealed/s-t01000-9").statusCode()).isEqualTo(200);
        assertThat(a.path(FileType.unsealed, NINE)).doesNotExist();
        assertThat(b.path(FileType.unsealed, NINE)).doesNotExist();
    }

    @Test
    void aHolderRefusingWhileItsTaskRunsFailsTheDeleteWithItsReasonUntilTheTaskEnds() throws Exception {
        busyOnB.add(NINE);
        HttpResponse<String> refused = delete("/remote/unsealed/s-t01000-9");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.body()).contains("409", "task default/pc2-9 of the sector runs on b");
        assertThat(b.path(FileType.unsealed, NINE)).exists();
        busyOnB.clear();
        assertThat(delete("/remote/unsealed/s-t01000-9").statusCode()).isEqualTo(200);
        assertThat(b.path(FileType.unsealed, NINE)).doesNotExist();
    }

    @Test
    void keptPathsAreNotAskedAndKeepTheirCopy() throws Exception {
        assertThat(delete("/remote/unsealed/s-t01000-9?keep=b-seal").statusCode()).isEqualTo(200);
        assertThat(a.path(FileType.unsealed, NINE)).doesNotExist();
        assertThat(b.path(FileType.unsealed, NINE)).exists();
    }

    @Test
    void anUnknownFileTypeIsAnErrorNamingTheForm() throws Exception {
        HttpResponse<String> r = delete("/remote/piece/s-t01000-9");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("is not <type>/s-t0<miner>-<number>");
        assertThat(a.path(FileType.unsealed, NINE)).exists();
    }
}
