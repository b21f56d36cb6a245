package io.gitops4j.render.kustomize.internal.transform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.kustomize.internal.model.ImageEntry;
import io.gitops4j.render.kustomize.internal.resource.FieldSpec;
import io.gitops4j.render.kustomize.internal.resource.FieldWalker;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.Transformer;
import java.util.List;
import java.util.Map;

/**
 * Kustomize's {@code ImageTagTransformer} (each {@code images} entry): changes the name, tag or
 * digest of matching images in every {@code image} field of a list called {@code containers} or
 * {@code initContainers}, wherever it is in the object, and in the fields {@code fieldSpecs} name.
 *
 * @param imageTag which image to change and how
 * @param fieldSpecs further places of images ({@code images} of the transformer configuration)
 */
public record ImageTagTransformer(ImageEntry imageTag, List<FieldSpec> fieldSpecs) implements Transformer {

    @Override
    public void transform(ResMap resources) {
        for (Resource resource : resources.resources()) {
            updateContainerLists(resource.object(), imageTag);
            for (FieldSpec spec : fieldSpecs) {
                FieldWalker.walkExisting(resource.object(), spec, (parent, field) -> {
                    JsonNode value = parent.get(field);
                    if (value != null && value.isTextual()) {
                        parent.put(field, update(value.asText(), imageTag));
                    }
                });
            }
        }
    }

    private static void updateContainerLists(JsonNode node, ImageEntry image) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                JsonNode value = entry.getValue();
                boolean containerList = entry.getKey().equals("containers") || entry.getKey().equals("initContainers");
                if (containerList && value instanceof ArrayNode list) {
                    for (JsonNode container : list) {
                        if (container instanceof ObjectNode c && c.path("image").isTextual()) {
                            c.put("image", update(c.get("image").asText(), image));
                        }
                    }
                }
                updateContainerLists(value, image);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(item -> updateContainerLists(item, image));
        }
    }

    /** The image reference after the change, or unchanged when it does not match. */
    static String update(String reference, ImageEntry image) {
        ImageReference ref = ImageReference.parse(reference);
        if (!ref.name().equals(image.name())) {
            return reference;
        }
        String name = image.newName().isEmpty() ? ref.name() : image.newName();
        String tag = ref.tag();
        String digest = ref.digest();
        if (!image.newTag().isEmpty() && !image.digest().isEmpty()) {
            tag = image.newTag();
            digest = image.digest();
        } else if (!image.newTag().isEmpty()) {
            tag = image.newTag();
            digest = "";
        } else if (!image.digest().isEmpty()) {
            digest = image.digest();
            tag = "";
        } else if (!image.tagSuffix().isEmpty()) {
            tag = tag + image.tagSuffix();
            digest = "";
        }
        return name + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /**
     * An image reference split into name, tag and digest.
     *
     * @param name the name, registry and port included
     * @param tag the tag; empty when none
     * @param digest the digest; empty when none
     */
    public record ImageReference(String name, String tag, String digest) {

        /** Splits {@code name[:tag][@digest]}; a colon inside the registry part is not a tag. */
        public static ImageReference parse(String reference) {
            String rest = reference;
            String digest = "";
            int at = rest.indexOf('@');
            if (at >= 0) {
                digest = rest.substring(at + 1);
                rest = rest.substring(0, at);
            }
            String tag = "";
            int colon = rest.lastIndexOf(':');
            if (colon > rest.lastIndexOf('/')) {
                tag = rest.substring(colon + 1);
                rest = rest.substring(0, colon);
            }
            return new ImageReference(rest, tag, digest);
        }
    }
}
