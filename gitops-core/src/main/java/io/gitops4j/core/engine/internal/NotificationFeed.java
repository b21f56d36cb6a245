package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.ControllerScheduler;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.notifications.Notifier;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.Queue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands every status the controller writes to the {@link Notifier} (Argo CD Notifications), as
 * the Application object Argo CD would store ({@link ApplicationView}). The notifier is called
 * off the thread that wrote the status, one status at a time in the order they were written (so
 * "became true, then false" is seen in that order), by a task of the controller's scheduler that
 * holds no slot of the work queue; deliveries and their retries run on the notifier's own
 * executor. Nothing here can block or fail a comparison or a sync. Thread-safe.
 */
final class NotificationFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationFeed.class);

    private final Optional<Notifier> notifier;
    private final ControllerScheduler scheduler;
    private final Queue<Runnable> pending = new ArrayDeque<>();
    private boolean draining;

    NotificationFeed(Optional<Notifier> notifier, ControllerScheduler scheduler) {
        this.notifier = notifier;
        this.scheduler = scheduler;
    }

    /** The application's new status, for its subscriptions. */
    void statusWritten(Application app, ApplicationStatus status) {
        notifier.ifPresent(n -> enqueue(() -> {
            try {
                n.process(ApplicationView.of(app, status));
            } catch (RuntimeException e) {
                LOG.warn("notifications of {} failed: {}", app.name(), e.toString());
            }
        }));
    }

    private void enqueue(Runnable task) {
        synchronized (pending) {
            pending.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            scheduler.execute(this::drain);
        } catch (RuntimeException e) {
            LOG.debug("the scheduler is closed; notifications are not processed: {}", e.toString());
            synchronized (pending) {
                pending.clear();
                draining = false;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (pending) {
                next = pending.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }

    @Override
    public void close() {
        notifier.ifPresent(Notifier::close);
    }
}
