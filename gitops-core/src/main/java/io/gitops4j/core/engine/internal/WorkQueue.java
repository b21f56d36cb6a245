package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.RefreshType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The controller's two queues, Argo CD's app refresh queue and app operation queue: applications
 * waiting for a comparison (with how thoroughly, and from which refresh round) and applications
 * with an operation to run. An application is handed out to at most one worker at a time; asked
 * for again meanwhile, it waits in the queue until the worker is done. At most
 * {@code maxComparisons} comparisons and {@code maxOperations} operations run at once.
 * Operations go before comparisons. Thread-safe.
 */
public final class WorkQueue {

    /** What to do for one application now. */
    public sealed interface Task permits Compare, Operate {
        /** The application. */
        String appName();
    }

    /**
     * Compare the application.
     *
     * @param refresh how thoroughly
     * @param refsListedSince reuse a Git listing made at or after this time (the round's start)
     */
    public record Compare(String appName, RefreshType refresh, Instant refsListedSince) implements Task {
    }

    /** Run the application's requested operation. */
    public record Operate(String appName) implements Task {
    }

    private final int maxComparisons;
    private final int maxOperations;
    private final Map<String, Compare> comparisons = new LinkedHashMap<>();
    private final Set<String> operations = new LinkedHashSet<>();
    private final Set<String> busy = new HashSet<>();
    private int runningComparisons;
    private int runningOperations;

    public WorkQueue(int maxComparisons, int maxOperations) {
        if (maxComparisons < 1 || maxOperations < 1) {
            throw new IllegalArgumentException("the controller needs at least one comparison and one operation worker, "
                    + "not " + maxComparisons + " and " + maxOperations);
        }
        this.maxComparisons = maxComparisons;
        this.maxOperations = maxOperations;
    }

    /**
     * Asks for a comparison; one already waiting is merged with it (a hard refresh wins, the
     * earlier round's listing is not reused).
     */
    public synchronized void compare(String appName, RefreshType refresh, Instant refsListedSince) {
        Compare waiting = comparisons.get(appName);
        if (waiting == null) {
            comparisons.put(appName, new Compare(appName, refresh, refsListedSince));
            return;
        }
        RefreshType merged = waiting.refresh() == RefreshType.HARD || refresh == RefreshType.HARD ? RefreshType.HARD
                : RefreshType.NORMAL;
        Instant since = refsListedSince.isAfter(waiting.refsListedSince()) ? refsListedSince : waiting.refsListedSince();
        comparisons.put(appName, new Compare(appName, merged, since));
    }

    /** Asks for the application's operation to run. */
    public synchronized void operate(String appName) {
        operations.add(appName);
    }

    /** Forgets what waits for the application (it was unregistered). */
    public synchronized void forget(String appName) {
        comparisons.remove(appName);
        operations.remove(appName);
    }

    /** Hands out every task that may start now; each must be {@linkplain #done finished}. */
    public synchronized List<Task> claim() {
        List<Task> tasks = new ArrayList<>();
        for (Iterator<String> it = operations.iterator(); it.hasNext() && runningOperations < maxOperations;) {
            String app = it.next();
            if (busy.add(app)) {
                it.remove();
                runningOperations++;
                tasks.add(new Operate(app));
            }
        }
        for (Iterator<Compare> it = comparisons.values().iterator(); it.hasNext() && runningComparisons < maxComparisons;) {
            Compare compare = it.next();
            if (busy.add(compare.appName())) {
                it.remove();
                runningComparisons++;
                tasks.add(compare);
            }
        }
        return tasks;
    }

    /** The task ended; the application may be handed out again. */
    public synchronized void done(Task task) {
        busy.remove(task.appName());
        if (task instanceof Operate) {
            runningOperations--;
        } else {
            runningComparisons--;
        }
    }

    /** Whether anything waits or runs for the application. */
    public synchronized boolean isIdle(String appName) {
        return !busy.contains(appName) && !comparisons.containsKey(appName) && !operations.contains(appName);
    }

    /** The comparison waiting for the application, if any. */
    public synchronized Optional<Compare> waitingComparison(String appName) {
        return Optional.ofNullable(comparisons.get(appName));
    }
}
