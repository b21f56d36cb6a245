package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NumericNode;

/** Integer nodes the way a YAML reader makes them, so built objects equal parsed ones. */
public final class Numbers {

    private Numbers() {
    }

    /** An int node when the value fits in an int, a long node otherwise. */
    public static NumericNode integer(long value) {
        return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value) : JsonNodeFactory.instance.numberNode(value);
    }
}
