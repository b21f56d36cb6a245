package io.gitops4j.k8s.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.defaults.ServerDefaults;
import io.gitops4j.diff.schema.FieldSchema;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ListType;
import io.gitops4j.diff.schema.ObjectType;
import java.util.ArrayList;
import java.util.List;

/**
 * The merge of server-side apply: a configuration merged into a live object by the list types
 * of the kind's schema ({@link KubernetesSchema}), as the API server's structured merge does it.
 * Unlike a strategic merge patch, items of a {@code map} list are matched by all their
 * {@code x-kubernetes-list-map-keys} (container ports by containerPort <em>and</em> protocol,
 * not by containerPort alone); items the configuration leaves a defaulted key out of get the
 * default first. Set lists are unions, atomic lists and atomic structs are replaced, objects merge
 * field by field. Live items keep their order and new items follow in the configuration's order.
 */
final class StructuredMerge {

    private StructuredMerge() {
    }

    /** {@code configuration} merged into a copy of {@code live}. */
    static ObjectNode merge(ObjectNode live, ObjectNode configuration) {
        ObjectType type = KubernetesSchema.builtIn().typeOf(configuration);
        ObjectNode completed = configuration.deepCopy();
        completeKeys(completed, ServerDefaults.apply(configuration), type);
        return (ObjectNode) mergeObjects(live.deepCopy(), completed, type);
    }

    private static JsonNode mergeObjects(ObjectNode live, ObjectNode configuration, ObjectType type) {
        if (type.isAtomic()) {
            return configuration.deepCopy();
        }
        configuration.properties().forEach(entry -> {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                live.remove(entry.getKey());
            } else {
                live.set(entry.getKey(), mergeValues(live.get(entry.getKey()), value, type.field(entry.getKey())));
            }
        });
        return live;
    }

    private static JsonNode mergeValues(JsonNode live, JsonNode configuration, FieldSchema field) {
        if (live instanceof ObjectNode liveObject && configuration instanceof ObjectNode configObject) {
            return mergeObjects(liveObject, configObject, field.type());
        }
        if (live instanceof ArrayNode liveList && configuration instanceof ArrayNode configList) {
            return switch (field.listType()) {
                case MAP -> field.listMapKeys().isEmpty() ? configList.deepCopy() : mergeMapList(liveList, configList, field);
                case SET -> union(liveList, configList);
                case ATOMIC -> configList.deepCopy();
            };
        }
        return configuration.deepCopy();
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
                merged.add(liveItem);
            } else {
                unmatched.remove(match);
                merged.add(liveItem instanceof ObjectNode o && match instanceof ObjectNode m
                        ? mergeObjects(o, m, field.type()) : match.deepCopy());
            }
        }
        unmatched.forEach(item -> merged.add(item.deepCopy()));
        return merged;
    }

    private static ArrayNode union(ArrayNode live, ArrayNode configuration) {
        ArrayNode union = live.deepCopy();
        for (JsonNode item : configuration) {
            boolean present = false;
            for (JsonNode existing : union) {
                present |= FieldPaths.sameValue(existing, item);
            }
            if (!present) {
                union.add(item.deepCopy());
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

    /** Copies defaulted key fields of map-list items ({@code protocol: TCP}) into the configuration. */
    private static void completeKeys(JsonNode configuration, JsonNode defaulted, ObjectType type) {
        if (!(configuration instanceof ObjectNode object)) {
            return;
        }
        object.properties().forEach(entry -> {
            FieldSchema field = type.field(entry.getKey());
            JsonNode value = entry.getValue();
            JsonNode defaultedValue = defaulted.path(entry.getKey());
            if (value.isObject()) {
                completeKeys(value, defaultedValue, field.type());
            } else if (value.isArray() && field.listType() == ListType.MAP) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = value.get(i);
                    JsonNode defaultedItem = defaultedValue.path(i);
                    for (String key : field.listMapKeys()) {
                        if (item instanceof ObjectNode itemObject && !item.has(key) && defaultedItem.has(key)) {
                            itemObject.set(key, defaultedItem.get(key));
                        }
                    }
                    completeKeys(item, defaultedItem, field.type());
                }
            }
        });
    }
}
