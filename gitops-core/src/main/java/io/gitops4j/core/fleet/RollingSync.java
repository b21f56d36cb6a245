package io.gitops4j.core.fleet;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.OperationState;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.k8s.health.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The progressive sync of one ApplicationSet ({@code strategy: RollingSync}), as Argo CD's
 * ApplicationSet controller runs it: each application is Waiting (it has changes), Pending (its
 * step may sync it, a sync was asked for), Progressing (synced) or Healthy; a step's Waiting
 * applications are synced only once every application of the earlier steps is Healthy, at most
 * {@code maxUpdate} of a step Pending or Progressing at once. Applications no step selects are
 * never synced by it. Not thread-safe: its reconciler holds the lock.
 */
final class RollingSync {

    private final RolloutSteps steps;
    private final Map<String, ApplicationSetApplicationStatus> statuses = new LinkedHashMap<>();
    private final Map<String, Integer> stepOf = new LinkedHashMap<>();
    /** Restored Pending applications: their sync is asked for again once, the one asked before may be lost. */
    private final Set<String> resumePending = new HashSet<>();

    RollingSync(RolloutSteps steps) {
        this.steps = steps;
    }

    RolloutSteps steps() {
        return steps;
    }

    /**
     * Starts from where a controller before this one left the rollout (the set's
     * {@code status.applicationStatus}): each application keeps its progressive status, message,
     * time and revision; its step is taken again from the set's steps at the next generation. A
     * Pending one is synced again at the next progress unless its sync started meanwhile (Argo CD
     * asks every Pending application to sync at every reconciliation).
     */
    void restore(List<ApplicationSetApplicationStatus> saved) {
        saved.forEach(status -> statuses.put(status.application(), status));
        saved.stream().filter(s -> s.status().equals(ApplicationSetApplicationStatus.PENDING))
                .forEach(s -> resumePending.add(s.application()));
    }

    /** A generation: the applications in order, and those whose spec was just changed (they wait again). */
    void generated(List<FleetApplication> desired, Set<String> specChanged, Instant now) {
        stepOf.clear();
        desired.forEach(app -> stepOf.put(app.name(), steps.stepOf(app.labels())));
        statuses.keySet().retainAll(stepOf.keySet());
        for (String name : specChanged) {
            ApplicationSetApplicationStatus current = statuses.get(name);
            if (current != null) {
                statuses.put(name, current.with(ApplicationSetApplicationStatus.WAITING,
                        "Application has pending changes (spec differs), setting status to Waiting", now));
            }
        }
    }

    /**
     * Reads each application's status, moves the progressive statuses on, and returns the
     * applications whose step may sync them now (they became Pending).
     */
    List<String> progress(Function<String, Optional<ApplicationStatus>> status, Instant now) {
        for (Map.Entry<String, Integer> entry : stepOf.entrySet()) {
            status.apply(entry.getKey())
                    .filter(app -> !app.sync().revision().isEmpty() || !statuses.containsKey(entry.getKey()))
                    .ifPresent(app -> update(entry.getKey(), entry.getValue(), app, now));   // not compared yet: kept
        }
        Set<String> mayStart = mayStart();
        int[] total = new int[steps.steps().size()];
        int[] updating = new int[steps.steps().size()];
        for (ApplicationSetApplicationStatus app : statuses.values()) {
            int step = stepOf.getOrDefault(app.application(), -1);
            if (step >= 0) {
                total[step]++;
                if (app.status().equals(ApplicationSetApplicationStatus.PENDING)
                        || app.status().equals(ApplicationSetApplicationStatus.PROGRESSING)) {
                    updating[step]++;
                }
            }
        }
        List<String> start = new ArrayList<>();
        for (String name : List.copyOf(resumePending)) {
            ApplicationSetApplicationStatus app = statuses.get(name);
            if (app == null || !stepOf.containsKey(name)
                    || !app.status().equals(ApplicationSetApplicationStatus.PENDING)) {
                resumePending.remove(name);
            } else if (status.apply(name).isPresent()) {   // the engine has it: the sync can be asked for
                resumePending.remove(name);
                start.add(name);
            }
        }
        for (ApplicationSetApplicationStatus app : List.copyOf(statuses.values())) {
            int step = stepOf.getOrDefault(app.application(), -1);
            if (step < 0 || !app.status().equals(ApplicationSetApplicationStatus.WAITING)
                    || !mayStart.contains(app.application()) || updating[step] >= steps.maxUpdate(step, total[step])) {
                continue;
            }
            statuses.put(app.application(), app.with(ApplicationSetApplicationStatus.PENDING,
                    "Application moved to Pending status, watching for the Application resource to start Progressing",
                    now));
            updating[step]++;
            start.add(app.application());
        }
        return start;
    }

    private void update(String name, int step, ApplicationStatus app, Instant now) {
        String revision = app.sync().revision();
        ApplicationSetApplicationStatus current = statuses.get(name);
        if (current == null) {
            current = new ApplicationSetApplicationStatus(name, ApplicationSetApplicationStatus.WAITING, step + 1,
                    "No Application status found, defaulting status to Waiting", revision, now);
        } else if (current.step() != step + 1) {
            current = new ApplicationSetApplicationStatus(name, current.status(), step + 1, current.message(),
                    current.targetRevision(), current.lastTransitionTime());
        }
        if (!current.targetRevision().equals(revision)) {
            current = new ApplicationSetApplicationStatus(name, ApplicationSetApplicationStatus.WAITING, step + 1,
                    "Application has pending changes, setting status to Waiting", revision, now);
        }
        boolean synced = app.sync().status() == SyncStatusCode.SYNCED;
        boolean healthy = app.health().status() == HealthStatus.HEALTHY;
        String status = current.status();
        if (status.equals(ApplicationSetApplicationStatus.WAITING)) {
            if (synced) {
                current = healthy
                        ? current.with(ApplicationSetApplicationStatus.HEALTHY,
                                "Application resource has synced, updating status to Healthy", now)
                        : current.with(ApplicationSetApplicationStatus.PROGRESSING,
                                "Application resource has synced, updating status to Progressing", now);
            }
        } else {
            if (status.equals(ApplicationSetApplicationStatus.PENDING) && startedSince(app, current.lastTransitionTime())) {
                current = current.with(ApplicationSetApplicationStatus.PROGRESSING,
                        "Application resource completed a sync, updating status from Pending to Progressing", now);
            }
            if (current.status().equals(ApplicationSetApplicationStatus.PROGRESSING) && synced && healthy) {
                current = current.with(ApplicationSetApplicationStatus.HEALTHY,
                        "Application resource became Healthy, updating status from Progressing to Healthy", now);
            }
        }
        statuses.put(name, current);
    }

    private static boolean startedSince(ApplicationStatus app, Instant since) {
        return app.operationState().map(OperationState::startedAt).filter(at -> !at.isBefore(since)).isPresent();
    }

    /** Argo CD's {@code getAppsToSync}: every step up to the first whose applications are not all Healthy. */
    private Set<String> mayStart() {
        Set<String> names = new HashSet<>();
        for (int step = 0; step < steps.steps().size(); step++) {
            boolean done = true;
            for (Map.Entry<String, Integer> entry : stepOf.entrySet()) {
                if (entry.getValue() != step) {
                    continue;
                }
                names.add(entry.getKey());
                ApplicationSetApplicationStatus status = statuses.get(entry.getKey());
                done &= status != null && status.status().equals(ApplicationSetApplicationStatus.HEALTHY);
            }
            if (!done) {
                break;
            }
        }
        return names;
    }

    /** Whether an application some step selects is not Healthy yet. */
    boolean inProgress() {
        return statuses.values().stream().anyMatch(s -> s.step() > 0
                && !s.status().equals(ApplicationSetApplicationStatus.HEALTHY));
    }

    /** Whether the application belongs to this set's rollout. */
    boolean covers(String name) {
        return stepOf.containsKey(name);
    }

    /** The progressive status of every application, in generation order. */
    List<ApplicationSetApplicationStatus> snapshot() {
        return List.copyOf(statuses.values());
    }
}
