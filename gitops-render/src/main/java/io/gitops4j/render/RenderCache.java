package io.gitops4j.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rendered manifests by (commit, path, options, application), least recently used first out,
 * with a bounded number of entries. Rendering is a pure function of that key, so an entry never
 * goes stale. A plain directory's manifests do not depend on the application, so applications
 * that render one directory at one commit share an entry. Callers get copies; the cached trees
 * are never handed out.
 */
final class RenderCache {

    /**
     * What a rendering depends on. The repository folders are left out: the commits name their
     * content (the referenced sources' too).
     */
    record Key(String revision, String path, SourceOptions options, String appName, String namespace, String repoURL,
            Map<String, String> references, String kubeVersion) {

        static Key of(RenderRequest request) {
            Map<String, String> references = new java.util.TreeMap<>();
            request.references().forEach((name, source) -> references.put(name, source.revision()));
            return new Key(request.revision(), request.path(), request.options(), request.appName(), request.namespace(),
                    request.repoURL(), references, request.kubeVersion());
        }

        /** The key of a plain directory: its files alone make its manifests, whichever application reads them. */
        static Key ofDirectory(RenderRequest request) {
            return new Key(request.revision(), request.path(), request.options(), "", "", request.repoURL(), Map.of(), "");
        }
    }

    private final int maxEntries;
    private final Map<Key, Rendered> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    RenderCache(int maxEntries) {
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Rendered> eldest) {
                return size() > RenderCache.this.maxEntries;
            }
        };
    }

    Optional<Rendered> get(Key key) {
        Rendered cached;
        synchronized (entries) {
            cached = entries.get(key);
        }
        if (cached == null) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        hits.incrementAndGet();
        return Optional.of(copy(cached));
    }

    void put(Key key, Rendered rendered) {
        if (maxEntries <= 0) {
            return;
        }
        Rendered copy = copy(rendered);
        synchronized (entries) {
            entries.put(key, copy);
        }
    }

    long hits() {
        return hits.get();
    }

    private static Rendered copy(Rendered rendered) {
        List<ObjectNode> objects = rendered.objects().stream().map(ObjectNode::deepCopy).toList();
        return new Rendered(rendered.type(), objects);
    }
}
