package io.gitops4j.render.kustomize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.helm.HelmChartRepository;
import io.gitops4j.render.helm.HelmRenderer;
import io.gitops4j.render.source.RemoteSourceFetcher;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Builds every case extracted from Kustomize's krusty tests ({@code tools/krusty-parity.sh})
 * with our Kustomize and compares it with the reference {@code kubectl kustomize} output
 * beside it: documents as parsed YAML, in order; a failure on both sides is a match.
 *
 * <pre>
 *   java -cp ... io.gitops4j.render.kustomize.KrustyParity CASES_DIR
 * </pre>
 *
 * Writes {@code CASES_DIR/results.tsv} (case, outcome, detail) and prints the counts. Not a test:
 * the cases are Kustomize's, extracted outside the repository.
 */
public final class KrustyParity {

    private static final ObjectMapper JSON = new ObjectMapper();

    private KrustyParity() {
    }

    /** How one case came out. */
    enum Outcome {
        IDENTICAL, BOTH_REFUSED, DIFFERING, WE_REFUSE_THEY_ACCEPT, THEY_REFUSE_WE_ACCEPT, CRASH
    }

    record Result(String name, Outcome outcome, String detail, String goVsKubectl) {
    }

    /**
     * @param args the cases directory; optionally a prefix of case names to run only those and
     *     print both outputs of each that is not identical (the results file is then not written)
     */
    public static void main(String[] args) throws Exception {
        Path cases = Path.of(args[0]);
        String only = args.length > 1 ? args[1] : "";
        List<Path> dirs;
        try (Stream<Path> walk = Files.walk(cases)) {
            dirs = walk.filter(p -> p.getFileName().toString().equals("case.json")).map(Path::getParent)
                    .filter(p -> cases.relativize(p).toString().startsWith(only)).sorted().toList();
        }
        HelmRenderer helm = HelmRenderer.create();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "krusty-case");
            t.setDaemon(true);
            return t;
        });
        List<Result> results = new ArrayList<>();
        for (Path dir : dirs) {
            Future<Result> future = worker.submit(() -> check(dir, helm));
            Result result;
            try {
                result = future.get(60, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                result = new Result(name(dir), Outcome.CRASH, "timed out after 60 s", "");
                worker = Executors.newSingleThreadExecutor();
            }
            results.add(result);
            if (!only.isEmpty() && result.outcome() != Outcome.IDENTICAL) {
                show(dir, result, helm);
            }
        }
        if (only.isEmpty()) {
            write(cases.resolve("results.tsv"), results);
        }
        Map<Outcome, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        System.out.println("cases: " + results.size());
        counts.forEach((k, v) -> System.out.println(k.name().toLowerCase() + ": " + v));
        System.exit(0);
    }

    private static String name(Path dir) {
        try {
            return JSON.readTree(dir.resolve("case.json").toFile()).path("name").asText();
        } catch (IOException e) {
            return dir.toString();
        }
    }

    static Result check(Path dir, HelmRenderer helm) throws IOException {
        JsonNode meta = JSON.readTree(dir.resolve("case.json").toFile());
        String name = meta.path("name").asText();
        JsonNode options = meta.path("options");
        KustomizeRenderer renderer = renderer(dir, meta, helm);
        boolean exec = options.path("enableExec").asBoolean();
        List<ObjectNode> reference = null;
        String referenceError = null;
        Path yaml = dir.resolve("kubectl.yaml");
        if (exec && meta.path("goExpected").isTextual()) {
            // kubectl kustomize has no --enable-exec (it skips exec functions silently): the reference
            // is Kustomize's own expectation, which its test asserts with EnableExec on
            reference = documents(meta.path("goExpected").asText(), "go expectation");
        } else if (exec && meta.path("goExpectsError").asBoolean(false)) {
            referenceError = "Kustomize's test expects an error";
        } else if (Files.exists(yaml)) {
            reference = documents(Files.readString(yaml, StandardCharsets.UTF_8), yaml.toString());
        } else {
            referenceError = firstLine(Files.readString(dir.resolve("kubectl-error.txt"), StandardCharsets.UTF_8));
        }
        String goVsKubectl = goVsKubectl(meta, reference);
        List<ObjectNode> ours;
        try {
            ours = renderer.render(RepositoryRoot.of(dir.resolve("fs")), meta.path("build").asText());
        } catch (GitOpsException e) {
            String ourError = firstLine(e.getMessage());
            return reference == null
                    ? new Result(name, Outcome.BOTH_REFUSED, ourError + " | kubectl: " + referenceError, goVsKubectl)
                    : new Result(name, Outcome.WE_REFUSE_THEY_ACCEPT, ourError, goVsKubectl);
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(name, Outcome.CRASH, e.toString(), goVsKubectl);
        }
        if (reference == null) {
            return new Result(name, Outcome.THEY_REFUSE_WE_ACCEPT, referenceError, goVsKubectl);
        }
        if (ours.equals(reference)) {
            return new Result(name, Outcome.IDENTICAL, "", goVsKubectl);
        }
        return new Result(name, Outcome.DIFFERING, firstDifference(ours, reference), goVsKubectl);
    }

    /** The renderer a case's options ask for, as reference.py sets kubectl's flags. */
    static KustomizeRenderer renderer(Path dir, JsonNode meta, HelmRenderer helm) throws IOException {
        JsonNode options = meta.path("options");
        KustomizeRenderer renderer = KustomizeRenderer.create().remoteBases(new CloningFetcher(dir));
        if (options.path("loadRestrictions").asText().equals("LoadRestrictionsNone")) {
            renderer = renderer.loadRestrictor(LoadRestrictor.NONE);
        }
        if (options.path("helm").asBoolean()) {
            renderer = renderer.helmCharts(helm,
                    new HelmChartRepository(Files.createTempDirectory("krusty-charts"), Duration.ofSeconds(5)));
        }
        if (options.path("plugins").asBoolean()) {
            // as reference.py runs kubectl: --enable-alpha-plugins, Kustomize's own plugin directory as the home
            renderer = renderer.plugins(new KustomizePlugins(true, options.path("enableExec").asBoolean(),
                    Optional.of(pluginHome(dir)), Duration.ofSeconds(30), KustomizePlugins.DEFAULT_MAX_OUTPUT_BYTES));
        }
        return renderer;
    }

    /** Kustomize's plugin directory beside the cases ({@code CASES.src/plugin}), as reference.py passes it to kubectl. */
    private static Path pluginHome(Path caseDir) {
        Path dir = caseDir.toAbsolutePath();
        while (dir.getParent() != null && !Files.isDirectory(dir.resolveSibling(dir.getFileName() + ".src"))) {
            dir = dir.getParent();
        }
        return dir.resolveSibling(dir.getFileName() + ".src").resolve("plugin");
    }

    /** How Kustomize's own expectation compares with what kubectl printed. */
    private static String goVsKubectl(JsonNode meta, List<ObjectNode> reference) {
        JsonNode expected = meta.path("goExpected");
        boolean goError = meta.path("goExpectsError").asBoolean(false);
        if (reference == null) {
            return goError ? "both-error" : expected.isTextual() ? "go-accepts-kubectl-refuses" : "kubectl-refuses";
        }
        if (goError) {
            return "go-refuses-kubectl-accepts";
        }
        if (!expected.isTextual()) {
            return "no-go-expectation";
        }
        List<ObjectNode> go;
        try {
            go = documents(expected.asText(), "go expectation");
        } catch (GitOpsException e) {
            return "go-expectation-unreadable";
        }
        if (go.equals(reference)) {
            return "same";
        }
        if (go.size() == reference.size() && go.containsAll(reference) && reference.containsAll(go)) {
            return "same-other-order";
        }
        return "different";
    }

    /** Prints a case's outcome and both outputs, keys sorted, for a reader to compare. */
    private static void show(Path dir, Result result, HelmRenderer helm) throws IOException {
        System.out.println("=== " + result.name() + ": " + result.outcome() + " " + result.detail());
        Path yaml = dir.resolve("kubectl.yaml");
        if (Files.exists(yaml)) {
            System.out.println("--- kubectl");
            System.out.println(Yaml.writeAll(documents(Files.readString(yaml), "kubectl").stream()
                    .map(KrustyParity::sorted).toList()));
        }
        try {
            JsonNode meta = JSON.readTree(dir.resolve("case.json").toFile());
            KustomizeRenderer renderer = KustomizeRenderer.create();
            if (meta.path("options").path("helm").asBoolean()) {
                renderer = renderer.helmCharts(helm,
                        new HelmChartRepository(Files.createTempDirectory("krusty-charts"), Duration.ofSeconds(5)));
            }
            List<ObjectNode> ours = renderer.render(RepositoryRoot.of(dir.resolve("fs")), meta.path("build").asText());
            System.out.println("--- ours");
            System.out.println(Yaml.writeAll(ours.stream().map(KrustyParity::sorted).toList()));
        } catch (RuntimeException e) {
            System.out.println("--- ours: " + e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            ObjectNode copy = object.objectNode();
            List<String> keys = new ArrayList<>();
            object.fieldNames().forEachRemaining(keys::add);
            keys.stream().sorted().forEach(key -> copy.set(key, sorted(object.get(key))));
            return copy;
        }
        if (node.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode copy = JSON.createArrayNode();
            node.forEach(item -> copy.add(sorted(item)));
            return copy;
        }
        return node;
    }

    private static List<ObjectNode> documents(String text, String source) {
        return Yaml.readDocuments(text, source).stream().map(YamlDocument::body).toList();
    }

    private static String firstDifference(List<ObjectNode> ours, List<ObjectNode> reference) {
        if (ours.size() != reference.size()) {
            return "ours " + ours.size() + " documents, kubectl " + reference.size() + ": ours "
                    + ids(ours) + " kubectl " + ids(reference);
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(reference.get(i))) {
                return "document " + (i + 1) + ": ours " + oneLine(ours.get(i)) + " kubectl " + oneLine(reference.get(i));
            }
        }
        return "";
    }

    private static String ids(List<ObjectNode> objects) {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .toList().toString();
    }

    private static String oneLine(JsonNode node) {
        String text = node.toString();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }

    private static String firstLine(String text) {
        String line = text.strip().replace('\t', ' ').replace('\n', ' ');
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }

    private static void write(Path file, List<Result> results) throws IOException {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (Result r : results) {
                out.println(r.name() + "\t" + r.outcome().name().toLowerCase() + "\t" + r.goVsKubectl() + "\t"
                        + r.detail().replace('\t', ' ').replace('\n', ' '));
            }
        }
    }

    /**
     * Remote bases of the cases: local {@code file://} repositories made by the remote-loading
     * tests are cloned with the {@code git} command; anything else needs the network, which the
     * harness does not use.
     */
    private record CloningFetcher(Path caseDir) implements RemoteSourceFetcher {

        @Override
        public Path fetch(String repoURL, String ref) {
            if (!repoURL.startsWith("file://")) {
                throw new RenderException("remote base " + repoURL + " needs the network; the harness is offline");
            }
            try {
                Path target = Files.createTempDirectory("krusty-remote");
                // As Kustomize and Argo CD clone: with submodules (file:// ones allowed for the local cases).
                run(List.of("git", "-c", "protocol.file.allow=always", "clone", "--quiet", repoURL, target.toString()));
                if (!ref.isEmpty()) {
                    run(List.of("git", "-C", target.toString(), "checkout", "--quiet", ref));
                }
                run(List.of("git", "-C", target.toString(), "-c", "protocol.file.allow=always", "submodule", "update",
                        "--init", "--recursive", "--quiet"));
                return target;
            } catch (IOException e) {
                throw new RenderException("cannot clone " + repoURL + ": " + e.getMessage());
            }
        }

        private static void run(List<String> command) throws IOException {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (process.waitFor() != 0) {
                    throw new RenderException(String.join(" ", command) + " failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderException("interrupted");
            }
        }
    }
}
