package io.sealfleet.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.sealfleet.controller.WorkerPods;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * worker-image/build (mmdebstrap + buildah, no Docker) and the Dockerfile's runtime-cpu stage make the same
 * image: the same files at the same paths, the same user, working directory, entrypoint, command,
 * environment and labels; and the script's default tag is the image the chart installs. Static: the
 * script is read, not run (building the image takes minutes).
 */
class WorkerImageBuildScriptTest {
    private static String script;
    private static WorkerImageDockerfileTest.Stage cpu;
    private static Path root;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
        script = String.join("\n", WorkerImageDockerfileTest.Dockerfile.logicalLines(
                Files.readString(root.resolve("worker-image/build"))));
        cpu = WorkerImageDockerfileTest.Dockerfile.parse(Files.readString(root.resolve("worker-image/Dockerfile"))).stage("runtime-cpu");
    }

    @Test
    void scriptIsExecutable() {
        assertThat(root.resolve("worker-image/build")).isExecutable();
    }

    @Test
    void userWorkdirEntrypointAndCommandAreTheDockerfiles() {
        assertThat(script).contains("--user " + cpu.all("USER").get(0).args() + " ");
        assertThat(script).contains("--workingdir " + cpu.workdir() + " ");
        assertThat(script).contains("--entrypoint '" + cpu.all("ENTRYPOINT").get(0).args().replace(", ", ",") + "'");
        assertThat(cpu.json("CMD")).containsExactly("agent");
        assertThat(script).contains("--cmd agent ");
    }

    @Test
    void environmentIsTheDockerfilesWithJavaAtTheSamePlace() {
        assertThat(script).contains("--env SEALFLEET_SEALER=" + cpu.env("SEALFLEET_SEALER") + " ");
        // The Dockerfile's base image (Temurin) sets these; the script sets them itself.
        assertThat(script).contains("--env JAVA_HOME=/opt/java/openjdk ", "--env LANG=C.UTF-8 ", "--env PATH=/opt/java/openjdk/bin:");
        assertThat(script).as("Debian's JRE is reached at the Temurin images' JAVA_HOME")
                .contains("ln -s \"$(dirname \"$(dirname \"$(chroot \"$1\" readlink -f /usr/bin/java)\")\")\" \"$1/opt/java/openjdk\"");
    }

    @Test
    void filesLandWhereTheDockerfileCopiesThem() {
        for (String copy : List.of("/usr/local/bin/sealer", "/opt/sealfleet/entrypoint.sh", "/opt/sealfleet/sealfleet.jar")) {
            assertThat(cpu.all("COPY")).as("the Dockerfile copies to " + copy).anyMatch(c -> c.args().endsWith(" " + copy));
            Path p = Path.of(copy);
            assertThat(script).as("the script copies %s into %s", p.getFileName(), p.getParent())
                    .containsPattern("copy-in \\S*" + Pattern.quote(p.getFileName().toString()) + " " + Pattern.quote(p.getParent().toString())
                            + "\"");
        }
        assertThat(script).contains("chmod 0755 \"$1/opt/sealfleet/entrypoint.sh\" \"$1/usr/local/bin/sealer\"");
    }

    @Test
    void runtimeUserOwnsTheStorageRootAsInTheDockerfile() {
        Matcher user = Pattern.compile("(\\d+):(\\d+)").matcher(cpu.all("USER").get(0).args());
        assertThat(user.matches()).isTrue();
        String uid = user.group(1);
        String gid = user.group(2);
        String useradd = cpu.runs().stream().filter(r -> r.contains("useradd")).findFirst().orElseThrow();
        assertThat(useradd).contains("--home-dir /var/lib/sealfleet", "--shell /usr/sbin/nologin");
        assertThat(script).contains("sealfleet:x:" + uid + ":" + gid + ":sealfleet worker:/var/lib/sealfleet:/usr/sbin/nologin",
                "sealfleet:x:" + gid + ":", "chown -R " + uid + ":" + gid + " \"$1/var/lib/sealfleet\"",
                "\"$1" + WorkerPods.STORAGE_ROOT.replaceAll("/$", "") + "\"");
    }

    @Test
    void runtimePackagesAreTheDockerfilesWithDebiansJre() {
        String apt = cpu.runs().stream().filter(r -> r.contains("apt-get install")).findFirst().orElseThrow();
        for (String pkg : List.of("ca-certificates", "libssl3")) {
            assertThat(apt).contains(pkg);
            assertThat(script).containsPattern("--include=[^ ]*\\b" + pkg + "\\b");
        }
        assertThat(script).containsPattern("--include=[^ ]*openjdk-17-jre-headless");
    }

    @Test
    void labelsAreTheDockerfiles() {
        String labels = cpu.all("LABEL").get(0).args();
        for (String key : List.of("org.opencontainers.image.title=\"sealfleet-worker\"", "io.sealfleet.image.variant=\"cpu\"")) {
            assertThat(labels).contains(key);
            assertThat(script).contains("--label " + key.replace("\"", "") + " ");
        }
        assertThat(script).contains("--label \"org.opencontainers.image.description=sealfleet worker: the sealfleet agent and the "
                + "native sealer (CPU only)\"");
    }

    @Test
    void defaultTagIsTheImageTheChartInstalls() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode values = yaml.readTree(root.resolve("charts/sealfleet/values.yaml").toFile());
        JsonNode chart = yaml.readTree(root.resolve("charts/sealfleet/Chart.yaml").toFile());
        assertThat(values.at("/image/tag").asText()).as("the chart's image.tag (empty: appVersion)").isEmpty();
        assertThat(script).containsPattern("repository=\\$\\(sed -n 's/\\^ +repository: \\*//p' \"\\$repo/charts/sealfleet/values.yaml\"")
                .contains("app_version=$(sed -n 's/^appVersion:", "\"$repo/charts/sealfleet/Chart.yaml\")", "tag=$repository:$app_version");
        assertThat(values.at("/image/repository").asText() + ":" + chart.path("appVersion").asText())
                .isEqualTo("ghcr.io/sealfleet/worker:0.1.0");
    }
}
