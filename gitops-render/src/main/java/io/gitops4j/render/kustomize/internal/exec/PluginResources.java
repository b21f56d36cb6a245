package io.gitops4j.render.kustomize.internal.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.ManifestException;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.kube.YamlReader;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResId;
import io.gitops4j.render.kustomize.internal.resource.ResMap;
import io.gitops4j.render.kustomize.internal.resource.Resource;
import io.gitops4j.render.kustomize.internal.resource.ResourceFiles;
import io.gitops4j.render.source.RenderException;
import io.gitops4j.render.source.Utf8Text;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an external plugin gets and gives back, as Kustomize's plugin utilities treat it: the
 * resources a transformer gets carry their id in {@code kustomize.config.k8s.io/id}; what a
 * generator prints is read with its {@code needs-hash} and {@code behavior} annotations; what a
 * transformer prints replaces the resources of the same id, adds new ones and drops those it left
 * out.
 */
final class PluginResources {

    /** The annotation holding a resource's id while a transformer plugin runs. */
    static final String ID_ANNOTATION = "kustomize.config.k8s.io/id";
    private static final String HASH_ANNOTATION = "kustomize.config.k8s.io/needs-hash";
    private static final String BEHAVIOR_ANNOTATION = "kustomize.config.k8s.io/behavior";
    private static final String ORIGIN_ANNOTATION = "config.kubernetes.io/origin";
    /** Annotations of the KRM function protocol and of kyaml's reader, never part of the result. */
    private static final List<String> PROTOCOL_ANNOTATIONS = List.of(ID_ANNOTATION, "config.kubernetes.io/index",
            "internal.config.kubernetes.io/index", "internal.config.kubernetes.io/id", "config.k8s.io/id",
            "config.kubernetes.io/path", "internal.config.kubernetes.io/path", "internal.config.kubernetes.io/seqindent",
            "internal.config.kubernetes.io/annotations-migration-resource-id");

    private PluginResources() {
    }

    /** Copies of the resources, each with its current id in {@link #ID_ANNOTATION}. */
    static List<ObjectNode> withIds(ResMap resources) {
        List<ObjectNode> copies = new ArrayList<>();
        for (Resource resource : resources.resources()) {
            ObjectNode copy = resource.object().deepCopy();
            annotations(copy).put(ID_ANNOTATION, idYaml(resource.currentId()));
            copies.add(copy);
        }
        return copies;
    }

    /** A resource id as Kustomize marshals it: its non-empty fields, keys sorted. */
    private static String idYaml(ResId id) {
        Map<String, String> fields = new TreeMap<>();
        fields.put("group", id.group());
        fields.put("kind", id.kind());
        fields.put("name", id.name());
        fields.put("namespace", id.namespace());
        fields.put("version", id.version());
        StringBuilder text = new StringBuilder();
        fields.forEach((key, value) -> {
            if (!value.isEmpty()) {
                text.append(key).append(": ").append(value).append('\n');
            }
        });
        return text.toString();
    }

    /** Reads what a plugin printed: UTF-8 YAML documents, lists flattened. */
    static List<ObjectNode> read(byte[] output, String what) {
        return objects(text(output, what), what);
    }

    /** A plugin's output as text; it must be UTF-8. */
    static String text(byte[] output, String what) {
        try {
            return Utf8Text.decode(output, "the output of " + what);
        } catch (RenderException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The YAML documents of a plugin's output. */
    static List<YamlDocument> documents(String text, String what) {
        try {
            return YamlReader.kyaml().readDocuments(text, "the output of " + what);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(what + " printed something that is not YAML: " + e.getMessage(), e);
        }
    }

    /** The objects of a plugin's output, read as Kustomize reads a resource file. */
    static List<ObjectNode> objects(String text, String what) {
        try {
            return ResourceFiles.read(text, "the output of " + what);
        } catch (ManifestException e) {
            throw new IllegalArgumentException(what + " printed something that is not Kubernetes objects: "
                    + e.getMessage(), e);
        }
    }

    /**
     * What a generator made: each object with the hash suffix and behavior its annotations ask
     * for (the annotations removed), from {@code origin}.
     */
    static ResMap generated(List<ObjectNode> objects, Origin origin) {
        ResMap map = new ResMap();
        for (ObjectNode object : objects) {
            ObjectNode annotations = annotations(object);
            String behavior = annotations.path(BEHAVIOR_ANNOTATION).asText("");
            JsonNode hash = annotations.remove(HASH_ANNOTATION);
            annotations.remove(BEHAVIOR_ANNOTATION);
            Origin own = ownOrigin(object, origin.file().getParent(), origin.remote()).orElse(origin);
            clean(object);
            Resource resource = new Resource(object, own);
            if (hash != null) {
                resource.needsHashSuffix(parseBool(hash.asText()));
            }
            resource.behavior(Resource.Behavior.parse(behavior));
            map.append(resource);
        }
        return map;
    }

    /**
     * Applies a transformer's output: objects of an id already there replace its content, others
     * are added (without an origin, so that the caller records the transformer as their origin,
     * unless they name their own in {@code config.kubernetes.io/origin}), and the resources the
     * output left out are removed.
     *
     * @param configuredIn the plugin configuration's origin: where a {@code path:} origin is relative to
     */
    static void update(String pluginName, List<ObjectNode> output, ResMap resources, Origin configuredIn) {
        List<ResId> seen = new ArrayList<>();
        for (ObjectNode object : output) {
            Origin own = ownOrigin(object, configuredIn.file().getParent(), configuredIn.remote()).orElse(null);
            clean(object);
            ResId id = ResId.of(object);
            if (seen.stream().anyMatch(id::sameAs)) {
                throw new IllegalArgumentException("plugin " + pluginName + " generated duplicate resource: " + id);
            }
            seen.add(id);
            Resource existing = resources.resources().stream().filter(r -> r.currentId().sameAs(id)).findFirst()
                    .orElse(null);
            if (existing != null) {
                existing.replaceObject(object);
            } else {
                resources.append(new Resource(object, own));
            }
        }
        resources.removeIf(r -> seen.stream().noneMatch(r.currentId()::sameAs));
    }

    /** The origin an object names in {@code config.kubernetes.io/origin} ({@code path:}, relative to {@code base}). */
    private static Optional<Origin> ownOrigin(ObjectNode object, Path base, Origin.Remote remote) {
        String text = annotations(object).path(ORIGIN_ANNOTATION).asText("");
        for (String line : text.split("\n")) {
            if (line.startsWith("path: ")) {
                return Optional.of(Origin.file(base.resolve(line.substring("path: ".length()).strip()).normalize())
                        .in(remote));
            }
        }
        return Optional.empty();
    }

    private static void clean(ObjectNode object) {
        ObjectNode annotations = annotations(object);
        PROTOCOL_ANNOTATIONS.forEach(annotations::remove);
        annotations.remove(ORIGIN_ANNOTATION);
        if (annotations.isEmpty() && object.path("metadata") instanceof ObjectNode metadata) {
            metadata.remove("annotations");
        }
    }

    private static boolean parseBool(String value) {
        return switch (value) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new IllegalArgumentException("the annotation \"" + HASH_ANNOTATION
                    + "\" contains an invalid value (\"" + value + "\")");
        };
    }

    static ObjectNode annotations(ObjectNode object) {
        ObjectNode metadata = object.path("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
        return metadata.path("annotations") instanceof ObjectNode a ? a : metadata.putObject("annotations");
    }
}
