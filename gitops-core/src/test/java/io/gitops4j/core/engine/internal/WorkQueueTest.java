package io.gitops4j.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.RefreshType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(180);

    @Test
    void anApplicationIsNeverHandedOutTwiceAtOnce() {
        WorkQueue queue = new WorkQueue(5, 5);
        queue.compare("a", RefreshType.NORMAL, T0);
        List<WorkQueue.Task> first = queue.claim();
        assertThat(first).extracting(WorkQueue.Task::appName).containsExactly("a");

        queue.compare("a", RefreshType.NORMAL, T0);
        queue.operate("a");
        assertThat(queue.claim()).as("a is busy").isEmpty();

        queue.done(first.get(0));
        assertThat(queue.claim()).as("operations first, one task at a time")
                .containsExactly(new WorkQueue.Operate("a"));
    }

    @Test
    void comparisonsAndOperationsHaveTheirOwnLimits() {
        WorkQueue queue = new WorkQueue(2, 1);
        for (String app : List.of("a", "b", "c")) {
            queue.compare(app, RefreshType.NORMAL, T0);
        }
        queue.operate("d");
        queue.operate("e");

        List<WorkQueue.Task> tasks = queue.claim();

        assertThat(tasks).containsExactly(new WorkQueue.Operate("d"), new WorkQueue.Compare("a", RefreshType.NORMAL, T0),
                new WorkQueue.Compare("b", RefreshType.NORMAL, T0));
        queue.done(tasks.get(1));
        assertThat(queue.claim()).containsExactly(new WorkQueue.Compare("c", RefreshType.NORMAL, T0));
        queue.done(tasks.get(0));
        assertThat(queue.claim()).containsExactly(new WorkQueue.Operate("e"));
    }

    @Test
    void requestsForOneApplicationMergeAHardRefreshWinsAndTheLaterListingIsKept() {
        WorkQueue queue = new WorkQueue(1, 1);
        queue.compare("a", RefreshType.HARD, T0);
        queue.compare("a", RefreshType.NORMAL, T1);

        assertThat(queue.claim()).containsExactly(new WorkQueue.Compare("a", RefreshType.HARD, T1));
        assertThat(queue.isIdle("a")).isFalse();
    }
}
