package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/** A sequence being built. */
final class SequenceFrame extends Frame {

    private final ArrayNode array = JsonNodeFactory.instance.arrayNode();

    SequenceFrame(String anchor, int line) {
        super(anchor, line);
    }

    @Override
    void accept(JsonNode child, int childLine) {
        array.add(child);
    }

    @Override
    JsonNode finish() {
        return array;
    }
}
