package io.gitops4j.render.fuzz;

import io.gitops4j.diff.fuzz.FuzzRun;
import io.gitops4j.render.kustomize.KustomizeRenderer;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: kustomization directories made from the conformance corpus with mutated files (and
 * generated kustomizations) render to objects or fail with a {@code GitOpsException}, never
 * another exception, a hang or an {@code OutOfMemoryError}.
 */
class KustomizeFuzzTest {

    private static final Path CORPUS = Path.of("src", "test", "resources", "kustomize");
    private static final String ALPHABET = " \t\n:-?[]{},#&*!|>'\"%@`\\<.0123456789abyn~/$";
    private static final String[] FIELDS = {"resources", "namePrefix", "nameSuffix", "namespace", "commonLabels",
        "labels", "commonAnnotations", "images", "replicas", "patches", "patchesStrategicMerge", "patchesJson6902",
        "configMapGenerator", "secretGenerator", "generatorOptions", "replacements", "vars", "components", "crds",
        "configurations", "sortOptions", "buildMetadata", "helmCharts", "openapi", "transformers", "generators"};

    /** Values that reach corners: empty, paths out of the root, selectors, huge numbers, nulls. */
    private static final String[] VALUES = {"\"\"", "x", "../base", "../../..", "/etc/passwd", "*", "0", "-1",
        "99999999999999999999", "true", "{}", "[]", "~", "$(SVC_NAME)", "a.b.c", "spec.template.spec.containers.[name=x].image",
        "spec.containers.0.image", "metadata.name", "Deployment", "apps/v1", "v1", "nginx", "nginx:1.0@sha256:abc",
        "\"y\"", "[a, b]", "{kind: Deployment}", "{name: x, kind: ConfigMap}", "[{op: add, path: /x, value: 1}]",
        "replace", "delete", "merge", "https://example.com/repo", "git@github.com:x/y", "x".repeat(300), "&a x",
        "*a", "!!binary aGk=", "a=b", "[\"a=b\", \"c\"]",
        "[\"{apiVersion: builtin, kind: PrefixTransformer, metadata: {name: p}, prefix: x-, fieldSpecs: [{path: a}]}\"]",
        "[\"{apiVersion: builtin, kind: ConfigMapGenerator, metadata: {name: g}, literals: [a=b], behavior: merge}\"]",
        "[\"{apiVersion: builtin, kind: PatchTransformer, metadata: {name: p}, path: ../x, target: {kind: '*'}}\"]"};

    @TempDir
    Path temp;

    @Test
    void kustomizationsRenderOrFailWithAGitOpsException() throws IOException {
        List<Map<String, String>> corpus = corpus();
        FuzzRun.run("kustomize", 700, 41L, random -> directory(random, corpus), this::render);
    }

    private void render(Map<String, String> files) {
        Path root = temp.resolve("repo");
        try {
            if (Files.exists(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = root.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String build = files.getOrDefault("build-path.txt", ".").trim();
        KustomizeRenderer.create().render(RepositoryRoot.of(root), build.isEmpty() ? "." : build);
    }

    /** A corpus case with some of its files mutated, or a generated kustomization. */
    private static Map<String, String> directory(Random random, List<Map<String, String>> corpus) {
        Map<String, String> files = new LinkedHashMap<>(corpus.get(random.nextInt(corpus.size())));
        if (random.nextInt(5) == 0) {
            files.put("kustomization.yaml", generated(random, new ArrayList<>(files.keySet())));
            return files;
        }
        List<String> names = new ArrayList<>(files.keySet());
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            String name = names.get(random.nextInt(names.size()));
            files.put(name, mutate(random, files.get(name)));
        }
        return files;
    }

    private static String generated(Random random, List<String> names) {
        StringBuilder out = new StringBuilder();
        int fields = 1 + random.nextInt(5);
        for (int i = 0; i < fields; i++) {
            String field = FIELDS[random.nextInt(FIELDS.length)];
            out.append(field).append(":");
            switch (random.nextInt(4)) {
                case 0 -> out.append("\n- ").append(names.get(random.nextInt(names.size())))
                        .append("\n- ../").append(names.get(random.nextInt(names.size())));
                case 1 -> out.append(" ").append(ALPHABET.charAt(random.nextInt(ALPHABET.length()))).append("x");
                case 2 -> out.append("\n  a: b\n  c: [1, {d: e}]");
                default -> out.append("\n- name: x\n  path: ").append(names.get(random.nextInt(names.size())))
                        .append("\n  target: {kind: Deployment}");
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * Mostly edits that keep the YAML well-formed, so that the loader gets past parsing: a value
     * replaced by a tricky one, a line deleted, repeated, moved or re-indented; sometimes a raw
     * character edit.
     */
    private static String mutate(Random random, String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            String line = lines.get(at);
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    int colon = line.indexOf(": ");
                    int dash = line.indexOf("- ");
                    int cut = colon >= 0 ? colon + 2 : dash >= 0 ? dash + 2 : -1;
                    if (cut >= 0) {
                        lines.set(at, line.substring(0, cut) + VALUES[random.nextInt(VALUES.length)]);
                    }
                }
                case 4 -> lines.remove(at);
                case 5 -> lines.add(at, line);
                case 6 -> lines.add(random.nextInt(lines.size()), lines.remove(at));
                case 7 -> lines.set(at, random.nextBoolean() ? "  " + line : line.replaceFirst("^  ", ""));
                default -> {
                    StringBuilder edited = new StringBuilder(line);
                    int c = edited.length() == 0 ? 0 : random.nextInt(edited.length());
                    edited.insert(c, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    lines.set(at, edited.toString());
                }
            }
        }
        return String.join("\n", lines);
    }

    /** The corpus cases' input files (not their goldens), each case as relative path to content. */
    private static List<Map<String, String>> corpus() throws IOException {
        List<Map<String, String>> cases = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Map<String, String> files = new LinkedHashMap<>();
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String name = dir.relativize(file).toString();
                        if (!name.startsWith("expected") && !name.equals("error-contains.txt")
                                && Files.size(file) < 200_000) {
                            files.put(name, Files.readString(file, StandardCharsets.ISO_8859_1));
                        }
                    }
                }
                if (!files.isEmpty() && !files.containsKey("enable-helm")) {
                    cases.add(files);
                }
            }
        }
        return cases;
    }
}
