package io.gitops4j.core.crd.sharding;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How controller replicas share the Applications: {@code replicas} shards, each held through the
 * Lease {@code <leaseName>-<shard>} by at most one replica, known by {@code replicaId}. A replica
 * renews each Lease it holds every third of {@code leaseDuration}, stops reconciling a shard whose
 * Lease it could not renew for {@code renewDeadline}, and looks for shards to take every
 * {@code retryPeriod}. The defaults are client-go's leader election defaults: 15 s, 10 s, 2 s.
 *
 * @param replicas how many shards (and replicas) there are, 1 to 1,000
 * @param leaseName the prefix of the Leases' names, a DNS label such as {@code gitops4j-controller}
 * @param replicaId this replica's {@code holderIdentity}; distinct for every replica
 * @param leaseDuration how long a Lease stays held without renewal ({@code leaseDurationSeconds})
 * @param renewDeadline how long a replica keeps reconciling a shard without renewing its Lease
 * @param retryPeriod how often a replica renews, checks and tries to take Leases
 */
public record ShardingSettings(int replicas, String leaseName, String replicaId, Duration leaseDuration,
        Duration renewDeadline, Duration retryPeriod) {

    /** client-go's {@code LeaseDuration} default. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(15);
    /** client-go's {@code RenewDeadline} default. */
    public static final Duration DEFAULT_RENEW_DEADLINE = Duration.ofSeconds(10);
    /** client-go's {@code RetryPeriod} default. */
    public static final Duration DEFAULT_RETRY_PERIOD = Duration.ofSeconds(2);
    /** The Leases' name prefix when none is given. */
    public static final String DEFAULT_LEASE_NAME = "gitops4j-controller-shard";

    private static final int MAX_REPLICAS = 1_000;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int MAX_LEASE_NAME = 58;

    /**
     * Checks the settings.
     *
     * @param replicas how many shards (and replicas) there are, 1 to 1,000
     * @param leaseName the prefix of the Leases' names, a DNS label of at most 58 characters
     * @param replicaId this replica's {@code holderIdentity}, not blank
     * @param leaseDuration how long a Lease stays held without renewal, whole seconds, at least 3
     * @param renewDeadline how long a replica keeps reconciling a shard without renewing its Lease:
     *     at least a third of the duration plus the retry period
     * @param retryPeriod how often a replica renews, checks and tries to take Leases; with the renew
     *     deadline, shorter than the duration
     * @throws IllegalArgumentException naming the setting that is out of range
     */
    public ShardingSettings {
        Objects.requireNonNull(leaseName, "leaseName");
        Objects.requireNonNull(replicaId, "replicaId");
        Objects.requireNonNull(leaseDuration, "leaseDuration");
        Objects.requireNonNull(renewDeadline, "renewDeadline");
        Objects.requireNonNull(retryPeriod, "retryPeriod");
        if (replicas < 1 || replicas > MAX_REPLICAS) {
            throw new IllegalArgumentException("replicas must be between 1 and " + MAX_REPLICAS + ", not " + replicas);
        }
        if (leaseName.length() > MAX_LEASE_NAME || !DNS_LABEL.matcher(leaseName).matches()) {
            throw new IllegalArgumentException("shard lease name '" + leaseName + "' is not a DNS label of at most "
                    + MAX_LEASE_NAME + " characters (lower case letters, digits and '-')");
        }
        if (replicaId.isBlank()) {
            throw new IllegalArgumentException("the replica id is empty");
        }
        if (leaseDuration.toMillis() % 1000 != 0 || leaseDuration.getSeconds() < 3) {
            throw new IllegalArgumentException("lease duration " + leaseDuration + " is not a whole number of seconds,"
                    + " at least 3");
        }
        if (retryPeriod.isNegative() || retryPeriod.isZero()
                || renewDeadline.plus(retryPeriod).compareTo(leaseDuration) >= 0
                || renewDeadline.compareTo(leaseDuration.dividedBy(3).plus(retryPeriod)) < 0) {
            throw new IllegalArgumentException("renew deadline " + renewDeadline + " and retry period " + retryPeriod
                    + " do not fit lease duration " + leaseDuration + ": a replica must renew (every third of the "
                    + "duration) before the deadline, and stop before the Lease expires (deadline + retry period < "
                    + "duration)");
        }
    }

    /**
     * Settings with client-go's timings.
     *
     * @param replicas how many shards there are
     * @param leaseName the prefix of the Leases' names
     * @param replicaId this replica's holder identity
     * @return the settings
     */
    public static ShardingSettings of(int replicas, String leaseName, String replicaId) {
        return new ShardingSettings(replicas, leaseName, replicaId, DEFAULT_LEASE_DURATION, DEFAULT_RENEW_DEADLINE,
                DEFAULT_RETRY_PERIOD);
    }

    /**
     * These settings with other timings.
     *
     * @param duration the lease duration
     * @param deadline the renew deadline
     * @param retry the retry period
     * @return the settings
     */
    public ShardingSettings withTimings(Duration duration, Duration deadline, Duration retry) {
        return new ShardingSettings(replicas, leaseName, replicaId, duration, deadline, retry);
    }

    /** {@return how often a held Lease is renewed: a third of its duration} */
    public Duration renewInterval() {
        return leaseDuration.dividedBy(3);
    }

    /** {@return the name of the Lease of one shard: {@code <leaseName>-<shard>}} */
    String leaseNameOf(int shard) {
        return leaseName + "-" + shard;
    }

    /** {@return this host's name and the process id, {@code <host>_<pid>}, the replica id when none is given} */
    public static String defaultReplicaId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = Objects.requireNonNullElse(System.getenv("HOSTNAME"), "localhost");
        }
        return host + "_" + ProcessHandle.current().pid();
    }
}
