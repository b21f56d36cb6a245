package io.gitops4j.core.project;

import io.gitops4j.core.model.ApplicationDestination;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Argo CD's sync window rules ({@code SyncWindows.Matches} and {@code CanSync}), exactly: of the
 * windows that apply to an application, an open deny window blocks (a manual sync passes when
 * every open deny window has {@code manualSync}); otherwise an open allow window permits; otherwise
 * allow windows that exist but are closed block (a manual sync passes when all of them have
 * {@code manualSync}); with no applicable window everything is permitted. A sync already running
 * may continue past the change when every window that now blocks it has {@code syncOverrun} and
 * the sync was permitted when it started.
 */
final class SyncWindowRules {

    /** A window and its index in the project's {@code spec.syncWindows}. */
    record Indexed(int index, SyncWindow window) {

        @Override
        public String toString() {
            return "syncWindows[" + index + "] " + window;
        }
    }

    /** The outcome, and the windows that blocked (empty when permitted). */
    record Outcome(boolean permitted, List<Indexed> blocking, boolean insideDeny) {
    }

    private final List<Indexed> windows;
    private final Instant now;

    /** The windows of a project that apply to an application, judged at {@code now}. */
    SyncWindowRules(List<Indexed> windows, Instant now) {
        this.windows = List.copyOf(windows);
        this.now = now;
    }

    /** Argo CD's {@code Matches}: the windows that apply to an application (its name and destination). */
    static List<Indexed> matching(CompiledProject project, String appName, ApplicationDestination destination) {
        List<Indexed> matching = new ArrayList<>();
        List<SyncWindow> all = project.project().syncWindows();
        for (int i = 0; i < all.size(); i++) {
            SyncWindow window = all.get(i);
            if (applies(project, window, appName, destination)) {
                matching.add(new Indexed(i, window));
            }
        }
        return matching;
    }

    private static boolean applies(CompiledProject p, SyncWindow w, String appName, ApplicationDestination dst) {
        boolean matched = false;
        boolean isSet = false;
        if (!w.applications().isEmpty()) {
            isSet = true;
            matched = w.applications().stream().anyMatch(a -> p.globMatch(a, appName, false));
        }
        if (w.andOperator() && !matched && isSet) {
            return false;
        } else if (!w.andOperator() && matched) {
            return true;
        }
        if (!w.clusters().isEmpty()) {
            isSet = true;
            matched = w.clusters().stream().anyMatch(c -> !dst.name().isEmpty() && p.globMatch(c, dst.name(), false)
                    || !dst.server().isEmpty() && p.globMatch(c, dst.server(), false));
        }
        if (isSet && w.andOperator() && !matched) {
            return false;
        } else if (!w.andOperator() && matched) {
            return true;
        }
        if (!w.namespaces().isEmpty()) {
            matched = w.namespaces().stream().anyMatch(n -> p.globMatch(n, dst.namespace(), false));
        }
        return matched;
    }

    /** The applicable windows open now. */
    List<Indexed> active() {
        return activeAt(now);
    }

    /** Argo CD's {@code CanSync}. */
    Outcome canSync(boolean manual, Optional<Instant> operationStartedAt) {
        if (windows.isEmpty()) {
            return new Outcome(true, List.of(), false);
        }
        List<Indexed> active = activeAt(now);
        List<Indexed> activeDeny = active.stream().filter(w -> w.window().kind() == SyncWindow.Kind.DENY).toList();
        if (!activeDeny.isEmpty()) {
            if (manual && activeDeny.stream().allMatch(w -> w.window().manualSync())) {
                return new Outcome(true, List.of(), false);
            }
            if (operationStartedAt.isPresent() && activeDeny.stream().allMatch(w -> w.window().syncOverrun())
                    && canSyncAt(manual, operationStartedAt.get())) {
                return new Outcome(true, List.of(), false);
            }
            return new Outcome(false, activeDeny, true);
        }
        if (active.stream().anyMatch(w -> w.window().kind() == SyncWindow.Kind.ALLOW)) {
            return new Outcome(true, List.of(), false);
        }
        List<Indexed> inactiveAllows = inactiveAllowsAt(now);
        if (!inactiveAllows.isEmpty()) {
            if (manual && inactiveAllows.stream().allMatch(w -> w.window().manualSync())) {
                return new Outcome(true, List.of(), false);
            }
            if (operationStartedAt.isPresent() && inactiveAllows.stream().allMatch(w -> w.window().syncOverrun())
                    && canSyncAt(manual, operationStartedAt.get())) {
                return new Outcome(true, List.of(), false);
            }
            return new Outcome(false, inactiveAllows, false);
        }
        return new Outcome(true, List.of(), false);
    }

    /** Argo CD's {@code canSyncAtTime}: whether a sync would have been permitted at {@code at} (no overrun). */
    private boolean canSyncAt(boolean manual, Instant at) {
        List<Indexed> active = activeAt(at);
        List<Indexed> activeDeny = active.stream().filter(w -> w.window().kind() == SyncWindow.Kind.DENY).toList();
        if (!activeDeny.isEmpty()) {
            return manual && activeDeny.stream().allMatch(w -> w.window().manualSync());
        }
        if (active.stream().anyMatch(w -> w.window().kind() == SyncWindow.Kind.ALLOW)) {
            return true;
        }
        List<Indexed> inactiveAllows = inactiveAllowsAt(at);
        return inactiveAllows.isEmpty() || manual && inactiveAllows.stream().allMatch(w -> w.window().manualSync());
    }

    /** The first instant after now at which one of the windows opens or closes, the moment to judge again. */
    Optional<Instant> nextChange() {
        return windows.stream().map(w -> w.window().nextEdgeAfter(now)).flatMap(Optional::stream).min(Instant::compareTo);
    }

    /** Argo CD's {@code active}: the windows open at {@code at}, each zone's offset taken at the time of the check. */
    List<Indexed> activeAt(Instant at) {
        return windows.stream().filter(w -> w.window().activeAt(at, now)).toList();
    }

    /** Argo CD's {@code inactiveAllows}: the allow windows closed at {@code at}. */
    List<Indexed> inactiveAllowsAt(Instant at) {
        return windows.stream()
                .filter(w -> w.window().kind() == SyncWindow.Kind.ALLOW && !w.window().activeAt(at, now))
                .toList();
    }
}
