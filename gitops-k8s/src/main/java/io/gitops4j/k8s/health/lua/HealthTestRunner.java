package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.GitOpsException;
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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs the tests of a folder of health scripts the way Argo CD tests its
 * {@code resource_customizations}: every {@code health_test.yaml}
 * ({@code tests: [{healthStatus: {status, message}, inputPath}]}) is run against the
 * {@code health.lua} beside it, and the status and message must match exactly (a missing
 * message is an empty one).
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
     * @throws HealthScriptException when {@code root} is not a folder or cannot be read
     */
    public HealthTestReport run(Path root) {
        if (!Files.isDirectory(root)) {
            throw new HealthScriptException("health script folder " + root + " does not exist");
        }
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (Path testFile : testFiles(root)) {
            String where = root.relativize(testFile).toString();
            for (TestOutcome outcome : runFile(testFile, where)) {
                if (outcome.failure().isEmpty()) {
                    passed++;
                } else {
                    failures.add(outcome.failure().get());
                }
            }
        }
        return new HealthTestReport(passed, failures);
    }

    private List<TestOutcome> runFile(Path testFile, String where) {
        Path folder = testFile.getParent();
        List<JsonNode> tests;
        LuaHealthScript script;
        try {
            tests = readTests(testFile, where);
            script = LuaHealthScript.compile(where.replace("health_test.yaml", "health.lua"),
                    read(folder.resolve("health.lua"), where + ": no health.lua beside it"));
        } catch (GitOpsException e) {
            return List.of(TestOutcome.failed(e.getMessage()));
        }
        List<TestOutcome> outcomes = new ArrayList<>();
        for (JsonNode test : tests) {
            outcomes.add(runOne(test, folder, where, script));
        }
        return outcomes;
    }

    private TestOutcome runOne(JsonNode test, Path folder, String where, LuaHealthScript script) {
        String inputPath = test.path("inputPath").asText("");
        String status = test.path("healthStatus").path("status").asText("");
        String message = test.path("healthStatus").path("message").asText("");
        try {
            String input = read(folder.resolve(inputPath), where + ": inputPath '" + inputPath + "' does not exist");
            List<YamlDocument> documents = Yaml.readDocuments(input, folder.resolve(inputPath).toString());
            if (documents.isEmpty()) {
                return TestOutcome.failed(where + ": " + inputPath + ": the input holds no object");
            }
            Optional<Health> actual = script.run(documents.get(0).body(), sandbox, limits);
            String actualStatus = actual.map(h -> h.status().displayName()).orElse("");
            String actualMessage = actual.map(Health::message).orElse("");
            if (actualStatus.equals(status) && actualMessage.equals(message)) {
                return TestOutcome.PASSED;
            }
            return TestOutcome.failed(where + ": " + inputPath + ": expected " + describe(status, message)
                    + ", got " + describe(actualStatus, actualMessage));
        } catch (GitOpsException e) {
            return TestOutcome.failed(e.getMessage());
        }
    }

    private static List<JsonNode> readTests(Path testFile, String where) {
        List<YamlDocument> documents = Yaml.readDocuments(read(testFile, where + ": cannot be read"), where);
        JsonNode tests = documents.isEmpty() ? null : documents.get(0).body().get("tests");
        if (tests == null || !tests.isArray()) {
            throw new HealthScriptException(where + ": expected 'tests:' with a list of {healthStatus, inputPath}");
        }
        List<JsonNode> list = new ArrayList<>();
        tests.forEach(list::add);
        return list;
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
