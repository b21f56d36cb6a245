package io.gitops4j.core.notifications;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The default {@link NotificationStateStore}: a concurrent set in memory. */
final class InMemoryNotificationStateStore implements NotificationStateStore {

    private final Set<String> notified = ConcurrentHashMap.newKeySet();

    @Override
    public boolean markNotified(String application, String key) {
        return notified.add(application + "\n" + key);
    }

    @Override
    public void forget(String application, String key) {
        notified.remove(application + "\n" + key);
    }

    @Override
    public boolean isNotified(String application, String key) {
        return notified.contains(application + "\n" + key);
    }
}
