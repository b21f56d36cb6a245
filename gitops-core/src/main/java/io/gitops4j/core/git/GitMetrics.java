package io.gitops4j.core.git;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;

/**
 * The Git metrics of Argo CD's repo server, on the caller's Micrometer registry (nothing is
 * recorded without one). Names are Micrometer's dotted form of Argo CD's, so a Prometheus
 * registry exports exactly Argo CD's names and labels:
 * <ul>
 * <li>{@code argocd_git_request_total{repo, request_type}}: every {@code ls-remote} and fetch;
 * <li>{@code argocd_git_request_duration_seconds{repo, request_type}}: their durations, with
 *     Argo CD's histogram buckets (0.1 to 20 s);
 * <li>{@code argocd_git_fetch_fail_total{repo, revision}} and
 *     {@code argocd_git_lsremote_fail_total{repo, revision}}: failures.
 * </ul>
 * {@code repo} is the URL without credentials; {@code request_type} is {@code ls-remote} or
 * {@code fetch}.
 */
final class GitMetrics {

    static final String LS_REMOTE = "ls-remote";
    static final String FETCH = "fetch";

    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(10), Duration.ofSeconds(20)};

    private final Optional<MeterRegistry> registry;

    GitMetrics(Optional<MeterRegistry> registry) {
        this.registry = registry;
    }

    void request(String repo, String type, Duration duration) {
        registry.ifPresent(r -> {
            Counter.builder("argocd.git.request").description("Number of git requests performed by repo server")
                    .tag("repo", repo).tag("request_type", type).register(r).increment();
            Timer.builder("argocd.git.request.duration").description("Git requests duration seconds.")
                    .tag("repo", repo).tag("request_type", type).serviceLevelObjectives(BUCKETS).register(r)
                    .record(duration);
        });
    }

    void failure(String repo, String type, String revision) {
        String name = type.equals(FETCH) ? "argocd.git.fetch.fail" : "argocd.git.lsremote.fail";
        String help = type.equals(FETCH) ? "Number of git fetch requests failures by repo server"
                : "Number of git ls-remote requests failures by repo server";
        registry.ifPresent(r -> Counter.builder(name).description(help).tag("repo", repo).tag("revision", revision)
                .register(r).increment());
    }
}
