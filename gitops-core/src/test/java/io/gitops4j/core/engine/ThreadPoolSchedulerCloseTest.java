package io.gitops4j.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link ControllerScheduler#close(Duration)} on the thread pool: no new work, running tasks end
 * within the grace period, then they are interrupted. Latches, not sleeps.
 */
class ThreadPoolSchedulerCloseTest {

    private final ControllerScheduler scheduler = ControllerScheduler.threads(1, Clock.systemUTC());

    @Test
    void aRunningTaskEndsWithinTheGracePeriodAndWaitingOnesAreDropped() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        AtomicBoolean queuedRan = new AtomicBoolean();
        AtomicBoolean timerRan = new AtomicBoolean();
        scheduler.execute(() -> {
            running.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
        });
        scheduler.execute(() -> queuedRan.set(true));
        scheduler.schedule(Instant.now().plusSeconds(3600), () -> timerRan.set(true));
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        Thread closing = new Thread(() -> scheduler.close(Duration.ofMinutes(10)));
        closing.start();
        awaitWaiting(closing);   // close has shut the pool and dropped the queue; it waits for the running task
        scheduler.execute(() -> queuedRan.set(true));
        release.countDown();
        closing.join(TimeUnit.MINUTES.toMillis(1));

        assertThat(closing.isAlive()).as("close returned once the running task ended").isFalse();
        assertThat(interrupted).as("ended on its own, within the grace period").isFalse();
        assertThat(queuedRan).as("work not started is dropped").isFalse();
        assertThat(timerRan).isFalse();
    }

    @Test
    void aTaskStillRunningAfterTheGracePeriodIsInterrupted() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        scheduler.execute(() -> {
            running.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            ended.countDown();
        });
        assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();

        scheduler.close(Duration.ZERO);

        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(interrupted).isTrue();
    }

    /** Until the thread waits with a time-out (in awaitTermination), at most 30 s. */
    private static void awaitWaiting(Thread thread) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (thread.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(thread.getState()).isEqualTo(Thread.State.TIMED_WAITING);
    }
}
