package io.gitops4j.render.kustomize.internal.sort;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.YamlFields;
import io.gitops4j.render.kustomize.internal.resource.Gvk;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's {@code SortOrderTransformer} ({@code sortOptions} of the top kustomization): the
 * order of the build's output. {@code fifo} keeps the order in which resources were accumulated;
 * {@code legacy}, the default, puts kinds others depend on first (Namespace, CRDs, RBAC,
 * ConfigMaps, Services, ...) and webhook configurations last, then orders by group/version/kind,
 * namespace and name.
 *
 * @param sortOptions {@code order} and {@code legacySortOptions} ({@code orderFirst},
 *     {@code orderLast}); missing means legacy with Kustomize's lists
 */
public record SortOrderTransformer(JsonNode sortOptions) implements Transformer {

    private static final List<String> DEFAULT_FIRST = Gvk.LEGACY_FIRST;
    private static final List<String> DEFAULT_LAST = Gvk.LEGACY_LAST;

    /**
     * Sorts the resources as {@code sortOptions} says.
     *
     * @throws IllegalArgumentException when the options are malformed
     */
    @Override
    public void transform(ResMap resources) {
        // Without sortOptions Kustomize sorts legacy; with them, the order must be named.
        String order = sortOptions.isObject() ? sortOptions.path("order").asText("") : "legacy";
        switch (order) {
            case "fifo" -> {
                if (!YamlFields.isAbsent(sortOptions.get("legacySortOptions"))) {
                    throw new IllegalArgumentException("the field 'sortOptions.legacySortOptions' is set but the "
                            + "selected sort order is 'fifo', not 'legacy'");
                }
            }
            case "legacy" -> {
                JsonNode legacy = sortOptions.path("legacySortOptions");
                List<String> first = legacy.has("orderFirst") ? strings(legacy.get("orderFirst")) : DEFAULT_FIRST;
                List<String> last = legacy.has("orderLast") ? strings(legacy.get("orderLast")) : DEFAULT_LAST;
                legacy(resources, first, last);
            }
            default -> throw new IllegalArgumentException("the field 'sortOptions.order' must be one of [fifo, legacy]"
                    + (order.isEmpty() ? "; it is missing" : ", not '" + order + "'"));
        }
    }

    private static void legacy(ResMap resources, List<String> first, List<String> last) {
        Map<String, Integer> rank = new HashMap<>();
        for (int i = 0; i < first.size(); i++) {
            rank.put(first.get(i), -first.size() + i);
        }
        for (int i = 0; i < last.size(); i++) {
            rank.put(last.get(i), 1 + i);
        }
        Comparator<Resource> comparator = Comparator
                .comparingInt((Resource r) -> rank.getOrDefault(r.kind(), 0))
                .thenComparing(r -> Gvk.of(r.object()).sortKey())
                .thenComparing(r -> legacyKey(r.currentId()));
        List<Resource> sorted = new ArrayList<>(resources.resources());
        sorted.sort(comparator);
        resources.reorder(sorted);
    }

    private static String legacyKey(ResId id) {
        return (id.namespace().isEmpty() ? "~X" : id.namespace()) + "|" + id.name();
    }

    private static List<String> strings(JsonNode list) {
        List<String> values = new ArrayList<>();
        list.forEach(v -> values.add(v.asText()));
        return values;
    }
}
