package io.gitops4j.k8s.health.lua;

import java.util.List;

/**
 * The outcome of running the {@code health_test.yaml} files of a customizations folder.
 *
 * @param passed how many test cases gave the expected status and message
 * @param failures one line per failed test case, naming the test file and input
 */
public record HealthTestReport(int passed, List<String> failures) {

    /**
     * Copies the failures.
     *
     * @param passed how many test cases gave the expected status and message
     * @param failures one line per failed test case, naming the test file and input
     */
    public HealthTestReport {
        failures = List.copyOf(failures);
    }

    /**
     * How many test cases failed.
     *
     * @return the number of failures
     */
    public int failed() {
        return failures.size();
    }

    /**
     * The closing line: {@code N passed, M failed}.
     *
     * @return the summary
     */
    public String summary() {
        return passed + " passed, " + failed() + " failed";
    }
}
