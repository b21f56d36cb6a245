package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.TemplateData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code merge} generator: the parameter sets of the first child, each overridden by the set
 * of every later child that has the same values for all {@code mergeKeys}; sets of later children
 * that match none are dropped. Every child's sets must be unique by the merge keys.
 */
final class MergeGenerator {

    private final Generation generation;
    private final Generators generators;

    MergeGenerator(Generation generation, Generators generators) {
        this.generation = generation;
        this.generators = generators;
    }

    List<Map<String, Object>> generate(ObjectNode spec, String path, int depth) {
        JsonNode children = spec.path("generators");
        if (children.size() < 2) {
            throw generation.error(path, "found less than two generators, Merge requires two or more");
        }
        TreeSet<String> mergeKeys = new TreeSet<>();
        spec.path("mergeKeys").forEach(k -> mergeKeys.add(k.asText()));
        if (mergeKeys.isEmpty()) {
            throw generation.error(path, "no merge keys were specified, Merge requires at least one");
        }
        Map<String, Map<String, Object>> base = byKey(mergeKeys,
                generators.child(children.get(0), path + ".generators[0]", Map.of(), depth), path + ".generators[0]");
        for (int i = 1; i < children.size(); i++) {
            String at = path + ".generators[" + i + "]";
            Map<String, Map<String, Object>> other = byKey(mergeKeys,
                    generators.child(children.get(i), at, Map.of(), depth), at);
            for (Map.Entry<String, Map<String, Object>> entry : base.entrySet()) {
                Map<String, Object> override = other.get(entry.getKey());
                if (override != null) {
                    Map<String, Object> merged;
                    if (generation.goTemplate()) {
                        merged = ParamSets.deepMerge(entry.getValue(), override);
                    } else {
                        merged = new LinkedHashMap<>(entry.getValue());
                        merged.putAll(override);
                    }
                    entry.setValue(merged);
                }
            }
        }
        return new ArrayList<>(base.values());
    }

    private Map<String, Map<String, Object>> byKey(TreeSet<String> mergeKeys, List<Map<String, Object>> sets,
            String path) {
        Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
        for (Map<String, Object> set : sets) {
            Map<String, Object> key = new TreeMap<>();
            mergeKeys.forEach(k -> key.put(k, set.get(k)));
            String json = TemplateData.goJson(key);
            if (byKey.putIfAbsent(json, set) != null) {
                throw generation.error(path, "the parameters from a generator were not unique by the given mergeKeys,"
                        + " Merge requires all param sets to be unique. Duplicate key was " + json);
            }
        }
        return byKey;
    }
}
