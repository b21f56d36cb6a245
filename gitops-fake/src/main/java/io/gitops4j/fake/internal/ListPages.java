package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.cluster.ClusterException;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.kube.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Lists in pages ({@code limit} and {@code continue}), as an API server backed by etcd serves
 * them: every page of one list shows the objects as they were at the first page's
 * resourceVersion, whatever was written since (the fake rebuilds that state from the watch
 * history); a continue token older than that history is expired (410), as after etcd compacted.
 * Objects come in the store's order (by namespace and name); the token names the last one given.
 */
final class ListPages {

    /**
     * One page.
     *
     * @param items the stored objects selected, not yet copied
     * @param continueToken the token for the next page, empty on the last one
     * @param remaining how many selected objects the next pages hold, when the list has no selector
     */
    record Page(List<ObjectNode> items, long resourceVersion, String continueToken, OptionalLong remaining) {
    }

    private ListPages() {
    }

    /**
     * A page of the objects of {@code type} in {@code namespace} (all when empty) that
     * {@code selects} accepts. Under the lock.
     *
     * @param limit the most objects to give, 0 for all the rest
     * @param continueToken the token of the previous page, empty for the first
     * @param selective whether the list has a label or field selector (no remaining count then)
     * @throws ClusterException 400 for a token this server did not write, 410 for one too old
     */
    static Page page(ClusterState state, ResourceType type, String namespace, Predicate<JsonNode> selects,
            boolean selective, long limit, String continueToken) {
        Token token = continueToken.isEmpty() ? new Token(state.store().revision(), "")
                : Token.parse(continueToken);
        Collection<ObjectNode> objects = continueToken.isEmpty()
                ? state.store().list(type.groupKind(), namespace)
                : snapshot(state, type, namespace, token.resourceVersion()).values();
        List<ObjectNode> items = new ArrayList<>();
        String last = "";
        long remaining = 0;
        for (ObjectNode object : objects) {
            if (ObjectStore.slotOf(object).compareTo(token.after()) <= 0 || !selects.test(object)) {
                continue;
            }
            if (limit > 0 && items.size() == limit) {
                remaining++;
            } else {
                items.add(object);
                last = ObjectStore.slotOf(object);
            }
        }
        String next = remaining > 0 ? new Token(token.resourceVersion(), last).encode() : "";
        return new Page(items, token.resourceVersion(), next,
                remaining > 0 && !selective ? OptionalLong.of(remaining) : OptionalLong.empty());
    }

    /** The objects as they were at a revision, by slot: the current ones with later changes undone. */
    private static TreeMap<String, ObjectNode> snapshot(ClusterState state, ResourceType type, String namespace,
            long revision) {
        List<WatchHub.Change> changes = state.watches().changesSince(type.groupKind(), revision)
                .orElseThrow(() -> new ClusterException(410, "Expired", "The provided continue parameter is too old "
                        + "to display a consistent list result. You can start a new list without the continue "
                        + "parameter.", Optional.empty()));
        TreeMap<String, ObjectNode> objects = new TreeMap<>();
        state.store().list(type.groupKind(), namespace).forEach(o -> objects.put(ObjectStore.slotOf(o), o));
        for (int i = changes.size() - 1; i >= 0; i--) {
            WatchHub.Change change = changes.get(i);
            String slot = ObjectStore.slotOf(change.object());
            if (!namespace.isEmpty() && !slot.startsWith(namespace + "/")) {
                continue;
            }
            switch (change.type()) {
                case ADDED -> objects.remove(slot);
                case MODIFIED, DELETED -> objects.put(slot, change.previous());
                default -> { }
            }
        }
        return objects;
    }

    /** What a continue token holds: the list's resourceVersion and the slot of the last object given. */
    private record Token(long resourceVersion, String after) {

        String encode() {
            ObjectNode json = Json.object().put("rv", resourceVersion).put("start", after);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
        }

        static Token parse(String text) {
            try {
                ObjectNode json = Json.parseObject(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8),
                        "continue token");
                if (!json.path("rv").canConvertToLong() || !json.path("start").isTextual()) {
                    throw new IllegalArgumentException("no resourceVersion or start");
                }
                return new Token(json.path("rv").asLong(), json.path("start").asText());
            } catch (RuntimeException e) {
                throw ApiErrors.badRequest("continue key is not valid: " + text + " (send the continue token of the "
                        + "previous page as it came)");
            }
        }
    }
}
