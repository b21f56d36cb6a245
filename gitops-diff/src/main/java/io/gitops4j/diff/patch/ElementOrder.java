package io.gitops4j.diff.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.gitops4j.diff.internal.JsonLists;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The order of a merged list, as the Kubernetes API server makes it: the items the patch (or its
 * {@code $setElementOrder}) names come in that order; the items only the server had keep their
 * order and are interleaved by their old positions, ahead of a patch item only when both were in
 * the old list and the server item came first.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * @param merged the merged items, in any order
     * @param order the list whose order patch items take
     * @param original the list before the patch (the server's order)
     * @param mergeKey the merge key, or empty for lists of scalars
     */
    static ArrayNode arrange(List<JsonNode> merged, Iterable<JsonNode> order, Iterable<JsonNode> original,
            String mergeKey) {
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> serverOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (JsonLists.indexOf(order, item, mergeKey) >= 0 ? patchItems : serverOnly).add(item);
        }
        patchItems.sort(Comparator.comparingInt(item -> JsonLists.indexOf(order, item, mergeKey)));
        serverOnly.sort(Comparator.comparingInt(item -> positionOrLast(original, item, mergeKey)));
        ArrayNode result = JsonNodeFactory.instance.arrayNode(merged.size());
        int server = 0;
        int patch = 0;
        while (server < serverOnly.size() || patch < patchItems.size()) {
            if (patch >= patchItems.size()) {
                result.add(serverOnly.get(server++));
            } else if (server >= serverOnly.size()) {
                result.add(patchItems.get(patch++));
            } else {
                int serverPosition = JsonLists.indexOf(original, serverOnly.get(server), mergeKey);
                int patchPosition = JsonLists.indexOf(original, patchItems.get(patch), mergeKey);
                boolean serverFirst = serverPosition >= 0 && patchPosition >= 0 && serverPosition < patchPosition;
                result.add(serverFirst ? serverOnly.get(server++) : patchItems.get(patch++));
            }
        }
        return result;
    }

    private static int positionOrLast(Iterable<JsonNode> original, JsonNode item, String mergeKey) {
        int position = JsonLists.indexOf(original, item, mergeKey);
        return position < 0 ? Integer.MAX_VALUE : position;
    }
}
