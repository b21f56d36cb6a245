package io.gitops4j.fake.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.ResourceType;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.diff.schema.StructuralSchemas;
import io.gitops4j.kube.KubernetesObjects;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource types a fake cluster serves: the built-in ones, plus those of every
 * CustomResourceDefinition stored in it, registered when the definition is created or updated
 * and removed when it is deleted. Not thread-safe: the store guards it.
 */
public final class ResourceTypeRegistry {

    private static final Map<String, String[]> BUILT_IN_DISCOVERY = loadBuiltInDiscovery();

    /** Served types by the name of the CRD that defines them ("" for built-ins). */
    private final Map<String, List<ServedType>> typesByDefinition = new LinkedHashMap<>();
    /** The served type of every "group/version/kind", for fast lookups. */
    private final Map<String, ServedType> byGroupVersionKind = new HashMap<>();
    /** The served type of every resource type, for the lookups of every request. */
    private final Map<ResourceType, ServedType> byType = new HashMap<>();
    /** The schema of every custom resource type, from its definition. */
    private final Map<ResourceType, ObjectType> customSchemas = new HashMap<>();

    public ResourceTypeRegistry() {
        typesByDefinition.put("", BuiltInResourceTypes.all().stream().map(ResourceTypeRegistry::builtIn).toList());
        reindex();
    }

    /** Every served type, built-in ones first, then by definition in order of registration. */
    public List<ServedType> served() {
        List<ServedType> all = new ArrayList<>();
        typesByDefinition.values().forEach(all::addAll);
        return all;
    }

    /** Every served resource type. */
    public List<ResourceType> all() {
        return served().stream().map(ServedType::type).toList();
    }

    /** The served type for a group, version and kind. */
    public Optional<ServedType> find(String group, String version, String kind) {
        return Optional.ofNullable(byGroupVersionKind.get(group + "/" + version + "/" + kind));
    }

    /** The served type of a resource type. */
    public Optional<ServedType> find(ResourceType type) {
        return Optional.ofNullable(byType.get(type));
    }

    /** The served type for a group, version and resource (plural) name. */
    public Optional<ServedType> findByResource(String group, String version, String plural) {
        for (ServedType served : served()) {
            ResourceType type = served.type();
            if (type.group().equals(group) && type.version().equals(version) && type.plural().equals(plural)) {
                return Optional.of(served);
            }
        }
        return Optional.empty();
    }

    /** Whether the status of objects of a group and kind is written only through its subresource. */
    public boolean hasStatusSubresource(ResourceType type) {
        return find(type).map(ServedType::hasStatusSubresource).orElse(false);
    }

    /** The versions served in a group, most preferred first. */
    public List<String> versionsOf(String group) {
        return served().stream().map(ServedType::type).filter(t -> t.group().equals(group))
                .map(ResourceType::version).distinct().sorted(KubeVersionOrder.INSTANCE).toList();
    }

    /** The API groups served, except the core group, in order of first appearance. */
    public List<String> groups() {
        return served().stream().map(s -> s.type().group()).filter(g -> !g.isEmpty()).distinct().toList();
    }

    /** The name of the CustomResourceDefinition that defines a group and kind; empty for built-in kinds. */
    public Optional<String> definitionOf(String groupKind) {
        for (Map.Entry<String, List<ServedType>> entry : typesByDefinition.entrySet()) {
            if (!entry.getKey().isEmpty() && entry.getValue().stream().anyMatch(t -> t.groupKind().equals(groupKind))) {
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Registers (or re-registers) the served versions of a CustomResourceDefinition. */
    public void register(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asText();
        String kind = names.path("kind").asText();
        String plural = names.path("plural").asText();
        String singular = names.path("singular").asText(kind.toLowerCase(Locale.ROOT));
        boolean namespaced = !spec.path("scope").asText("Namespaced").equals("Cluster");
        List<ServedType> types = new ArrayList<>();
        for (JsonNode version : spec.path("versions")) {
            if (version.path("served").asBoolean(true)) {
                List<String> subresources = new ArrayList<>();
                version.path("subresources").fieldNames().forEachRemaining(subresources::add);
                types.add(new ServedType(new ResourceType(group, version.path("name").asText(), kind, plural, namespaced),
                        singular, strings(names.path("shortNames")), strings(names.path("categories")), subresources));
            }
        }
        List<ServedType> previous = typesByDefinition.put(KubernetesObjects.name(crd), List.copyOf(types));
        if (previous != null) {
            previous.forEach(served -> customSchemas.remove(served.type()));
        }
        Map<String, ObjectType> schemas = StructuralSchemas.ofDefinition(crd);
        types.forEach(served -> customSchemas.put(served.type(), schemas.get(served.type().version())));
        reindex();
    }

    /**
     * The schema server-side apply reads objects of a type with: the custom resource's, from the
     * structural schema of its definition, or the built-in kind's.
     */
    public ObjectType schemaOf(ResourceType type) {
        ObjectType custom = customSchemas.get(type);
        return custom != null ? custom : KubernetesSchema.builtIn().typeOf(type.apiVersion(), type.kind());
    }

    /** Removes the types of a deleted CustomResourceDefinition; returns them. */
    public List<ResourceType> unregister(String crdName) {
        List<ServedType> removed = typesByDefinition.remove(crdName);
        if (removed != null) {
            removed.forEach(served -> customSchemas.remove(served.type()));
        }
        reindex();
        return removed == null ? List.of() : removed.stream().map(ServedType::type).toList();
    }

    private void reindex() {
        byGroupVersionKind.clear();
        byType.clear();
        for (ServedType served : served()) {
            ResourceType t = served.type();
            byGroupVersionKind.putIfAbsent(t.group() + "/" + t.version() + "/" + t.kind(), served);
            byType.putIfAbsent(t, served);
        }
    }

    private static ServedType builtIn(ResourceType type) {
        String resource = type.group().isEmpty() ? type.plural() : type.plural() + "." + type.group();
        String[] columns = BUILT_IN_DISCOVERY.getOrDefault(resource, new String[] {resource, "-", "-", "-"});
        return new ServedType(type, type.kind().toLowerCase(Locale.ROOT), list(columns[1]), list(columns[2]),
                list(columns[3]));
    }

    private static List<String> list(String column) {
        return column.equals("-") ? List.of() : List.of(column.split(","));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return values;
    }

    private static Map<String, String[]> loadBuiltInDiscovery() {
        String resource = "built-in-discovery.tsv";
        try (InputStream in = Objects.requireNonNull(ResourceTypeRegistry.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            Map<String, String[]> rows = new HashMap<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] columns = line.trim().split("\\s+");
                    rows.put(columns[0], columns);
                }
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
