package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationEvent;
import io.gitops4j.core.engine.ApplicationListener;
import io.gitops4j.core.engine.ApplicationStatus;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.k8s.health.Health;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the listeners what happened: each event once, to every listener, an exception of one
 * logged and not passed on. Derives OutOfSync and HealthChanged from two statuses.
 */
public final class Notifier {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    private final List<ApplicationListener> listeners;
    private final Clock clock;

    public Notifier(List<ApplicationListener> listeners, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** One event without health. */
    public void event(ApplicationEvent.Type type, String appName, String revision, String summary) {
        publish(new ApplicationEvent(type, appName, revision, summary, Optional.empty(), Optional.empty(),
                clock.instant()));
    }

    /** OutOfSync when the application became OutOfSync, HealthChanged when its health status changed. */
    public void changes(String appName, ApplicationStatus before, ApplicationStatus after) {
        if (after.sync().status() == SyncStatusCode.OUT_OF_SYNC && before.sync().status() != SyncStatusCode.OUT_OF_SYNC) {
            long differing = after.resources().stream().filter(r -> r.status() == SyncStatusCode.OUT_OF_SYNC).count();
            event(ApplicationEvent.Type.OUT_OF_SYNC, appName, after.sync().revision(),
                    differing + " resource(s) differ from " + shortSha(after.sync().revision()));
        }
        Health old = before.health();
        Health now = after.health();
        if (old.status() != now.status()) {
            publish(new ApplicationEvent(ApplicationEvent.Type.HEALTH_CHANGED, appName, after.sync().revision(),
                    "health changed from " + old.status().displayName() + " to " + now.status().displayName(),
                    Optional.of(old), Optional.of(now), clock.instant()));
        }
    }

    private void publish(ApplicationEvent event) {
        LOG.info("{}", event);
        for (ApplicationListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on {}: {}", listener, event, e.toString());
            }
        }
    }

    static String shortSha(String revision) {
        return revision.substring(0, Math.min(7, revision.length()));
    }
}
