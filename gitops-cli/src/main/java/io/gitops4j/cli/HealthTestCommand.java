package io.gitops4j.cli;

import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.health.lua.HealthTestReport;
import io.gitops4j.k8s.health.lua.HealthTestRunner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code gitops health test DIR}: runs the health_test.yaml files of a folder of Lua health scripts. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run every health_test.yaml under DIR against the health.lua beside it, as Argo CD tests "
                + "its resource_customizations.",
                "Prints each failure and 'N passed, M failed'; exits 1 when a test fails."})
final class HealthTestCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DIR", description = "a folder laid out as resource_customizations")
    Path directory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        HealthTestReport report = new HealthTestRunner(Clock.systemUTC(), HealthAssessor.DEFAULT_LUA_TIMEOUT)
                .run(directory);
        PrintWriter out = spec.commandLine().getOut();
        report.failures().forEach(failure -> out.println("FAIL " + failure));
        out.println(report.summary());
        out.flush();
        return report.failed() == 0 ? 0 : 1;
    }
}
