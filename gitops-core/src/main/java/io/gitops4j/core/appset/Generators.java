package io.gitops4j.core.appset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.LabelSelector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo CD's {@code Transform}: runs the generator of one {@code spec.generators} entry (or one
 * child of a matrix or merge), after interpolating the parameters of a matrix's first child into
 * it, keeps the parameter sets its {@code selector} matches, and merges its own
 * {@code template} over the set's.
 */
final class Generators {

    /** The parameter sets of one generator and the template they fill. */
    record Result(String path, List<Map<String, Object>> params, ObjectNode template) {
    }

    private static final Set<String> UNSUPPORTED = Set.of("scmProvider", "pullRequest", "clusterDecisionResource",
            "plugin");
    private static final Set<String> KEYS = Set.of("list", "clusters", "git", "matrix", "merge");

    private final Generation generation;

    Generators(Generation generation) {
        this.generation = generation;
    }

    /**
     * @param entry the generator entry, an object with one generator key
     * @param path where it is, for messages ({@code spec.generators[0]})
     * @param interpolation parameters of a matrix's first child, or empty
     * @param depth 0 for {@code spec.generators}, 1 inside a matrix or merge, ...
     */
    List<Result> transform(JsonNode entry, String path, Map<String, Object> interpolation, ObjectNode baseTemplate,
            int depth) {
        if (!entry.isObject()) {
            throw generation.error(path, "a generator must be a mapping with one of list, clusters, git, matrix, merge");
        }
        JsonNode interpolated = interpolation.isEmpty() ? entry : Interpolation.apply(generation, entry, interpolation, path);
        LabelSelector selector = selector(interpolated.path("selector"), path);
        List<Result> results = new ArrayList<>();
        Iterator<String> names = interpolated.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.equals("selector")) {
                continue;
            }
            if (UNSUPPORTED.contains(name)) {
                throw generation.error(path + "." + name, "the " + name
                        + " generator is not supported by GitOps4J; use list, clusters, git, matrix or merge");
            }
            if (!KEYS.contains(name)) {
                throw generation.error(path + "." + name, "unknown generator '" + name
                        + "'; use list, clusters, git, matrix or merge");
            }
            String at = path + "." + name;
            JsonNode spec = interpolated.get(name);
            if (!spec.isObject()) {
                throw generation.error(at, "must be a mapping");
            }
            List<Map<String, Object>> params = generate(name, (ObjectNode) spec, at, depth);
            generation.checkCount(params.size(), at);
            List<Map<String, Object>> kept = new ArrayList<>();
            for (Map<String, Object> set : params) {
                if (selector.matches(ParamSets.labels(set))) {
                    kept.add(set);
                }
            }
            results.add(new Result(at, kept, Templates.mergeGeneratorTemplate(spec.path("template"), baseTemplate)));
        }
        if (results.isEmpty()) {
            throw generation.error(path, "names no generator; use one of list, clusters, git, matrix, merge");
        }
        return results;
    }

    private List<Map<String, Object>> generate(String name, ObjectNode spec, String path, int depth) {
        return switch (name) {
            case "list" -> new ListGenerator(generation).generate(spec, path);
            case "clusters" -> new ClusterGenerator(generation).generate(spec, path);
            case "git" -> new GitGenerator(generation).generate(spec, path);
            case "matrix" -> new MatrixGenerator(generation, this).generate(spec, path, depth + 1);
            default -> new MergeGenerator(generation, this).generate(spec, path, depth + 1);
        };
    }

    /** The one result of a child of a matrix or merge. */
    List<Map<String, Object>> child(JsonNode entry, String path, Map<String, Object> interpolation, int depth) {
        if (depth > generation.limits.maxNesting()) {
            throw generation.error(path, "matrix and merge generators nest " + depth + " deep, more than the limit of "
                    + generation.limits.maxNesting() + "; flatten the generators");
        }
        Iterator<String> names = entry.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if ((name.equals("matrix") || name.equals("merge")) && depth >= generation.limits.maxNesting()) {
                throw generation.error(path + "." + name, "matrix and merge generators nest more than "
                        + generation.limits.maxNesting() + " deep; flatten the generators");
            }
        }
        List<Result> results = transform(entry, path, interpolation, Templates.EMPTY, depth);
        if (results.size() > 1) {
            throw generation.error(path, "found more than one generator in one entry of matrix.generators or"
                    + " merge.generators; give each its own entry");
        }
        return results.get(0).params();
    }

    private LabelSelector selector(JsonNode node, String path) {
        if (node.isMissingNode() || node.isNull()) {
            return LabelSelector.everything();
        }
        try {
            return LabelSelector.fromJson(node);
        } catch (IllegalArgumentException e) {
            throw generation.error(path + ".selector", e.getMessage());
        }
    }
}
