package io.gitops4j.render.kustomize.internal.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.Manifests;
import java.util.ArrayList;
import java.util.List;

/** The Kubernetes objects of a resource file: documents in order, lists flattened, empty documents skipped. */
final class ResourceFiles {

    private ResourceFiles() {
    }

    /**
     * @throws ManifestException naming the file and line of a malformed document
     */
    static List<ObjectNode> read(String content, String displayName) {
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : Yaml.readDocuments(content, displayName)) {
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
