package io.gitops4j.core.engine.internal;

import io.gitops4j.core.engine.ApplicationListener;
import io.gitops4j.core.engine.StateStore;
import io.gitops4j.core.reconcile.SelfHealBackoff;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The application controller's settings, as its builder collected them.
 *
 * @param refreshInterval how often every application is compared with Git (Argo CD's
 *     {@code timeout.reconciliation})
 * @param jitter at most this much is added to each interval at random (Argo CD's
 *     {@code timeout.reconciliation.jitter})
 * @param maxComparisons how many comparisons run at once (Argo CD's status processors)
 * @param maxOperations how many operations run at once (Argo CD's operation processors)
 * @param selfHealBackoff how self-heal backs off
 * @param store where each application's state is kept
 * @param listeners who hears of events
 * @param meterRegistry where metrics go
 * @param random where the jitter comes from
 */
public record ControllerSettings(Duration refreshInterval, Duration jitter, int maxComparisons, int maxOperations,
        SelfHealBackoff selfHealBackoff, StateStore store, List<ApplicationListener> listeners,
        Optional<MeterRegistry> meterRegistry, RandomGenerator random) {

    public ControllerSettings {
        if (refreshInterval.isNegative() || refreshInterval.isZero() || jitter.isNegative()) {
            throw new IllegalArgumentException("the refresh interval must be positive and its jitter not negative, not "
                    + refreshInterval + " and " + jitter);
        }
        listeners = List.copyOf(listeners);
    }
}
