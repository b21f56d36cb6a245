package io.gitops4j.kube.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A mapping or sequence being built, with what its subtree costs: nodes, nesting height and
 * characters. The costs are what an alias to it adds when it is expanded.
 */
abstract class Frame {

    final String anchor;
    final int line;
    int nodes = 1;
    int height = 1;
    long chars;

    Frame(String anchor, int line) {
        this.anchor = anchor;
        this.line = line;
    }

    /** Adds a finished child with its costs. */
    final void add(JsonNode child, int childNodes, int childHeight, long childChars, int childLine) {
        nodes += childNodes;
        height = Math.max(height, childHeight + 1);
        chars += childChars;
        accept(child, childLine);
    }

    abstract void accept(JsonNode child, int childLine);

    /** The finished node. */
    abstract JsonNode finish();
}
