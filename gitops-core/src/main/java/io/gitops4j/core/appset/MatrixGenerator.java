package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.core.appset.gotemplate.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code matrix} generator: exactly two children; for each parameter set of the first, the
 * second is interpolated with it and run, and each pair is combined. With fasttemplate both are
 * flattened to strings and a key both give with different values is an error; with Go templates
 * the first child's values win and nested maps are merged.
 */
final class MatrixGenerator {

    private final Generation generation;
    private final Generators generators;

    MatrixGenerator(Generation generation, Generators generators) {
        this.generation = generation;
        this.generators = generators;
    }

    List<Map<String, Object>> generate(ObjectNode spec, String path, int depth) {
        JsonNode children = spec.path("generators");
        if (children.size() < 2) {
            throw generation.error(path, "found less than two generators, Matrix support only two");
        }
        if (children.size() > 2) {
            throw generation.error(path, "found more than two generators, Matrix support only two");
        }
        String firstPath = path + ".generators[0]";
        String secondPath = path + ".generators[1]";
        List<Map<String, Object>> first = generators.child(children.get(0), firstPath, Map.of(), depth);
        List<Map<String, Object>> result = new ArrayList<>();
        for (Map<String, Object> a : first) {
            List<Map<String, Object>> second = generators.child(children.get(1), secondPath, a, depth);
            for (Map<String, Object> b : second) {
                result.add(generation.goTemplate() ? ParamSets.deepMerge(b, a) : combine(a, b, path));
                generation.checkCount(result.size(), path);
            }
        }
        return result;
    }

    private Map<String, Object> combine(Map<String, Object> a, Map<String, Object> b, String path) {
        Map<String, Object> out = new LinkedHashMap<>();
        a.forEach((k, v) -> out.put(k, Values.print(v)));
        for (Map.Entry<String, Object> entry : b.entrySet()) {
            String value = Values.print(entry.getValue());
            Object current = out.get(entry.getKey());
            if (current != null && !current.equals(value)) {
                throw generation.error(path, "found duplicate key " + entry.getKey() + " with different value, a: "
                        + current + " ,b: " + value + "; rename the key in one of the two generators");
            }
            out.put(entry.getKey(), value);
        }
        return out;
    }
}
