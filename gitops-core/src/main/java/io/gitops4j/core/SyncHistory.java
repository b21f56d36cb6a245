package io.gitops4j.core;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The recent syncs of each application, newest last, kept in memory for the life of a
 * {@link GitOps} instance; at most {@link #LIMIT} per application (Argo CD's default
 * {@code revisionHistoryLimit}).
 */
final class SyncHistory {

    static final int LIMIT = 10;

    private final Map<String, Deque<SyncRecord>> records = new HashMap<>();
    private final Map<String, Long> lastIds = new HashMap<>();

    synchronized SyncRecord add(String appName, SyncRecord withoutId) {
        long id = lastIds.merge(appName, 1L, Long::sum);
        SyncRecord record = new SyncRecord(id, withoutId.revision(), withoutId.startedAt(), withoutId.succeeded(),
                withoutId.message());
        Deque<SyncRecord> deque = records.computeIfAbsent(appName, a -> new ArrayDeque<>());
        deque.addLast(record);
        while (deque.size() > LIMIT) {
            deque.removeFirst();
        }
        return record;
    }

    synchronized List<SyncRecord> of(String appName) {
        return List.copyOf(records.getOrDefault(appName, new ArrayDeque<>()));
    }

    synchronized Optional<SyncRecord> last(String appName) {
        Deque<SyncRecord> deque = records.get(appName);
        return deque == null || deque.isEmpty() ? Optional.empty() : Optional.of(deque.getLast());
    }
}
