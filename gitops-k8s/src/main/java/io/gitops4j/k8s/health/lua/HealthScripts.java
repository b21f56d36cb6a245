package io.gitops4j.k8s.health.lua;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lua health scripts by group and kind, found the way Argo CD finds them.
 *
 * <p>Two sources, in this order of precedence:
 * <ol>
 *   <li>inline configuration, like Argo CD's {@code argocd-cm}: keys
 *       {@code resource.customizations.health.<group>_<kind>} and the YAML of
 *       {@code resource.customizations} (which may use {@code *} wildcards), or scripts added
 *       one by one;</li>
 *   <li>folders laid out as Argo CD's {@code resource_customizations}:
 *       {@code <group>/<kind>/health.lua}, or {@code <kind>/health.lua} for the core group;
 *       {@code _} in a folder name is a wildcard.</li>
 * </ol>
 * Within each source an exact group/kind wins over wildcards, and the first matching wildcard
 * (in folder order) wins among wildcards. Scripts are compiled on first use and kept.
 */
public final class HealthScripts {

    private static final Logger LOG = LoggerFactory.getLogger(HealthScripts.class);
    private static final String HEALTH_KEY_PREFIX = "resource.customizations.health.";
    private static final String CUSTOMIZATIONS_KEY = "resource.customizations";

    private final List<Tier> tiers;

    private HealthScripts(List<Tier> tiers) {
        this.tiers = List.copyOf(tiers);
    }

    /** The scripts of one source: exact group/kind keys, and wildcard patterns in order. */
    private record Tier(Map<String, ScriptEntry> exact, List<ScriptEntry> wildcards) {

        static Tier of(Collection<ScriptEntry> entries) {
            Map<String, ScriptEntry> exact = new LinkedHashMap<>();
            List<ScriptEntry> wildcards = new ArrayList<>();
            for (ScriptEntry entry : entries) {
                if (entry.isWildcard()) {
                    wildcards.add(entry);
                } else {
                    exact.putIfAbsent(entry.key(), entry);
                }
            }
            return new Tier(Map.copyOf(exact), List.copyOf(wildcards));
        }

        Optional<ScriptEntry> forKey(String groupKind) {
            return Optional.ofNullable(exact.get(groupKind))
                    .or(() -> wildcards.stream().filter(e -> e.matches(groupKind)).findFirst());
        }
    }

    /**
     * Starts collecting scripts.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The script for a group ({@code ""} for the core group) and kind.
     *
     *
     * @param group the API group
     * @param kind the kind
     * @return the compiled script, or empty when none serves the kind
     * @throws HealthScriptException when the chosen script does not compile
     */
    public Optional<LuaHealthScript> forKind(String group, String kind) {
        String key = group.isEmpty() ? kind : group + "/" + kind;
        for (Tier tier : tiers) {
            Optional<ScriptEntry> chosen = tier.forKey(key);
            if (chosen.isPresent()) {
                return Optional.of(chosen.get().script());
            }
        }
        return Optional.empty();
    }

    /** Collects scripts; later additions to the same source and key replace earlier ones. */
    public static final class Builder {
        private final Map<String, ScriptEntry> inline = new LinkedHashMap<>();
        private final List<ScriptEntry> folders = new ArrayList<>();

        private Builder() {
        }

        /**
         * Adds one script for a key such as {@code cert-manager.io/Certificate}, {@code Pod}
         * (core group) or {@code *.crossplane.io/*}.
         *
         * @param groupKind the key
         * @param source the Lua source
         * @return this builder
         */
        public Builder script(String groupKind, String source) {
            inline.put(groupKind, new ScriptEntry(groupKind, "health script for " + groupKind, source));
            return this;
        }

        /**
         * Adds the health scripts of an Argo CD {@code argocd-cm} ConfigMap's {@code data}:
         * {@code resource.customizations.health.<group>_<kind>} keys and the
         * {@code resource.customizations} YAML; other keys are ignored.
         *
         *
         * @param data the ConfigMap's {@code data}
         * @return this builder
         * @throws io.gitops4j.kube.ManifestException when {@code resource.customizations} is not valid YAML
         */
        public Builder argoCdConfig(Map<String, String> data) {
            String customizations = data.get(CUSTOMIZATIONS_KEY);
            if (customizations != null) {
                for (YamlDocument document : Yaml.readDocuments(customizations, CUSTOMIZATIONS_KEY)) {
                    document.body().properties().forEach(e -> {
                        JsonNode lua = e.getValue().path("health.lua");
                        if (lua.isTextual()) {
                            inline.put(e.getKey(), new ScriptEntry(e.getKey(),
                                    CUSTOMIZATIONS_KEY + " " + e.getKey() + " health.lua", lua.asText()));
                        }
                    });
                }
            }
            data.forEach((key, value) -> {
                if (key.startsWith(HEALTH_KEY_PREFIX)) {
                    String suffix = key.substring(HEALTH_KEY_PREFIX.length());
                    int underscore = suffix.lastIndexOf('_');
                    String groupKind = underscore < 0 ? suffix
                            : suffix.substring(0, underscore) + "/" + suffix.substring(underscore + 1);
                    inline.put(groupKind, new ScriptEntry(groupKind, key, value));
                }
            });
            return this;
        }

        /**
         * Adds every {@code health.lua} under a folder laid out as Argo CD's
         * {@code resource_customizations}.
         *
         *
         * @param root the folder
         * @return this builder
         * @throws HealthScriptException when the folder does not exist or cannot be read
         */
        public Builder directory(Path root) {
            if (!Files.isDirectory(root)) {
                throw new HealthScriptException("health script folder " + root + " does not exist; it should hold "
                        + "<group>/<kind>/health.lua files like Argo CD's resource_customizations");
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.getFileName().toString().equals("health.lua")).sorted().toList()) {
                    addFolderScript(root, file);
                }
            } catch (IOException | UncheckedIOException e) {
                throw new HealthScriptException("cannot read health scripts under " + root + ": " + e.getMessage(), e);
            }
            return this;
        }

        private void addFolderScript(Path root, Path file) throws IOException {
            Path folder = root.relativize(file.getParent());
            if (folder.getNameCount() < 1 || folder.getNameCount() > 2 || folder.toString().isEmpty()) {
                LOG.warn("ignoring {}: health scripts live in <group>/<kind>/health.lua or <kind>/health.lua", file);
                return;
            }
            StringBuilder key = new StringBuilder();
            for (Path part : folder) {
                key.append(key.length() == 0 ? "" : "/").append(part.toString().replace('_', '*'));
            }
            folders.add(new ScriptEntry(key.toString(), root.relativize(file).toString(),
                    Files.readString(file, StandardCharsets.UTF_8)));
        }

        /**
         * The scripts collected: those added one by one and from {@code argocd-cm} win over those of folders.
         *
         * @return the scripts
         */
        public HealthScripts build() {
            return new HealthScripts(List.of(Tier.of(inline.values()), Tier.of(folders)));
        }
    }
}
