package io.gitops4j.core.crd;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.crd.sharding.ApplicationShards;
import io.gitops4j.core.crd.sharding.ShardLeases;
import io.gitops4j.kube.KubernetesObjects;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Between the watches and the {@link ApplicationObjectHandler} of a replica that shares the work:
 * keeps the last state of every Application seen and hands on only those whose shard the replica
 * holds. A shard gained hands on its Applications at once; a shard lost (or an Application whose
 * shard changed) releases them before anything else happens, so the replica stops reconciling
 * them before another may start. Thread-safe: one lock for watch events and shard changes.
 */
final class ShardedHandler implements NamespaceWatch.Handler, ShardLeases.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(ShardedHandler.class);

    /** An Application's last state and its shard. */
    private record Seen(ObjectNode object, int shard) {
    }

    private final ApplicationObjects objects;
    private final ApplicationObjectHandler handler;
    private final ApplicationShards shards;
    private final Map<String, Seen> seen = new HashMap<>();
    private final Set<Integer> held = new HashSet<>();

    ShardedHandler(ApplicationObjects objects, ApplicationObjectHandler handler, ApplicationShards shards) {
        this.objects = objects;
        this.handler = handler;
        this.shards = shards;
    }

    @Override
    public synchronized void seen(ObjectNode object) {
        String name = objects.engineName(object);
        int shard = shards.shardOf(object);
        Seen before = seen.put(name, new Seen(object, shard));
        if (before != null && before.shard() != shard && held.contains(before.shard())) {
            LOG.info("{}/{}: moved from shard {} to shard {}", KubernetesObjects.namespace(object),
                    KubernetesObjects.name(object), before.shard(), shard);
            safely(handler::release, before.object());
        }
        if (held.contains(shard)) {
            handler.seen(object);
        }
    }

    @Override
    public synchronized void gone(ObjectNode object) {
        Seen before = seen.remove(objects.engineName(object));
        if (before != null && held.contains(before.shard())) {
            handler.gone(object);
        }
    }

    @Override
    public synchronized void acquired(int shard) {
        held.add(shard);
        List<Seen> apps = seen.values().stream().filter(s -> s.shard() == shard).toList();
        LOG.info("shard {}: reconciling its {} Applications", shard, apps.size());
        apps.forEach(s -> safely(handler::seen, s.object()));
    }

    @Override
    public synchronized void lost(int shard) {
        held.remove(shard);
        seen.values().stream().filter(s -> s.shard() == shard).forEach(s -> safely(handler::release, s.object()));
    }

    /** Stops reconciling every Application of every shard held; the shards count as lost. */
    synchronized void releaseAll() {
        Set.copyOf(held).forEach(this::lost);
    }

    /** One bad object never stops the others. */
    private static void safely(Consumer<ObjectNode> step, ObjectNode object) {
        try {
            step.accept(object);
        } catch (RuntimeException e) {
            LOG.error("Application {}/{}: {}", KubernetesObjects.namespace(object), KubernetesObjects.name(object),
                    e.getMessage(), e);
        }
    }
}
