package io.gitops4j.render.kustomize.internal.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.source.Manifests;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes objects of a resource file, read as Kustomize reads them (kyaml: YAML 1.2
 * scalars, duplicate keys refused): documents in order, lists flattened, empty documents skipped,
 * and annotation values that are not strings turned into strings ({@code port: 8080} becomes
 * {@code "8080"}), as Kustomize's reader rewrites every object's annotations.
 */
public final class ResourceFiles {

    private ResourceFiles() {
    }

    /**
     * @param content the file's text
     * @param displayName how to name the file in errors
     * @return the objects, in order
     * @throws ManifestException naming the file and line of a malformed document
     */
    public static List<ObjectNode> read(String content, String displayName) {
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : YamlReader.kyaml().readDocuments(content, displayName)) {
            ObjectNode body = document.body();
            if (Manifests.isList(body)) {
                for (JsonNode item : body.get("items")) {
                    if (!(item instanceof ObjectNode object)) {
                        throw new ManifestException(displayName, document.line(), "an item of the List is not an object");
                    }
                    objects.add(checked(object, document));
                }
            } else {
                objects.add(checked(body, document));
            }
        }
        return objects;
    }

    private static ObjectNode checked(ObjectNode object, YamlDocument document) {
        if (object.path("metadata").path("annotations") instanceof ObjectNode annotations) {
            annotations.properties().forEach(entry -> {
                if (entry.getValue().isValueNode() && !entry.getValue().isTextual()) {
                    entry.setValue(TextNode.valueOf(entry.getValue().asText()));
                }
            });
        }
        if (object.path("kind").asText("").isEmpty()) {
            throw new ManifestException(document.source(), document.line(), "missing kind in object; every resource "
                    + "needs apiVersion, kind and metadata.name");
        }
        if (object.path("metadata").path("name").asText("").isEmpty()
                && object.path("metadata").path("generateName").asText("").isEmpty()) {
            throw new ManifestException(document.source(), document.line(), "missing metadata.name in "
                    + object.path("kind").asText() + " object");
        }
        return object;
    }
}
