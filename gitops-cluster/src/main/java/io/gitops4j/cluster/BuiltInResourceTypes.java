package io.gitops4j.cluster;

import io.gitops4j.kube.GroupVersion;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The resource types every Kubernetes API server serves without any CustomResourceDefinition,
 * read from {@code builtin-resource-types.tsv} beside this class.
 */
public final class BuiltInResourceTypes {

    private static final List<ResourceType> TYPES = load();

    /** The core group's {@code v1} ConfigMap, namespaced. */
    public static final ResourceType CONFIG_MAP = new ResourceType("", "v1", "ConfigMap", "configmaps", true);

    /** The core group's {@code v1} Secret, namespaced. */
    public static final ResourceType SECRET = new ResourceType("", "v1", "Secret", "secrets", true);

    private BuiltInResourceTypes() {
    }

    /**
     * Every built-in type, in every served version.
     *
     * @return the types, an unmodifiable list
     */
    public static List<ResourceType> all() {
        return TYPES;
    }

    private static List<ResourceType> load() {
        String resource = "builtin-resource-types.tsv";
        try (InputStream in = Objects.requireNonNull(BuiltInResourceTypes.class.getResourceAsStream(resource), resource);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<ResourceType> types = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.trim().split("\\s+");
                GroupVersion groupVersion = GroupVersion.parse(columns[0]);
                types.add(new ResourceType(groupVersion.group(), groupVersion.version(), columns[1], columns[2],
                        columns[3].equals("Namespaced")));
            }
            return List.copyOf(types);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
