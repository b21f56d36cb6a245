package io.gitops4j.core.engine;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StateStore} in memory, for as long as the instance lives: the default. Share one
 * instance between controllers to see a restart keep its state. Thread-safe.
 */
public final class InMemoryStateStore implements StateStore {

    private final ConcurrentMap<String, Versioned> states = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong saves = new AtomicLong();

    @Override
    public Optional<Versioned> load(String appName) {
        return Optional.ofNullable(states.get(appName));
    }

    @Override
    public String save(String appName, StoredState state, Optional<String> expectedVersion) {
        String version = Long.toString(versions.incrementAndGet());
        states.compute(appName, (name, current) -> {
            String actual = current == null ? "" : current.version();
            if (!actual.equals(expectedVersion.orElse(""))) {
                throw new StateConflictException(name, expectedVersion.orElse("(nothing stored)"),
                        actual.isEmpty() ? "(nothing stored)" : actual);
            }
            return new Versioned(state, version);
        });
        saves.incrementAndGet();
        return version;
    }

    @Override
    public void delete(String appName) {
        states.remove(appName);
    }

    /**
     * {@return how many saves this store accepted, for tests that check a status that did not change is not
     * written}
     */
    public long saves() {
        return saves.get();
    }
}
