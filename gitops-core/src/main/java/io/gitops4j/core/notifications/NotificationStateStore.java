package io.gitops4j.core.notifications;

/**
 * Remembers which notifications were sent, so each is sent once per event. Keys name the
 * trigger, the condition, the {@code oncePer} value and the destination; a persistent store (a
 * ConfigMap, a file, a database) makes this hold across restarts. Must be safe for concurrent use.
 */
public interface NotificationStateStore {

    /**
     * Records that a notification was sent, atomically.
     *
     * @param application the application's key ({@code namespace/name/uid})
     * @param key the notification's key, as the notifier builds it from the {@code oncePer} value, trigger,
     *     condition, templates, service and recipient
     * @return true when it was not recorded before (the caller sends it), false when it was
     */
    boolean markNotified(String application, String key);

    /**
     * Forgets a notification, so it is sent again the next time its condition holds.
     *
     * @param application the application's key ({@code namespace/name/uid})
     * @param key the notification's key
     */
    void forget(String application, String key);

    /**
     * Whether a notification is recorded as sent.
     *
     * @param application the application's key ({@code namespace/name/uid})
     * @param key the notification's key
     * @return {@code true} when it is recorded as sent
     */
    boolean isNotified(String application, String key);

    /**
     * A store in memory, forgotten when the process ends.
     *
     * @return an empty store in memory
     */
    static NotificationStateStore inMemory() {
        return new InMemoryNotificationStateStore();
    }
}
