package io.gitops4j.k8s.sync.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.DeleteOptions;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.k8s.sync.SyncInProgressException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.MicroTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's record that a process syncs an application: a {@code coordination.k8s.io/v1}
 * Lease, Kubernetes' own lock object, named {@code gitops4j-sync-<app>}. Taken by creating it (or,
 * once its holder stopped renewing it for {@code leaseDurationSeconds}, by an update at the
 * resourceVersion read, so two takers cannot both win); renewed by updating {@code renewTime};
 * released by deleting it at the resourceVersion last written, so a Lease someone else took over
 * is left alone. Times are the injected clock's. Not API; one instance per lock, not thread-safe.
 */
public final class SyncLease {

    /** The prefix of every sync Lease's name. */
    public static final String NAME_PREFIX = "gitops4j-sync-";
    /** The annotation naming the application a sync Lease is for (its name may be shortened). */
    public static final String APPLICATION_ANNOTATION = "gitops4j.io/sync-of";

    private static final Logger LOG = LoggerFactory.getLogger(SyncLease.class);
    private static final String API_VERSION = "coordination.k8s.io/v1";
    private static final int MAX_NAME = 253;
    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    /** Kubernetes' MicroTime: RFC 3339 with microseconds, in UTC. */
    private static final int ATTEMPTS = 3;

    private final Cluster cluster;
    private final String namespace;
    private final String name;
    private final String appName;
    private final String identity;
    private final Duration duration;
    private ResourceType type;
    private ObjectNode held;

    /**
     * @param namespace where the Lease lives
     * @param identity this process's holder identity
     * @param duration how long the Lease holds without renewal
     */
    public SyncLease(Cluster cluster, String namespace, String appName, String identity, Duration duration) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.name = nameFor(appName);
        this.appName = appName;
        this.identity = identity;
        this.duration = duration;
    }

    /**
     * The Lease name for an application: {@code gitops4j-sync-<app>} when that is a valid object
     * name, else the application name made one (lower case, other characters as {@code -},
     * at most 200 characters) followed by a hash of the exact name, so two applications never share a Lease.
     */
    public static String nameFor(String appName) {
        String plain = NAME_PREFIX + appName;
        if (plain.length() <= MAX_NAME && DNS_SUBDOMAIN.matcher(plain).matches()) {
            return plain;
        }
        String cleaned = appName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        cleaned = cleaned.substring(0, Math.min(cleaned.length(), 200)).replaceAll("^-+|-+$", "");
        return NAME_PREFIX + (cleaned.isEmpty() ? "" : cleaned + "-") + hash(appName);
    }

    /** {@code namespace/name}, for messages. */
    public String describe() {
        return namespace + "/" + name;
    }

    /**
     * Takes the Lease.
     *
     * @return empty once held; a warning when the cluster offers no usable Lease (the type is not
     *     served, or RBAC forbids it), in which case nothing is held
     * @throws SyncInProgressException when another holder's Lease has not expired
     * @throws ClusterException when the cluster cannot be read or written for another reason
     */
    public Optional<String> acquire(Instant now) {
        Optional<ResourceType> served = cluster.resourceType(API_VERSION, "Lease");
        if (served.isEmpty()) {
            return Optional.of("the cluster serves no " + API_VERSION + " Lease, so only syncs of " + appName
                    + " in this process are kept from running at the same time, not those of other processes");
        }
        type = served.get();
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                if (tryAcquire(now)) {
                    return Optional.empty();
                }
            }
            throw new ClusterException(409, "the sync lease " + describe() + " kept changing while it was being taken; "
                    + "sync again");
        } catch (ClusterException e) {
            if (e.code() == 403) {
                return Optional.of("the sync lease " + describe() + " cannot be used (" + e.getMessage() + "), so only "
                        + "syncs of " + appName + " in this process are kept from running at the same time: grant get, "
                        + "create, update and delete on leases.coordination.k8s.io in namespace " + namespace
                        + ", or choose a lock namespace where they are allowed");
            }
            if (e.isNotFound()) {
                throw new ClusterException(404, "cannot take the sync lease " + describe() + ": " + e.getMessage()
                        + "; create namespace " + namespace + " or choose another lock namespace", e);
            }
            throw e;
        }
    }

    /** One attempt: false when someone else wrote the Lease between our read and our write. */
    private boolean tryAcquire(Instant now) {
        Optional<ObjectNode> current = cluster.get(type, namespace, name);
        try {
            if (current.isEmpty()) {
                held = cluster.create(newLease(now));
                return true;
            }
            ObjectNode lease = current.get();
            String holder = lease.path("spec").path("holderIdentity").asText("");
            Instant expires = expiry(lease);
            if (!holder.isEmpty() && !holder.equals(identity) && now.isBefore(expires)) {
                throw new SyncInProgressException(appName, holder, since(lease), "its lease " + describe()
                        + " runs until " + expires + " unless renewed: wait for that sync to end (if its process is "
                        + "gone, the lease expires then)");
            }
            if (!holder.isEmpty() && !holder.equals(identity)) {
                LOG.warn("{}: taking over the sync lease {} of {}, expired at {}", appName, describe(), holder, expires);
            }
            held = cluster.update(takenOver(lease, holder, now));
            return true;
        } catch (ClusterException e) {
            if (e.isConflict()) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Renews the Lease held.
     *
     * @return empty when renewed (or when the cluster could not be reached: the next renewal tries
     *     again); who holds it now when it was taken over or deleted meanwhile
     */
    public Optional<String> renew(Instant now) {
        try {
            for (int attempt = 0; held != null && attempt < ATTEMPTS; attempt++) {
                ObjectNode next = held.deepCopy();
                next.with("spec").put("renewTime", MicroTime.format(now));
                try {
                    held = cluster.update(next);
                    return Optional.empty();
                } catch (ClusterException e) {
                    if (!e.isConflict() && !e.isNotFound()) {
                        throw e;
                    }
                }
                Optional<ObjectNode> current = cluster.get(type, namespace, name);
                String holder = current.map(lease -> lease.path("spec").path("holderIdentity").asText("")).orElse("");
                if (!holder.equals(identity)) {
                    held = null;
                    return Optional.of(current.isEmpty() ? "nobody (the lease was deleted)" : holder.isEmpty() ? "nobody"
                            : holder);
                }
                held = current.get();
            }
        } catch (ClusterException e) {
            LOG.warn("{}: the sync lease {} could not be renewed now: {}", appName, describe(), e.getMessage());
        }
        return Optional.empty();
    }

    /**
     * Gives the Lease up by deleting it, unless someone else took it over meanwhile.
     *
     * @return a warning when it could not be deleted (it then expires by itself)
     */
    public Optional<String> release() {
        if (held == null) {
            return Optional.empty();
        }
        ObjectNode lease = held;
        held = null;
        // Releasing is clean-up: it runs even when the thread was interrupted (a command's deadline
        // stopping the sync), and the interrupt is kept for the caller.
        boolean interrupted = Thread.interrupted();
        try {
            cluster.delete(type, namespace, name, DeleteOptions.defaults()
                    .withPreconditionResourceVersion(lease.path("metadata").path("resourceVersion").asText("")));
            return Optional.empty();
        } catch (ClusterException e) {
            if (e.isConflict()) {
                return Optional.empty();
            }
            return Optional.of("the sync lease " + describe() + " could not be released (" + e.getMessage()
                    + "); other syncs of " + appName + " wait until it expires at " + expiry(lease));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ObjectNode newLease(Instant now) {
        ObjectNode lease = Json.object().put("apiVersion", API_VERSION).put("kind", "Lease");
        ObjectNode metadata = lease.putObject("metadata").put("name", name).put("namespace", namespace);
        metadata.putObject("labels").put("app.kubernetes.io/managed-by", "gitops4j");
        metadata.putObject("annotations").put(APPLICATION_ANNOTATION, appName);
        lease.putObject("spec").put("holderIdentity", identity).put("leaseDurationSeconds", seconds())
                .put("acquireTime", MicroTime.format(now)).put("renewTime", MicroTime.format(now))
                .put("leaseTransitions", 0);
        return lease;
    }

    private ObjectNode takenOver(ObjectNode lease, String previousHolder, Instant now) {
        ObjectNode next = lease.deepCopy();
        ObjectNode metadata = (ObjectNode) next.get("metadata");
        metadata.with("annotations").put(APPLICATION_ANNOTATION, appName);
        ObjectNode spec = next.with("spec");
        int transitions = spec.path("leaseTransitions").asInt(0);
        spec.put("holderIdentity", identity).put("leaseDurationSeconds", seconds())
                .put("acquireTime", MicroTime.format(now)).put("renewTime", MicroTime.format(now))
                .put("leaseTransitions", previousHolder.isEmpty() || previousHolder.equals(identity)
                        ? transitions : transitions + 1);
        return next;
    }

    private int seconds() {
        return (int) Math.max(1, duration.toSeconds());
    }

    /** When a Lease expires: its last renewal (else acquisition) plus its duration; a Lease with neither has. */
    private Instant expiry(JsonNode lease) {
        JsonNode spec = lease.path("spec");
        Optional<Instant> last = MicroTime.parse(spec.path("renewTime"))
                .or(() -> MicroTime.parse(spec.path("acquireTime")));
        long seconds = spec.path("leaseDurationSeconds").asLong(duration.toSeconds());
        return last.map(t -> t.plusSeconds(Math.max(1, seconds))).orElse(Instant.MIN);
    }

    private static Instant since(JsonNode lease) {
        JsonNode spec = lease.path("spec");
        return MicroTime.parse(spec.path("acquireTime")).or(() -> MicroTime.parse(spec.path("renewTime")))
                .orElse(Instant.EPOCH);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
