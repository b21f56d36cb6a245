package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.model.Application;
import io.gitops4j.kube.Redaction;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The controller's metrics, with Argo CD's names and labels so its dashboards work:
 * {@code argocd_app_info} (a gauge of 1 per application, labelled with its sync status, health
 * and automated sync), {@code argocd_app_sync_total} (a counter of operations by phase) and the
 * {@code argocd_app_reconcile} histogram (seconds per reconcile, Argo CD's buckets). The
 * {@code namespace} label, an Application's namespace in Argo CD, is empty for embedded
 * applications. Thread-safe; a no-op without a registry.
 */
public final class ControllerMetrics {

    private static final double[] RECONCILE_BUCKETS = {0.25, 0.5, 1, 2, 4, 8, 16};

    private final Optional<MeterRegistry> registry;
    private final Map<String, Gauge> info = new ConcurrentHashMap<>();

    public ControllerMetrics(Optional<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Sets {@code argocd_app_info} for the application's status (the old series goes). */
    public void info(Application app, ApplicationStatus status) {
        registry.ifPresent(r -> {
            Tags tags = Tags.of("name", app.name(), "namespace", "", "project", app.project(),
                    "repo", Redaction.url(app.source().repoURL()), "dest_server", app.destination().server(),
                    "dest_namespace", app.destination().effectiveNamespace(),
                    "sync_status", status.sync().status().displayName(),
                    "health_status", status.health().status().displayName(),
                    "operation", status.operationState().filter(s -> !s.isCompleted()).map(s -> "sync").orElse(""),
                    "autosync_enabled", Boolean.toString(app.automated().enabled()));
            info.compute(app.name(), (name, current) -> {
                if (current != null && Tags.of(current.getId().getTags()).equals(tags)) {
                    return current;
                }
                if (current != null) {
                    r.remove(current);
                }
                return Gauge.builder("argocd.app.info", () -> 1.0).description("Information about application.")
                        .tags(tags).register(r);
            });
        });
    }

    /** Removes the application's {@code argocd_app_info}. */
    public void forget(String appName) {
        registry.ifPresent(r -> Optional.ofNullable(info.remove(appName)).ifPresent(r::remove));
    }

    /** Counts one completed operation in {@code argocd_app_sync_total}. */
    public void sync(Application app, String phase, boolean dryRun) {
        registry.ifPresent(r -> r.counter("argocd.app.sync", Tags.of("name", app.name(), "namespace", "",
                "project", app.project(), "dest_server", app.destination().server(), "phase", phase,
                "dry_run", Boolean.toString(dryRun))).increment());
    }

    /** Records one reconcile's duration in {@code argocd_app_reconcile}. */
    public void reconcile(Application app, Duration duration) {
        registry.ifPresent(r -> DistributionSummary.builder("argocd.app.reconcile")
                .description("Application reconciliation performance in seconds.")
                .tags("namespace", "", "dest_server", app.destination().server())
                .serviceLevelObjectives(RECONCILE_BUCKETS).register(r).record(duration.toNanos() / 1e9));
    }
}
