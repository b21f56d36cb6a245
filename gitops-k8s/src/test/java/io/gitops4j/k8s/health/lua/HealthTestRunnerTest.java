package io.gitops4j.k8s.health.lua;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class HealthTestRunnerTest {

    private final HealthTestRunner runner = new HealthTestRunner(Clock.systemUTC(), Duration.ofSeconds(1));

    @Test
    void everyTestOfTheSampleCustomizationsPasses() {
        HealthTestReport report = runner.run(resource("customizations"));

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isEqualTo(47);
        assertThat(report.summary()).isEqualTo("47 passed, 0 failed");
    }

    @Test
    void eachObjectIsJudgedByTheScriptForItsOwnKindAndKeysMatchInAnyCaseAsArgoCdReadsThem() {
        HealthTestReport report = runner.run(resource("customizations-argo-layout"));

        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isEqualTo(3);
    }

    @Test
    void failuresNameTheTestFileAndInputAndSayWhatDiffered() {
        HealthTestReport report = runner.run(resource("customizations-broken"));

        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failures()).containsExactly(
                "example.com/Broken/health.lua:4: 'end' expected (to close 'if' at line 2) (the health script does "
                        + "not compile; fix its Lua syntax)",
                "example.com/Wrong/health_test.yaml: testdata/b.yaml: expected Degraded \"b\", got Healthy \"b\" "
                        + "(from example.com/Wrong/health.lua)",
                "example.com/Wrong/health_test.yaml: inputPath 'testdata/missing.yaml' does not exist");
        assertThat(report.summary()).isEqualTo("1 passed, 3 failed");
    }

    static Path resource(String name) {
        try {
            return Path.of(Objects.requireNonNull(HealthTestRunnerTest.class.getResource("/health/" + name)).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
