package io.gitops4j.render;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The manifests a source rendered into, and how they were rendered.
 *
 * @param type the source type used
 * @param objects the objects, in the renderer's output order; the caller owns them
 */
public record Rendered(SourceType type, List<ObjectNode> objects) {

    /**
     * Copies the objects.
     *
     * @param type the source type used
     * @param objects the objects, in the renderer's output order; the caller owns them
     */
    public Rendered {
        objects = List.copyOf(objects);
    }
}
