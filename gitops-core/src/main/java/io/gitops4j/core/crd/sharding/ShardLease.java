package io.gitops4j.core.crd.sharding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.MicroTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code coordination.k8s.io/v1} Lease of one shard, written as client-go's leader election
 * writes its Lease: {@code holderIdentity}, {@code leaseDurationSeconds}, {@code acquireTime},
 * {@code renewTime} (MicroTime) and {@code leaseTransitions}. Every write carries the
 * resourceVersion read or last written, so of two replicas writing at once one gets a 409 and
 * knows it lost. Released as client-go releases: no holder, a duration of one second. Not
 * thread-safe: owned by {@link ShardLeases}.
 */
final class ShardLease {

    /** Kubernetes' MicroTime: RFC 3339 with microseconds, in UTC. */

    /** How a renewal went. */
    enum Renewal {
        /** Renewed: still held. */
        RENEWED,
        /** Someone else wrote the Lease or deleted it: no longer held. */
        LOST,
        /** The cluster could not be asked; the Lease may still be held until its deadline. */
        FAILED
    }

    /**
     * The Lease as read.
     *
     * @param holder its {@code holderIdentity}, empty when nobody holds it
     * @param freeFrom when it is free to take: its renewal plus its duration, or its renewal when released
     */
    record Observed(ObjectNode object, String holder, Instant freeFrom) {
    }

    private final Cluster cluster;
    private final ResourceType type;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Duration duration;
    private Optional<ObjectNode> held = Optional.empty();

    ShardLease(Cluster cluster, ResourceType type, String namespace, String name, String identity, Duration duration) {
        this.cluster = cluster;
        this.type = type;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.duration = duration;
    }

    String describe() {
        return namespace + "/" + name;
    }

    /** The Lease as stored; empty when it does not exist yet. */
    Optional<Observed> read() {
        return cluster.get(type, namespace, name).map(ShardLease::observe);
    }

    /**
     * Takes the Lease: creates it, or updates the one read (free, or held by this replica before
     * a restart) at its resourceVersion.
     *
     * @param current the Lease as read, empty when it did not exist
     * @return whether it is held now; false when another replica wrote it first (409)
     */
    boolean take(Optional<Observed> current, Instant now) {
        try {
            if (current.isEmpty()) {
                ObjectNode lease = Json.object().put("apiVersion", "coordination.k8s.io/v1").put("kind", "Lease");
                ObjectNode metadata = lease.putObject("metadata").put("name", name).put("namespace", namespace);
                metadata.putObject("labels").put("app.kubernetes.io/managed-by", "gitops4j");
                lease.putObject("spec").put("holderIdentity", identity).put("leaseDurationSeconds", seconds())
                        .put("acquireTime", MicroTime.format(now)).put("renewTime", MicroTime.format(now))
                        .put("leaseTransitions", 0);
                try {
                    held = Optional.of(cluster.create(lease));
                } catch (ClusterException e) {
                    if (e.isNotFound()) {
                        throw new ClusterException(404, "cannot create the lease " + describe() + ": "
                                + e.getMessage() + "; create namespace " + namespace, e);
                    }
                    throw e;
                }
                return true;
            }
            ObjectNode next = current.get().object().deepCopy();
            ObjectNode spec = spec(next);
            String previous = current.get().holder();
            int transitions = spec.path("leaseTransitions").asInt(0);
            spec.put("holderIdentity", identity).put("leaseDurationSeconds", seconds())
                    .put("acquireTime", MicroTime.format(now)).put("renewTime", MicroTime.format(now))
                    .put("leaseTransitions", previous.equals(identity) ? transitions : transitions + 1);
            held = Optional.of(cluster.update(next));
            return true;
        } catch (ClusterException e) {
            if (e.isConflict() || e.isNotFound()) {
                return false;   // another replica created or wrote it between our read and our write
            }
            throw e;
        }
    }

    /** Renews the Lease held, at the resourceVersion last written. */
    Renewal renew(Instant now) {
        if (held.isEmpty()) {
            return Renewal.LOST;
        }
        ObjectNode next = held.get().deepCopy();
        spec(next).put("renewTime", MicroTime.format(now)).put("leaseDurationSeconds", seconds());
        try {
            held = Optional.of(cluster.update(next));
            return Renewal.RENEWED;
        } catch (ClusterException e) {
            if (e.isConflict() || e.isNotFound()) {
                held = Optional.empty();
                return Renewal.LOST;
            }
            return Renewal.FAILED;
        }
    }

    /** Forgets the Lease without writing it (it was lost, or this replica gave up on it). */
    void forget() {
        held = Optional.empty();
    }

    /**
     * Gives the Lease up at once, as client-go does: no holder, one second, renewed now; left
     * alone when someone else wrote it meanwhile.
     *
     * @return a warning when it could not be written (it then expires by itself)
     */
    Optional<String> release(Instant now) {
        if (held.isEmpty()) {
            return Optional.empty();
        }
        ObjectNode next = held.get().deepCopy();
        held = Optional.empty();
        spec(next).put("holderIdentity", "").put("leaseDurationSeconds", 1)
                .put("acquireTime", MicroTime.format(now)).put("renewTime", MicroTime.format(now));
        try {
            cluster.update(next);
            return Optional.empty();
        } catch (RuntimeException e) {   // clean-up: whatever the client throws, the Lease expires by itself
            if (e instanceof ClusterException c && (c.isConflict() || c.isNotFound())) {
                return Optional.empty();
            }
            return Optional.of("the lease " + describe() + " could not be released (" + e.getMessage()
                    + "); another replica takes it once it expires");
        }
    }

    /** The Lease's {@code spec}, put there when missing. */
    private static ObjectNode spec(ObjectNode lease) {
        JsonNode spec = lease.path("spec");
        return spec.isObject() ? (ObjectNode) spec : lease.putObject("spec");
    }

    private int seconds() {
        return (int) duration.getSeconds();
    }

    private static Observed observe(ObjectNode lease) {
        JsonNode spec = lease.path("spec");
        String holder = spec.path("holderIdentity").asText("");
        Instant renewed = MicroTime.parse(spec.path("renewTime")).or(() -> MicroTime.parse(spec.path("acquireTime")))
                .orElse(Instant.MIN);
        long seconds = Math.max(0, spec.path("leaseDurationSeconds").asLong(0));
        Instant freeFrom = holder.isEmpty() || renewed.equals(Instant.MIN) ? renewed : renewed.plusSeconds(seconds);
        return new Observed(lease, holder, freeFrom);
    }
}
