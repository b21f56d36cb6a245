package io.gitops4j.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.Manifests;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Kubernetes objects in one YAML or JSON file, read as Argo CD reads a directory source.
 *
 * <p>Every document must be a Kubernetes object with {@code apiVersion}, {@code kind} and a
 * {@code metadata.name} (or {@code generateName}); a list ({@code kind: List}, or any
 * {@code *List} kind with an {@code items} array) is replaced by its items.
 * A file in which no document is a Kubernetes object (a {@code values.yaml} beside the
 * manifests, say) is not a manifest and yields nothing, as in Argo CD, unless it looks like one
 * ({@code apiVersion:}, {@code kind:} and {@code metadata:} all appear): then its problem is
 * an error.
 */
final class ManifestFile {

    private ManifestFile() {
    }

    /**
     * @param content the file content
     * @param displayName the path to name in errors, relative to the repository root
     * @return the objects, or empty when the file is not a manifest file at all
     * @throws ManifestException naming the file and line of the first problem
     */
    static Optional<List<ObjectNode>> read(String content, String displayName) {
        List<YamlDocument> documents;
        try {
            documents = Yaml.readDocuments(content, displayName);
        } catch (ManifestException e) {
            if (looksLikeAManifest(content)) {
                throw e;
            }
            return Optional.empty();
        }
        if (documents.stream().noneMatch(d -> hasTypeFields(d.body())) && !looksLikeAManifest(content)) {
            return Optional.empty();
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (YamlDocument document : documents) {
            addObjects(document, objects);
        }
        return Optional.of(objects);
    }

    private static void addObjects(YamlDocument document, List<ObjectNode> objects) {
        ObjectNode body = document.body();
        requireObject(body, document);
        if (Manifests.isList(body)) {
            for (JsonNode item : body.path("items")) {
                if (!(item instanceof ObjectNode itemObject)) {
                    throw error(document, "an item of the List is not a Kubernetes object");
                }
                requireObject(itemObject, document);
                objects.add(itemObject);
            }
        } else {
            objects.add(body);
        }
    }

    private static void requireObject(ObjectNode body, YamlDocument document) {
        if (!nonEmptyText(body, "apiVersion")) {
            throw error(document, "the object has no apiVersion; every manifest needs apiVersion and kind");
        }
        if (!nonEmptyText(body, "kind")) {
            throw error(document, "the object has no kind; every manifest needs apiVersion and kind");
        }
        if (Manifests.isList(body)) {
            return;
        }
        JsonNode metadata = body.path("metadata");
        if (!nonEmptyText(metadata, "name") && !nonEmptyText(metadata, "generateName")) {
            throw error(document, "the " + body.get("kind").asText()
                    + " has no metadata.name; give it a name (or a generateName for hooks)");
        }
    }

    private static boolean hasTypeFields(ObjectNode body) {
        return nonEmptyText(body, "apiVersion") && nonEmptyText(body, "kind");
    }

    private static boolean nonEmptyText(JsonNode parent, String field) {
        JsonNode value = parent.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank();
    }

    private static boolean looksLikeAManifest(String content) {
        return content.contains("apiVersion") && content.contains("kind") && content.contains("metadata");
    }

    private static ManifestException error(YamlDocument document, String problem) {
        return new ManifestException(document.source(), document.line(), problem);
    }
}
