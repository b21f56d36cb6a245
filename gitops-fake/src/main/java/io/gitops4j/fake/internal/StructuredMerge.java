package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.fields.PathElement;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ListType;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merge of server-side apply: a configuration merged into a live object by the list types
 * of the kind's schema (a built-in kind's from {@link KubernetesSchema}, a custom resource's from
 * its definition), as the API server's structured merge does it.
 * Unlike a strategic merge patch, items of a {@code map} list are matched by all their
 * {@code x-kubernetes-list-map-keys} (container ports by containerPort <em>and</em> protocol,
 * not by containerPort alone), after {@link #completeKeys} gave the items a configuration leaves
 * a defaulted key out of that default. Set lists are unions, atomic lists and atomic structs are replaced, objects merge
 * field by field. Live items keep their order and new items follow in the configuration's order.
 */
final class StructuredMerge {

    private StructuredMerge() {
    }

    /**
     * {@code configuration} merged into {@code live}, which is not changed: the result shares no
     * node with {@code live} (what it keeps of it is copied), and subtrees of
     * {@code configuration}, which the caller hands over, become part of it. The caller owns the
     * result whole and may change it in place. The live object's {@code metadata.managedFields}
     * are left out: an apply writes them afresh.
     */
    static ObjectNode merge(ObjectNode live, ObjectNode configuration, ObjectType schema) {
        return (ObjectNode) mergeObjects(live, configuration, schema);
    }

    /**
     * Gives the items of map lists in {@code configuration} the key fields it leaves out and the
     * server's defaults fill in, such as a port's {@code protocol: TCP}, so that they name the
     * items they will be. The defaults are computed only when a key is missing.
     *
     * @return the paths of the key fields added, which the applier does not own
     */
    static List<List<PathElement>> completeKeys(ObjectNode configuration, ObjectType schema) {
        KeyCompletion completion = new KeyCompletion(configuration);
        completion.walk(configuration, schema);
        return completion.added;
    }

    private static JsonNode mergeObjects(ObjectNode live, ObjectNode configuration, ObjectType type) {
        if (type.isAtomic()) {
            return configuration;
        }
        ObjectNode merged = live.objectNode();
        live.properties().forEach(entry -> {
            JsonNode value = configuration.get(entry.getKey());
            if (value == null) {
                if (!isManagedFields(entry.getKey(), type)) {
                    merged.set(entry.getKey(), entry.getValue().deepCopy());
                }
            } else if (!value.isNull()) {
                merged.set(entry.getKey(), mergeValues(entry.getValue(), value, type.field(entry.getKey())));
            }
        });
        configuration.properties().forEach(entry -> {
            if (!entry.getValue().isNull() && !live.has(entry.getKey())) {
                merged.set(entry.getKey(), entry.getValue());
            }
        });
        return merged;
    }

    private static boolean isManagedFields(String field, ObjectType type) {
        return field.equals("managedFields") && type.name().equals("meta.v1.ObjectMeta");
    }

    private static JsonNode mergeValues(JsonNode live, JsonNode configuration, FieldSchema field) {
        if (live instanceof ObjectNode liveObject && configuration instanceof ObjectNode configObject) {
            return mergeObjects(liveObject, configObject, field.type());
        }
        if (live instanceof ArrayNode liveList && configuration instanceof ArrayNode configList) {
            return switch (field.listType()) {
                case MAP -> field.listMapKeys().isEmpty() ? configList : mergeMapList(liveList, configList, field);
                case SET -> union(liveList, configList);
                case ATOMIC -> configList;
            };
        }
        return configuration;
    }

    private static ArrayNode mergeMapList(ArrayNode live, ArrayNode configuration, FieldSchema field) {
        ArrayNode merged = live.arrayNode();
        List<JsonNode> unmatched = new ArrayList<>();
        configuration.forEach(unmatched::add);
        for (JsonNode liveItem : live) {
            JsonNode match = null;
            for (JsonNode candidate : unmatched) {
                if (sameKeys(liveItem, candidate, field.listMapKeys())) {
                    match = candidate;
                    break;
                }
            }
            if (match == null) {
                merged.add(liveItem.deepCopy());
            } else {
                unmatched.remove(match);
                merged.add(liveItem instanceof ObjectNode o && match instanceof ObjectNode m
                        ? mergeObjects(o, m, field.type()) : match);
            }
        }
        unmatched.forEach(merged::add);
        return merged;
    }

    private static ArrayNode union(ArrayNode live, ArrayNode configuration) {
        ArrayNode union = live.arrayNode();
        live.forEach(item -> union.add(item.deepCopy()));
        for (JsonNode item : configuration) {
            boolean present = false;
            for (JsonNode existing : union) {
                present |= FieldPaths.sameValue(existing, item);
            }
            if (!present) {
                union.add(item);
            }
        }
        return union;
    }

    private static boolean sameKeys(JsonNode a, JsonNode b, List<String> keys) {
        for (String key : keys) {
            if (!FieldPaths.sameValue(a.path(key), b.path(key))) {
                return false;
            }
        }
        return true;
    }

    /** One walk of {@link #completeKeys}: where it is, in the object and as a field path. */
    private static final class KeyCompletion {

        private final ObjectNode root;
        private final List<Object> jsonPath = new ArrayList<>();
        private final List<PathElement> fieldPath = new ArrayList<>();
        private final List<List<PathElement>> added = new ArrayList<>();
        private ObjectNode defaulted;

        KeyCompletion(ObjectNode root) {
            this.root = root;
        }

        void walk(JsonNode node, ObjectType type) {
            if (!(node instanceof ObjectNode object)) {
                return;
            }
            object.properties().forEach(entry -> {
                FieldSchema field = type.field(entry.getKey());
                JsonNode value = entry.getValue();
                jsonPath.add(entry.getKey());
                fieldPath.add(PathElement.field(entry.getKey()));
                if (value.isObject()) {
                    walk(value, field.type());
                } else if (value.isArray() && field.listType() == ListType.MAP && !field.listMapKeys().isEmpty()) {
                    for (int i = 0; i < value.size(); i++) {
                        jsonPath.add(i);
                        item(value.get(i), field);
                        jsonPath.remove(jsonPath.size() - 1);
                    }
                }
                jsonPath.remove(jsonPath.size() - 1);
                fieldPath.remove(fieldPath.size() - 1);
            });
        }

        private void item(JsonNode item, FieldSchema field) {
            if (!(item instanceof ObjectNode itemObject)) {
                return;
            }
            List<String> completed = new ArrayList<>();
            for (String key : field.listMapKeys()) {
                if (!item.has(key)) {
                    JsonNode value = defaultedHere().path(key);
                    if (!value.isMissingNode()) {
                        itemObject.set(key, value);
                        completed.add(key);
                    }
                }
            }
            Map<String, JsonNode> keys = new LinkedHashMap<>();
            for (String key : field.listMapKeys()) {
                if (item.hasNonNull(key)) {
                    keys.put(key, item.get(key));
                }
            }
            fieldPath.add(PathElement.key(keys));
            for (String key : completed) {
                List<PathElement> keyPath = new ArrayList<>(fieldPath);
                keyPath.add(PathElement.field(key));
                added.add(keyPath);
            }
            walk(item, field.type());
            fieldPath.remove(fieldPath.size() - 1);
        }

        /** The node of the defaulted configuration where the walk is (keys are never quantities: no canonical form needed). */
        private JsonNode defaultedHere() {
            if (defaulted == null) {
                defaulted = ServerDefaults.fillDefaults(root);
            }
            JsonNode node = defaulted;
            for (Object step : jsonPath) {
                node = step instanceof Integer index ? node.path(index) : node.path((String) step);
            }
            return node;
        }
    }
}
