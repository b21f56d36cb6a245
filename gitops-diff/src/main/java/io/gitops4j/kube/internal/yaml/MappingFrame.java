package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mapping being built: its keys alternate with values, duplicate keys are resolved by the
 * policy, and merge keys ({@code <<: *base}, {@code <<: [*a, *b]}) are applied as go-yaml applies
 * them.
 *
 * <p>go-yaml v2 (sigs.k8s.io/yaml) applies a merge where it stands: the merged entries overwrite
 * keys written before the {@code <<}, and keys written after it overwrite the merged ones; in a list
 * of mappings the earlier mapping wins. go-yaml v3 and kyaml let every key written in the mapping
 * win, then add the merged keys that are missing, the earlier mapping of a list first.
 */
final class MappingFrame extends Frame {

    private final ObjectNode object = JsonNodeFactory.instance.objectNode();
    private final boolean mergeInPlace;
    private final boolean refuseDuplicates;
    /** Lines of the keys written in this mapping, kept only when duplicates are refused. */
    private final Map<String, Integer> keyLines;

    private boolean expectingKey = true;
    private String key;
    private boolean merge;
    private JsonNode lastMerge;

    MappingFrame(String anchor, int line, boolean mergeInPlace, boolean refuseDuplicates) {
        super(anchor, line);
        this.mergeInPlace = mergeInPlace;
        this.refuseDuplicates = refuseDuplicates;
        this.keyLines = refuseDuplicates ? new HashMap<>() : null;
    }

    boolean expectingKey() {
        return expectingKey;
    }

    /** The next key; {@code merge} for {@code <<}. */
    void key(String name, boolean isMerge, int keyLine) {
        if (refuseDuplicates) {
            Integer first = keyLines.putIfAbsent(name, keyLine);
            if (first != null) {
                throw new YamlProblem(keyLine, "the mapping key '" + name + "' is already defined at line " + first
                        + "; remove one of them (this reader refuses duplicate keys, as Kustomize does)");
            }
        }
        this.key = name;
        this.merge = isMerge;
        this.chars += name.length();
        this.expectingKey = false;
    }

    @Override
    void accept(JsonNode value, int valueLine) {
        expectingKey = true;
        if (!merge) {
            object.set(key, value);
            return;
        }
        List<ObjectNode> merged = mappings(value, valueLine);
        if (mergeInPlace) {
            for (int i = merged.size() - 1; i >= 0; i--) {
                object.setAll(merged.get(i));
            }
        } else {
            lastMerge = value;
        }
    }

    @Override
    JsonNode finish() {
        if (lastMerge != null) {
            for (ObjectNode mapping : mappings(lastMerge, line)) {
                for (Map.Entry<String, JsonNode> entry : mapping.properties()) {
                    if (!object.has(entry.getKey())) {
                        object.set(entry.getKey(), entry.getValue());
                    }
                }
            }
        }
        return object;
    }

    private static List<ObjectNode> mappings(JsonNode value, int valueLine) {
        if (value instanceof ObjectNode mapping) {
            return List.of(mapping);
        }
        if (value.isArray()) {
            List<ObjectNode> mappings = new ArrayList<>();
            for (JsonNode element : value) {
                if (!(element instanceof ObjectNode mapping)) {
                    throw mergeProblem(valueLine);
                }
                mappings.add(mapping);
            }
            return mappings;
        }
        throw mergeProblem(valueLine);
    }

    private static YamlProblem mergeProblem(int line) {
        return new YamlProblem(line, "a merge key (<<) needs a mapping or a list of mappings as its value");
    }
}
