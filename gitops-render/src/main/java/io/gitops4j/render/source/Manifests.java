package io.gitops4j.render.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The objects of a YAML or JSON stream as renderers output them: documents in order, empty ones
 * skipped, a list ({@code kind: List} or any {@code *List} with {@code items}) replaced by its items.
 */
public final class Manifests {

    private Manifests() {
    }

    /**
     * @param content YAML or JSON text, one or more documents
     * @param source the file or command the text came from, for errors
     * @return the objects, with the items of a {@code List} kind in its place
     * @throws ManifestException naming the source and line of a malformed document or list item
     */
    public static List<ObjectNode> read(String content, String source) {
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(content, source)) {
            ObjectNode body = document.body();
            if (!isList(body)) {
                objects.add(body);
                continue;
            }
            for (JsonNode item : body.get("items")) {
                if (!(item instanceof ObjectNode object)) {
                    throw new ManifestException(source, document.line(), "an item of the List is not a Kubernetes object");
                }
                objects.add(object);
            }
        }
        return objects;
    }

    /**
     * Whether an object is a list of objects rather than an object itself.
     *
     * @param object an object
     * @return whether its kind ends with {@code List} and it has an {@code items} array
     */
    public static boolean isList(JsonNode object) {
        return object.path("kind").asText("").endsWith("List") && object.path("items").isArray();
    }
}
