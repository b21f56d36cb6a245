package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.GroupVersion;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.k8s.health.Health;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the tests of a folder of health scripts the way Argo CD tests its
 * {@code resource_customizations}: for every {@code health_test.yaml}
 * ({@code tests: [{healthStatus: {status, message}, inputPath}]}) beside a {@code health.lua},
 * each input object is judged by the script Argo CD would pick for the object's own group and
 * kind in the whole folder (an exact {@code <group>/<kind>} folder first, then {@code _}
 * wildcards; so a test kept under {@code _.crossplane.io/_} whose object is a
 * {@code pkg.crossplane.io/Provider} runs {@code pkg.crossplane.io/Provider/health.lua}), and the
 * status and message must match exactly (a missing message is an empty one). Keys of the test
 * file match in any letter case ({@code inputpath} is {@code inputPath}), as Argo CD's Go reader
 * matches them; of keys that differ only in case the last wins.
 */
public final class HealthTestRunner {

    private final LuaSandbox sandbox;
    private final LuaLimits limits;

    /**
     * @param clock what {@code os.time()} and {@code os.date()} call now
     * @param timeout the time limit of one script run; the memory limit is the default
     */
    public HealthTestRunner(Clock clock, Duration timeout) {
        this(clock, LuaLimits.DEFAULT.withTimeout(timeout));
    }

    /**
     * @param clock what {@code os.time()} and {@code os.date()} call now
     * @param limits the limits of one script run
     */
    public HealthTestRunner(Clock clock, LuaLimits limits) {
        this.sandbox = new LuaSandbox(clock);
        this.limits = limits;
    }

    /**
     * Runs every test under {@code root}.
     *
     *
     * @param root the folder, laid out as Argo CD's {@code resource_customizations}, with
     *     {@code health_test.yaml} files
     * @return the passed count and the failures
     * @throws HealthScriptException when {@code root} is not a folder or cannot be read
     */
    public HealthTestReport run(Path root) {
        if (!Files.isDirectory(root)) {
            throw new HealthScriptException("health script folder " + root + " does not exist");
        }
        HealthScripts scripts = HealthScripts.builder().directory(root).build();
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path testFile : testFiles(root)) {
            String where = root.relativize(testFile).toString();
            for (TestOutcome outcome : runFile(testFile, where, scripts)) {
                if (outcome.failure().isEmpty()) {
                    passed++;
                } else {
                    failures.add(outcome.failure().get());
                }
            }
        }
        return new HealthTestReport(passed, failures);
    }

    private List<TestOutcome> runFile(Path testFile, String where, HealthScripts scripts) {
        Path folder = testFile.getParent();
        List<TestCase> tests;
        try {
            if (!Files.isRegularFile(folder.resolve("health.lua"))) {
                throw new HealthScriptException(where + ": no health.lua beside it");
            }
            tests = readTests(testFile, where);
        } catch (GitOpsException e) {
            return List.of(TestOutcome.failed(e.getMessage()));
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        for (TestCase test : tests) {
            outcomes.add(runOne(test, folder, where, scripts));
        }
        return outcomes;
    }

    private TestOutcome runOne(TestCase test, Path folder, String where, HealthScripts scripts) {
        try {
            Path input = folder.resolve(test.inputPath());
            String text = read(input, where + ": inputPath '" + test.inputPath() + "' does not exist");
            List<YamlDocument> documents = Yaml.readDocuments(text, input.toString());
            if (documents.isEmpty()) {
                return TestOutcome.failed(where + ": " + test.inputPath() + ": the input holds no object");
            }
            JsonNode object = documents.get(0).body();
            String group = GroupVersion.parse(KubernetesObjects.apiVersion(object)).group();
            String kind = KubernetesObjects.kind(object);
            Optional<LuaHealthScript> script = scripts.forKind(group, kind);
            Optional<Health> actual = script.isEmpty() ? Optional.empty() : script.get().run(object, sandbox, limits);
            String actualStatus = actual.map(h -> h.status().displayName()).orElse("");
            String actualMessage = actual.map(Health::message).orElse("");
            if (actualStatus.equals(test.status()) && actualMessage.equals(test.message())) {
                return TestOutcome.PASSED;
            }
            String ran = script.map(s -> " (from " + s.name() + ")")
                    .orElse(" (no health.lua serves " + (group.isEmpty() ? kind : group + "/" + kind) + ")");
            return TestOutcome.failed(where + ": " + test.inputPath() + ": expected " + describe(test.status(), test.message())
                    + ", got " + describe(actualStatus, actualMessage) + ran);
        } catch (GitOpsException e) {
            return TestOutcome.failed(e.getMessage());
        }
    }

    /** One entry of {@code tests}: the input and the health expected of it. */
    private record TestCase(String inputPath, String status, String message) {
    }

    private static List<TestCase> readTests(Path testFile, String where) {
        List<YamlDocument> documents = Yaml.readDocuments(read(testFile, where + ": cannot be read"), where);
        JsonNode tests = documents.isEmpty() ? null : goField(documents.get(0).body(), "tests");
        if (tests == null || !tests.isArray()) {
            throw new HealthScriptException(where + ": expected 'tests:' with a list of {healthStatus, inputPath}");
        }
        List<TestCase> list = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            JsonNode test = tests.get(i);
            JsonNode expected = goField(test, "healthStatus");
            String at = where + ": tests[" + i + "]";
            list.add(new TestCase(goString(test, "inputPath", at), goString(expected, "status", at + ".healthStatus"),
                    goString(expected, "message", at + ".healthStatus")));
        }
        return list;
    }

    /**
     * The value a Go struct field of this name gets from a decoded object: the last key that
     * equals the name in any letter case and is not {@code null}; {@code null} when none.
     */
    private static JsonNode goField(JsonNode object, String name) {
        JsonNode value = null;
        if (object != null && object.isObject()) {
            for (Map.Entry<String, JsonNode> property : object.properties()) {
                if (property.getKey().equalsIgnoreCase(name) && !property.getValue().isNull()) {
                    value = property.getValue();
                }
            }
        }
        return value;
    }

    private static String goString(JsonNode object, String name, String at) {
        JsonNode value = goField(object, name);
        if (value == null) {
            return "";
        }
        if (!value.isTextual()) {
            throw new HealthScriptException(at + "." + name + ": expected a string, not " + value);
        }
        return value.asText();
    }

    private static String describe(String status, String message) {
        return (status.isEmpty() ? "no health" : status) + (message.isEmpty() ? "" : " \"" + message + "\"");
    }

    private static String read(Path file, String whenMissing) {
        if (!Files.isRegularFile(file)) {
            throw new HealthScriptException(whenMissing);
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HealthScriptException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<Path> testFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("health_test.yaml")).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new HealthScriptException("cannot read " + root + ": " + e.getMessage(), e);
        }
    }

    /** One test case: passed, or the line that says why not. */
    private record TestOutcome(Optional<String> failure) {
        static final TestOutcome PASSED = new TestOutcome(Optional.empty());

        static TestOutcome failed(String why) {
            return new TestOutcome(Optional.of(why));
        }
    }
}
