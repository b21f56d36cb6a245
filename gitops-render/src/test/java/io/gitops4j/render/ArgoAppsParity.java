package io.gitops4j.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Renders every app of Argo CD's example and end-to-end suites ({@code tools/argocd-apps-parity.sh})
 * with gitops-render's {@link Renderer}, as an Application of the app's path in its suite's
 * repository with the app's name and namespace {@code default}, and compares the objects with
 * the reference output beside each case (order aside: Argo CD sorts objects itself before a
 * sync). A refusal on both sides is a match.
 *
 * <pre>
 *   java -cp ... io.gitops4j.render.ArgoAppsParity CASES_DIR
 * </pre>
 *
 * Writes {@code CASES_DIR/results.tsv} (suite/app, type, outcome, detail) and prints the counts.
 * Not a test: the suites are Argo CD's, extracted outside the repository.
 */
public final class ArgoAppsParity {

    private ArgoAppsParity() {
    }

    /** How one app came out. */
    enum Outcome {
        IDENTICAL, BOTH_REFUSED, DIFFERING, WE_REFUSE_THEY_ACCEPT, THEY_REFUSE_WE_ACCEPT, CRASH
    }

    record Result(String app, String type, Outcome outcome, String detail) {
    }

    public static void main(String[] args) throws Exception {
        Path cases = Path.of(args[0]);
        List<String[]> rows = Files.readAllLines(cases.resolve("cases.tsv")).stream().filter(l -> !l.isBlank())
                .map(l -> l.split("\t")).toList();
        Renderer renderer = Renderer.builder().cacheSize(0).chartCache(Files.createTempDirectory("argocd-apps-charts"))
                .build();
        ExecutorService worker = Executors.newSingleThreadExecutor(daemon());
        List<Result> results = new ArrayList<>();
        for (String[] row : rows) {
            Future<Result> future = worker.submit(() -> check(cases, row[0], row[1], renderer));
            Result result;
            try {
                result = future.get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                future.cancel(true);
                result = new Result(row[0] + "/" + row[1], "", Outcome.CRASH, "timed out after 120 s");
                worker = Executors.newSingleThreadExecutor(daemon());
            }
            results.add(result);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(cases.resolve("results.tsv"), StandardCharsets.UTF_8))) {
            for (Result r : results) {
                out.println(r.app() + "\t" + r.type() + "\t" + r.outcome().name().toLowerCase() + "\t"
                        + r.detail().replace('\t', ' ').replace('\n', ' '));
            }
        }
        Map<Outcome, Integer> counts = new TreeMap<>();
        results.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        System.out.println("apps: " + results.size());
        counts.forEach((k, v) -> System.out.println(k.name().toLowerCase() + ": " + v));
        System.exit(0);
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "argocd-app");
            t.setDaemon(true);
            return t;
        };
    }

    static Result check(Path cases, String suite, String app, Renderer renderer) throws IOException {
        String name = suite + "/" + app;
        Path out = cases.resolve("out").resolve(suite).resolve(app);
        String type = Files.readString(out.resolve("type")).strip();
        List<ObjectNode> reference = null;
        String referenceError = null;
        if (Files.exists(out.resolve("ref.yaml"))) {
            try {
                reference = sorted(documents(Files.readString(out.resolve("ref.yaml")), name + " (reference)"));
            } catch (GitOpsException e) {
                return new Result(name, type, Outcome.CRASH, "reference output unreadable: " + firstLine(e.getMessage()));
            }
        } else {
            referenceError = firstLine(Files.readString(out.resolve("ref.err")));
        }
        String release = app.substring(app.lastIndexOf('/') + 1).replaceFirst("^\\.+", "");
        List<ObjectNode> ours;
        try {
            RenderRequest request = new RenderRequest(RepositoryRoot.of(cases.resolve("src").resolve(suite)), app,
                    SourceOptions.AUTO, release, "default", "", "", "");
            ours = sorted(renderer.render(request).objects());
        } catch (GitOpsException e) {
            String ourError = firstLine(e.getMessage());
            return reference == null
                    ? new Result(name, type, Outcome.BOTH_REFUSED, ourError + " | reference: " + referenceError)
                    : new Result(name, type, Outcome.WE_REFUSE_THEY_ACCEPT, ourError);
        } catch (RuntimeException | StackOverflowError e) {
            return new Result(name, type, Outcome.CRASH, e.toString());
        }
        if (reference == null) {
            return new Result(name, type, Outcome.THEY_REFUSE_WE_ACCEPT, referenceError);
        }
        if (ours.equals(reference)) {
            return new Result(name, type, Outcome.IDENTICAL, ours.size() + " objects");
        }
        return new Result(name, type, Outcome.DIFFERING, firstDifference(ours, reference));
    }

    private static List<ObjectNode> documents(String text, String source) {
        return Yaml.readDocuments(text, source).stream().map(YamlDocument::body).toList();
    }

    private static List<ObjectNode> sorted(List<ObjectNode> objects) {
        return objects.stream().sorted(Comparator.comparing(ArgoAppsParity::id).thenComparing(JsonNode::toString))
                .toList();
    }

    private static String id(JsonNode o) {
        return o.path("apiVersion").asText() + "/" + o.path("kind").asText() + "/"
                + o.path("metadata").path("namespace").asText() + "/" + o.path("metadata").path("name").asText();
    }

    private static String firstDifference(List<ObjectNode> ours, List<ObjectNode> reference) {
        if (ours.size() != reference.size()) {
            return "ours " + ours.size() + " objects, reference " + reference.size() + ": ours "
                    + ours.stream().map(ArgoAppsParity::id).toList() + " reference "
                    + reference.stream().map(ArgoAppsParity::id).toList();
        }
        for (int i = 0; i < ours.size(); i++) {
            if (!ours.get(i).equals(reference.get(i))) {
                return "object " + id(ours.get(i)) + ": ours " + oneLine(ours.get(i)) + " reference "
                        + oneLine(reference.get(i));
            }
        }
        return "";
    }

    private static String oneLine(JsonNode node) {
        String text = node.toString();
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static String firstLine(String text) {
        String line = text.strip().replace('\t', ' ').replace('\n', ' ');
        return line.length() > 400 ? line.substring(0, 400) + "..." : line;
    }
}
