package io.sealfleet.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.sealfleet.api.SealingWorker;
import io.sealfleet.api.SealingWorkerSpec;
import io.sealfleet.api.StoragePathSpec;
import io.sealfleet.controller.WorkerPods;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins worker-image/Dockerfile to its documentation and to the contracts it packages: the build steps
 * of every stage are the ones worker-image/README.md lists, and the native and Maven commands are the
 * documented ones; the runtime images run as a non-root numeric user, only the GPU one carries CUDA,
 * sealer and the jar come from the build stages, the entrypoint execs the jar with the pod's args, and
 * .dockerignore keeps build outputs out of the context. Static: no Docker, no network.
 */
class WorkerImageDockerfileTest {
    private static final List<String> STAGES = List.of("native-cpu", "native-gpu", "jar", "jre", "runtime-gpu",
            "runtime-cpu");
    private static final List<String> RUNTIME_STAGES = List.of("runtime-cpu", "runtime-gpu");
    private static final String SEALER = "/usr/local/bin/sealer";
    private static final String JAR = "/opt/sealfleet/sealfleet.jar";
    private static final String ENTRYPOINT = "/opt/sealfleet/entrypoint.sh";
    private static final String PACKAGE = "mvn -B -ntp -DskipTests package";

    private static Path root;
    private static Dockerfile dockerfile;
    private static String readme;

    @BeforeAll
    static void read() throws IOException {
        root = Path.of(System.getProperty("sealfleet.repo.root", "..")).toAbsolutePath().normalize();
        dockerfile = Dockerfile.parse(read("worker-image/Dockerfile"));
        readme = read("README.md");
    }

    // ---- stages and documented steps ----------------------------------------------------------

    @Test
    void isMultiStageWithNamedStagesAndRuntimeCpuLastSoItIsTheDefaultTarget() {
        assertThat(dockerfile.stages.keySet()).containsExactlyElementsOf(STAGES);
        assertThat(dockerfile.stages.values().stream().map(s -> s.name).toList()).doesNotContainNull();
    }

    @Test
    void everyStagesFromAndRunStepsAreExactlyTheBuildStepsWorkerImageReadmeDocuments() throws IOException {
        Dockerfile documented = Dockerfile.parse(fencedBlockUnder(read("worker-image/README.md"), "## Build steps"));

        assertThat(documented.stages.keySet()).as("stages in the README's Build steps")
                .containsExactlyElementsOf(dockerfile.stages.keySet());
        for (Stage stage : dockerfile.stages.values()) {
            Stage doc = documented.stages.get(stage.name);
            assertThat(doc.from).as("FROM of stage %s", stage.name).isEqualTo(stage.from);
            assertThat(doc.runs()).as("RUN steps of stage %s", stage.name).containsExactlyElementsOf(stage.runs());
            assertThat(doc.instructions).as("the README block lists only FROM and RUN lines")
                    .allMatch(i -> i.keyword.equals("RUN"));
        }
    }

    @Test
    void nativeStagesRunTheCmakeCommandsOfTheTopLevelReadmeWithSealerCudaOffOnCpuAndOnOnGpu() {
        String configure = codeLine(readme, "cmake -S native-proofs -B native-proofs/build ");
        String build = codeLine(readme, "cmake --build native-proofs/build");

        for (String variant : List.of("cpu", "gpu")) {
            Stage stage = dockerfile.stage("native-" + variant);
            String cuda = variant.equals("gpu") ? "ON" : "OFF";
            assertThat(stage.runs()).as("RUN steps of %s", stage.name)
                    .containsSubsequence(configure + " -DSEALER_CUDA=" + cuda, build);
            assertThat(stage.indexOf("COPY", "native-proofs/ native-proofs/"))
                    .as("native-proofs/ is copied before the configure step")
                    .isBetween(0, stage.indexOf("RUN", configure + " -DSEALER_CUDA=" + cuda));
        }
        assertThat(dockerfile.stage("native-gpu").runs())
                .anyMatch(r -> r.contains("CMAKE_CUDA_COMPILER") && r.contains("exit 1"));
    }

    @Test
    void nativeStagesRunACmakeConfigureAndBuildThatNativeProofsReadmeDocuments() throws IOException {
        Path nativeReadme = root.resolve("native-proofs/README.md");
        assumeThat(nativeReadme).as("native-proofs/ is part of this checkout").exists();
        String doc = Files.readString(nativeReadme, StandardCharsets.UTF_8);
        // The commands as the native docs write them, in code blocks or inline, one per line or joined by &&.
        Set<String> documented = new LinkedHashSet<>();
        Matcher m = Pattern.compile("cmake (?:-S|--build) native-proofs[^\\n`&]*").matcher(doc);
        while (m.find()) {
            documented.add(normalizeJobs(m.group().trim()));
        }

        for (String variant : List.of("cpu", "gpu")) {
            Stage stage = dockerfile.stage("native-" + variant);
            String configure = stage.runs().stream().filter(r -> r.startsWith("cmake -S ")).findFirst().orElseThrow();
            String build = stage.runs().stream().filter(r -> r.startsWith("cmake --build ")).findFirst().orElseThrow();
            // The image only adds the CUDA switch the native docs describe (-DSEALER_CUDA=OFF turns it off).
            assertThat(documented).as("cmake commands of native-proofs/README.md")
                    .contains(configure.replaceAll(" -DSEALER_CUDA=(ON|OFF)", ""), normalizeJobs(build));
        }
    }

    @Test
    void jarStageResolvesDependenciesFromThePomsAloneThenRunsTheDocumentedMavenPackage() {
        Stage jar = dockerfile.stage("jar");
        assertThat(codeLines(readme)).as("code lines of the top-level README").contains(PACKAGE);
        assertThat(jar.runs()).hasSize(2).last().isEqualTo(PACKAGE);

        int poms = jar.indexOf("COPY", "operator/pom.xml operator/");
        int resolve = jar.indexOf("RUN", jar.runs().get(0));
        int sources = jar.indexOf("COPY", "operator/src/ operator/src/");
        assertThat(jar.indexOf("COPY", "pom.xml ./")).isBetween(0, poms);
        assertThat(jar.runs().get(0)).startsWith("mvn -B -ntp ").contains("dependency-plugin:").endsWith(":go-offline");
        assertThat(poms).isLessThan(resolve);
        assertThat(resolve).isLessThan(sources);
        assertThat(sources).isLessThan(jar.indexOf("RUN", PACKAGE));
    }

    // ---- runtime stages -------------------------------------------------------------------------

    @Test
    void runtimeStagesRunAsANonRootNumericUserThatOwnsTheStorageRoot() {
        for (String name : RUNTIME_STAGES) {
            Stage stage = dockerfile.stage(name);
            List<Instruction> users = stage.all("USER");
            assertThat(users).as("USER of %s", name).hasSize(1);
            Matcher user = Pattern.compile("(\\d+):(\\d+)").matcher(users.get(0).args);
            assertThat(user.matches()).as("USER of %s is numeric uid:gid, got %s", name, users.get(0).args).isTrue();
            String uid = user.group(1);
            String gid = user.group(2);
            assertThat(Integer.parseInt(uid)).isPositive();
            assertThat(Integer.parseInt(gid)).isPositive();
            assertThat(stage.indexOf("USER", users.get(0).args)).isLessThan(stage.indexOf("ENTRYPOINT", null));

            String storageRoot = WorkerPods.STORAGE_ROOT.replaceAll("/$", "");
            assertThat(stage.runs()).as("%s creates the user and the storage root, owned by it", name).anySatisfy(r -> {
                assertThat(r).contains("groupadd --gid " + gid + " ", "useradd --uid " + uid + " --gid " + gid + " ",
                        "mkdir -p " + storageRoot, "chown -R " + uid + ":" + gid + " /var/lib/sealfleet");
            });
        }
    }

    @Test
    void onlyTheGpuRuntimeIsBuiltOnACudaImageAndTheCpuRuntimeDependsOnNothingWithCuda() {
        assertThat(dockerfile.baseImage("runtime-gpu"))
                .matches("nvidia/cuda:\\d+\\.\\d+(\\.\\d+)?-(base|runtime)-ubuntu22\\.04");
        assertThat(dockerfile.baseImage("native-gpu")).matches("nvidia/cuda:\\d+\\.\\d+(\\.\\d+)?-devel-ubuntu22\\.04");

        for (String stage : dockerfile.dependencies("runtime-cpu")) {
            assertThat(dockerfile.baseImage(stage)).as("base of %s, which runtime-cpu uses", stage)
                    .doesNotContainIgnoringCase("cuda").doesNotContainIgnoringCase("nvidia");
            assertThat(dockerfile.stage(stage).instructions).as("instructions of %s", stage)
                    .noneMatch(i -> i.args.toLowerCase().contains("cuda=on") || i.args.contains("nvcc"));
        }
        assertThat(dockerfile.dependencies("runtime-cpu")).contains("native-cpu", "jar")
                .doesNotContain("native-gpu", "runtime-gpu");
        assertThat(dockerfile.dependencies("runtime-gpu")).contains("native-gpu", "jar", "jre")
                .doesNotContain("native-cpu", "runtime-cpu");
    }

    @Test
    void runtimeStagesCopySealerAndTheJarFromTheBuildStagesOutputs() throws IOException {
        assertThat(read("operator/pom.xml")).as("the jar the jar stage builds is operator/target/sealfleet.jar")
                .contains("<finalName>sealfleet</finalName>");
        for (String variant : List.of("cpu", "gpu")) {
            Stage stage = dockerfile.stage("runtime-" + variant);
            String nativeDir = dockerfile.stage("native-" + variant).workdir();
            String jarDir = dockerfile.stage("jar").workdir();
            assertThat(stage.all("COPY")).extracting(i -> i.args).as("COPY lines of %s", stage.name).contains(
                    "--from=native-" + variant + " " + nativeDir + "/native-proofs/build/sealer " + SEALER,
                    "--from=jar " + jarDir + "/operator/target/sealfleet.jar " + JAR);
            assertThat(stage.env("SEALFLEET_SEALER")).isEqualTo(SEALER);
        }
    }

    @Test
    void entrypointExecsTheJarWithThePodsArgsAndAgentIsTheDefaultCommand() throws IOException {
        for (String name : RUNTIME_STAGES) {
            Stage stage = dockerfile.stage(name);
            assertThat(stage.json("ENTRYPOINT")).as("ENTRYPOINT of %s", name).containsExactly(ENTRYPOINT);
            assertThat(stage.json("CMD")).as("CMD of %s", name).containsExactly("agent");
        }

        String script = read("worker-image/entrypoint.sh");
        assertThat(script).startsWith("#!/bin/sh\n").contains("\nset -eu\n")
                .contains(": \"${SEALFLEET_SEALER:=" + SEALER + "}\"\nexport SEALFLEET_SEALER\n");
        List<String> lines = Dockerfile.logicalLines(script);
        List<String> execs = lines.stream().filter(l -> l.startsWith("exec java ")).toList();
        assertThat(execs).hasSize(1);
        assertThat(execs.get(0)).endsWith(" -jar " + JAR + " \"$@\"").contains("-XX:MaxRAMPercentage=25.0")
                .contains("${JAVA_OPTS:-}");
        assertThat(lines.get(lines.size() - 1)).as("the last command of the script").isEqualTo(execs.get(0));

        // The operator's worker pod sets args only, so they reach this entrypoint, starting with the CMD.
        Container container = workerPod().getSpec().getContainers().get(0);
        assertThat(container.getCommand()).as("worker container command").isNullOrEmpty();
        assertThat(container.getArgs()).startsWith(dockerfile.stage("runtime-cpu").json("CMD").get(0));
        assertThat(container.getVolumeMounts()).allSatisfy(m -> assertThat(m.getMountPath())
                .satisfiesAnyOf(p -> assertThat(p).startsWith(WorkerPods.STORAGE_ROOT),
                        p -> assertThat(p).isIn(WorkerPods.PARENT_CACHE_DIR, WorkerPods.PARAMETER_CACHE_DIR)));
    }

    @Test
    void entrypointIsExecutableInTheCheckoutAndChmoddedByTheDockerfileAndIsValidSh() throws Exception {
        Path script = root.resolve("worker-image/entrypoint.sh");
        for (String name : RUNTIME_STAGES) {
            assertThat(dockerfile.stage(name).all("COPY")).extracting(i -> i.args).as("COPY lines of %s", name)
                    .contains("--chmod=0755 worker-image/entrypoint.sh " + ENTRYPOINT);
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(script, PosixFileAttributeView.class);
        if (posix != null) {
            assertThat(posix.readAttributes().permissions()).as("mode of worker-image/entrypoint.sh (git: 100755)")
                    .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                            PosixFilePermission.OTHERS_EXECUTE);
        }
        if (Files.isExecutable(Path.of("/bin/sh"))) {
            Process sh = new ProcessBuilder("/bin/sh", "-n", script.toString()).redirectErrorStream(true).start();
            assertThat(sh.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sh.exitValue()).as("sh -n: %s", new String(sh.getInputStream().readAllBytes(),
                    StandardCharsets.UTF_8)).isZero();
        }
    }

    // ---- build context -------------------------------------------------------------------------

    @Test
    void dockerignoreKeepsBuildOutputsAndGitOutOfTheContextAndTheSourcesIn() throws IOException {
        DockerIgnore ignore = DockerIgnore.parse(read(".dockerignore"));
        assertThat(List.of(".git", ".git/HEAD", "target", "operator/target", "operator/target/sealfleet.jar",
                "operator/target/classes/io/sealfleet/cli/Main.class", "native-proofs/build",
                "native-proofs/build/sealer", "native-proofs/build-asan/CMakeCache.txt", "native-proofs/build2/sealer",
                ".demo/run.log", ".idea/workspace.xml"))
                .allSatisfy(p -> assertThat(ignore.excludes(p)).as("excluded: %s", p).isTrue());
        assertThat(List.of("pom.xml", "operator/pom.xml", "operator/src/main/java/io/sealfleet/cli/Main.java",
                "operator/src/test/java/io/sealfleet/image/WorkerImageDockerfileTest.java", "native-proofs/CMakeLists.txt",
                "native-proofs/src/cli/main.c", "native-proofs/tests/tests.cmake", "worker-image/entrypoint.sh",
                "worker-image/Dockerfile"))
                .allSatisfy(p -> assertThat(ignore.excludes(p)).as("excluded: %s", p).isFalse());
    }

    @Test
    void everyFileCopiedFromTheContextExistsAndIsNotIgnored() throws IOException {
        DockerIgnore ignore = DockerIgnore.parse(read(".dockerignore"));
        boolean nativeHere = Files.isDirectory(root.resolve("native-proofs"));
        for (Stage stage : dockerfile.stages.values()) {
            for (Instruction copy : stage.all("COPY")) {
                List<String> words = Arrays.stream(copy.args.split(" ")).filter(w -> !w.startsWith("--")).toList();
                if (copy.args.contains("--from=")) {
                    continue;
                }
                for (String source : words.subList(0, words.size() - 1)) {
                    String path = source.replaceAll("/$", "");
                    assertThat(ignore.excludes(path)).as("%s: COPY %s is excluded by .dockerignore", stage.name, source)
                            .isFalse();
                    if (path.startsWith("native-proofs") && !nativeHere) {
                        continue; // the native sources live on their own branch until it is merged
                    }
                    assertThat(root.resolve(path)).as("%s: COPY %s", stage.name, source).exists();
                }
            }
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static String read(String relative) throws IOException {
        return Files.readString(root.resolve(relative), StandardCharsets.UTF_8);
    }

    /** The lines of the fenced code blocks in {@code markdown}, trimmed. */
    private static List<String> codeLines(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inCode = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (inCode) {
                lines.add(line.trim());
            }
        }
        return lines;
    }

    /** The first line of a fenced code block in {@code markdown} that starts with {@code prefix}. */
    private static String codeLine(String markdown, String prefix) {
        return codeLines(markdown).stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no code line starting with '" + prefix + "'"));
    }

    /** The content of the first fenced code block after {@code heading}. */
    private static String fencedBlockUnder(String markdown, String heading) {
        int at = markdown.indexOf("\n" + heading + "\n");
        assertThat(at).as("heading %s", heading).isNotNegative();
        int open = markdown.indexOf("\n```", at);
        int start = markdown.indexOf('\n', open + 1) + 1;
        int close = markdown.indexOf("\n```", start);
        assertThat(open).isPositive();
        assertThat(close).isPositive();
        return markdown.substring(start, close + 1);
    }

    /** {@code -j2}, {@code -j"$(nproc)"} and {@code -j 8} all read {@code -j}: the job count is the builder's. */
    private static String normalizeJobs(String command) {
        return command.replaceAll(" -j(\\s*\\S+)?$", " -j").replaceAll(" -j(\\s*\\d+|\\S+) ", " -j ");
    }

    private static Pod workerPod() {
        SealingWorkerSpec spec = new SealingWorkerSpec();
        StoragePathSpec path = new StoragePathSpec();
        path.id = "seal-1";
        path.hostPath = "/mnt/seal-1";
        spec.storage = List.of(path);
        SealingWorker w = new SealingWorker();
        w.setMetadata(new ObjectMetaBuilder().withName("w1").withNamespace("ns").withUid("uid-1").build());
        w.setSpec(spec);
        return WorkerPods.desired(w, "sealfleet-worker:cpu", "sealfleet-worker");
    }

    // ---- a Dockerfile reader: comments, line continuations, stages, ARG substitution in FROM ----------

    record Instruction(String keyword, String args) {
    }

    static final class Stage {
        final String name;
        /** The FROM image as written (ARG references unexpanded). */
        final String from;
        final String image;
        final List<Instruction> instructions = new ArrayList<>();

        Stage(String name, String from, String image) {
            this.name = name;
            this.from = from;
            this.image = image;
        }

        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword.equals(keyword)).toList();
        }

        List<String> runs() {
            return all("RUN").stream().map(Instruction::args).toList();
        }

        /** Position of the first {@code keyword} instruction with these args (any args when null); -1 if none. */
        int indexOf(String keyword, String args) {
            for (int i = 0; i < instructions.size(); i++) {
                Instruction in = instructions.get(i);
                if (in.keyword.equals(keyword) && (args == null || in.args.equals(args))) {
                    return i;
                }
            }
            return -1;
        }

        String workdir() {
            List<Instruction> w = all("WORKDIR");
            assertThat(w).as("WORKDIR of %s", name).hasSize(1);
            return w.get(0).args;
        }

        String env(String variable) {
            for (Instruction env : all("ENV")) {
                Matcher m = Pattern.compile("(?:^| )" + Pattern.quote(variable) + "=(\"[^\"]*\"|\\S+)").matcher(env.args);
                if (m.find()) {
                    return m.group(1).replaceAll("^\"|\"$", "");
                }
            }
            return null;
        }

        List<String> json(String keyword) {
            List<Instruction> found = all(keyword);
            assertThat(found).as("%s of %s", keyword, name).hasSize(1);
            try {
                return new ObjectMapper().readValue(found.get(0).args, new TypeReference<List<String>>() {
                });
            } catch (IOException e) {
                throw new AssertionError(keyword + " of " + name + " is not in exec (JSON) form: " + found.get(0).args, e);
            }
        }
    }

    static final class Dockerfile {
        final Map<String, String> globalArgs = new HashMap<>();
        final Map<String, Stage> stages = new LinkedHashMap<>();

        /**
         * Logical lines: comment lines dropped (also inside a continuation, as Docker does), lines ending
         * in a backslash joined with the next, runs of whitespace collapsed to one space.
         */
        static List<String> logicalLines(String text) {
            List<String> out = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            boolean continued = false;
            for (String raw : text.split("\n", -1)) {
                String line = raw.stripTrailing();
                if (line.strip().startsWith("#") || (line.isBlank() && !continued)) {
                    continue;
                }
                if (line.endsWith("\\")) {
                    current.append(line, 0, line.length() - 1).append(' ');
                    continued = true;
                    continue;
                }
                current.append(line);
                out.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
                continued = false;
            }
            if (!current.isEmpty()) {
                out.add(current.toString().strip().replaceAll("\\s+", " "));
            }
            return out;
        }

        static Dockerfile parse(String text) {
            Dockerfile d = new Dockerfile();
            Stage stage = null;
            for (String line : logicalLines(text)) {
                int space = line.indexOf(' ');
                String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase();
                String args = space < 0 ? "" : line.substring(space + 1);
                if (keyword.equals("FROM")) {
                    List<String> words = Arrays.stream(args.split(" ")).filter(w -> !w.startsWith("--")).toList();
                    assertThat(words).as("FROM %s: FROM <image> AS <name>", args).hasSize(3);
                    assertThat(words.get(1)).isEqualToIgnoringCase("AS");
                    stage = new Stage(words.get(2), words.get(0), d.substitute(words.get(0)));
                    assertThat(d.stages.put(stage.name, stage)).as("stage %s named twice", stage.name).isNull();
                } else if (stage == null) {
                    assertThat(keyword).as("before the first FROM only ARG may appear").isEqualTo("ARG");
                    String[] kv = args.split("=", 2);
                    d.globalArgs.put(kv[0], kv.length > 1 ? kv[1].replaceAll("^\"|\"$", "") : "");
                } else {
                    stage.instructions.add(new Instruction(keyword, args));
                }
            }
            return d;
        }

        /** Expands $NAME, ${NAME} and ${NAME:-default} with the global ARGs' defaults, as FROM does. */
        String substitute(String s) {
            Matcher m = Pattern.compile("\\$\\{(\\w+)(?::-([^}]*))?}|\\$(\\w+)").matcher(s);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(3);
                String value = globalArgs.get(name);
                if (value == null || value.isEmpty()) {
                    value = m.group(2) != null ? m.group(2) : "";
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        Stage stage(String name) {
            Stage s = stages.get(name);
            assertThat(s).as("stage %s", name).isNotNull();
            return s;
        }

        /** The image a stage is built on, following FROM <earlier stage> to its base. */
        String baseImage(String name) {
            Stage s = stage(name);
            return stages.containsKey(s.image) ? baseImage(s.image) : s.image;
        }

        /** Every stage a stage needs (FROM an earlier stage, COPY --from), transitively, itself included. */
        Set<String> dependencies(String name) {
            Set<String> seen = new LinkedHashSet<>();
            collect(name, seen);
            return seen;
        }

        private void collect(String name, Set<String> seen) {
            if (!seen.add(name)) {
                return;
            }
            Stage s = stage(name);
            if (stages.containsKey(s.image)) {
                collect(s.image, seen);
            }
            for (Instruction copy : s.all("COPY")) {
                Matcher m = Pattern.compile("--from=(\\S+)").matcher(copy.args);
                if (m.find()) {
                    String from = substitute(m.group(1));
                    assertThat(stages).as("COPY --from=%s in %s names a stage", from, name).containsKey(from);
                    collect(from, seen);
                }
            }
        }
    }

    // ---- .dockerignore, with Docker's matching: patterns relative to the context root, ** for any
    // number of directories, a pattern that matches a directory excludes what is under it, ! re-includes.

    static final class DockerIgnore {
        private final List<Map.Entry<Pattern, Boolean>> rules = new ArrayList<>();

        static DockerIgnore parse(String text) {
            DockerIgnore d = new DockerIgnore();
            for (String raw : text.split("\n")) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                boolean include = line.startsWith("!");
                String pattern = (include ? line.substring(1) : line).strip().replaceAll("^/+", "")
                        .replaceAll("/+$", "");
                d.rules.add(Map.entry(Pattern.compile(glob(pattern)), include));
            }
            return d;
        }

        boolean excludes(String path) {
            List<String> candidates = new ArrayList<>();
            String[] parts = path.split("/");
            for (int i = 1; i <= parts.length; i++) {
                candidates.add(String.join("/", Arrays.copyOf(parts, i)));
            }
            boolean excluded = false;
            for (Map.Entry<Pattern, Boolean> rule : rules) {
                boolean matches = candidates.stream().anyMatch(c -> rule.getKey().matcher(c).matches());
                if (matches) {
                    excluded = !rule.getValue();
                }
            }
            return excluded;
        }

        private static String glob(String pattern) {
            StringBuilder re = new StringBuilder();
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (pattern.startsWith("**/", i)) {
                    re.append("(?:.*/)?");
                    i += 2;
                } else if (pattern.startsWith("**", i)) {
                    re.append(".*");
                    i += 1;
                } else if (c == '*') {
                    re.append("[^/]*");
                } else if (c == '?') {
                    re.append("[^/]");
                } else {
                    re.append(Pattern.quote(String.valueOf(c)));
                }
            }
            return re.toString();
        }
    }
}
