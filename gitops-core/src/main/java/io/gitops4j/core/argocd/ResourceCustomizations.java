package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.diff.ignore.IgnoreRules;
import io.gitops4j.k8s.health.lua.HealthScripts;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Argo CD's resource customizations in {@code argocd-cm}: the keys
 * {@code resource.customizations.<type>.<group_kind>} ({@code <kind>} alone for the core group,
 * {@code all} for every kind) and the older single key {@code resource.customizations} (YAML, by
 * {@code group/kind}), the split keys winning. Health scripts and ignoreDifferences are read and
 * checked here (every script compiled, every pointer and jq path parsed), each error naming its key.
 */
final class ResourceCustomizations {

    static final String PREFIX = "resource.customizations";
    /** Types Argo CD reads that GitOps4J accepts and does not apply (actions, ...). */
    private static final Set<String> ACCEPTED_TYPES = Set.of("useOpenLibs", "actions", "ignoreResourceUpdates",
            "knownTypeFields");

    private final Map<String, String> health = new TreeMap<>();
    private final Map<String, String> healthSources = new TreeMap<>();
    private final Map<String, JsonNode> ignore = new LinkedHashMap<>();
    private final Map<String, String> ignoreSources = new LinkedHashMap<>();

    private ResourceCustomizations() {
    }

    /** Health scripts by {@code group/kind} (or kind, or {@code *}{@code /*}). */
    Map<String, String> health() {
        return health;
    }

    /** Global ignoreDifferences rules, in key order. */
    List<IgnoreRule> ignoreRules() {
        List<IgnoreRule> rules = new ArrayList<>();
        ignore.forEach((groupKind, value) -> rules.addAll(rules(groupKind, value, ignoreSources.get(groupKind))));
        return rules;
    }

    static ResourceCustomizations read(Map<String, String> data, String where) {
        ResourceCustomizations read = new ResourceCustomizations();
        String single = data.get(PREFIX);
        if (single != null && !single.isBlank()) {
            read.readSingleKey(single, where + " key '" + PREFIX + "'");
        }
        new TreeMap<>(data).forEach((key, value) -> {
            if (key.startsWith(PREFIX + ".")) {
                read.readSplitKey(key, value, where + " key '" + key + "'");
            }
        });
        read.health.forEach((groupKind, script) -> compile(groupKind, script, read.healthSources.get(groupKind)));
        read.ignoreRules();
        return read;
    }

    private void readSingleKey(String yaml, String source) {
        JsonNode all = parse(yaml, source);
        if (!all.isObject()) {
            throw new ArgoCdSettingsException(source + " must be a mapping of group/kind to customizations");
        }
        all.properties().forEach(e -> {
            String groupKind = e.getKey();
            JsonNode lua = e.getValue().path("health.lua");
            if (lua.isTextual()) {
                health.put(groupKind, lua.asText());
                healthSources.put(groupKind, source + " " + groupKind + " health.lua");
            }
            JsonNode ignoreDifferences = e.getValue().path("ignoreDifferences");
            if (ignoreDifferences.isTextual()) {
                putIgnore(groupKind, parse(ignoreDifferences.asText(), source + " " + groupKind + " ignoreDifferences"),
                        source + " " + groupKind);
            } else if (!YamlFields.isAbsent(ignoreDifferences)) {
                putIgnore(groupKind, ignoreDifferences, source + " " + groupKind);
            }
        });
    }

    private void readSplitKey(String key, String value, String source) {
        String[] parts = key.split("\\.", 4);
        if (parts.length < 4) {
            return;
        }
        String groupKind = overrideKey(parts[3], source);
        switch (parts[2]) {
            case "health" -> {
                health.put(groupKind, value);
                healthSources.put(groupKind, source);
            }
            case "ignoreDifferences" -> putIgnore(groupKind, parse(value, source), source);
            default -> {
                if (!ACCEPTED_TYPES.contains(parts[2])) {
                    throw new ArgoCdSettingsException(source + ": customization type '" + parts[2]
                            + "' is not one of health, ignoreDifferences, ignoreResourceUpdates, actions, useOpenLibs, "
                            + "knownTypeFields");
                }
            }
        }
    }

    private void putIgnore(String groupKind, JsonNode value, String source) {
        ignore.put(groupKind, value);
        ignoreSources.put(groupKind, source);
    }

    /** Argo CD's {@code convertToOverrideKey}: {@code group_kind} to {@code group/kind}, {@code all} to {@code *}{@code /*}. */
    private static String overrideKey(String groupKind, String source) {
        if (groupKind.equals("all")) {
            return "*/*";
        }
        String[] parts = groupKind.split("_", -1);
        if (parts.length == 2 && !parts[1].isEmpty()) {
            return parts[0] + "/" + parts[1];
        }
        if (parts.length == 1 && !groupKind.isEmpty()) {
            return groupKind;
        }
        throw new ArgoCdSettingsException(source + ": '" + groupKind + "' is not <group>_<kind>, <kind> or all "
                + "(for example apps_Deployment, Service)");
    }

    private static List<IgnoreRule> rules(String groupKind, JsonNode value, String source) {
        if (!value.isObject()) {
            throw new ArgoCdSettingsException(source + " must be a mapping with jsonPointers, jqPathExpressions or "
                    + "managedFieldsManagers");
        }
        int slash = groupKind.indexOf('/');
        ObjectNode rule = value.deepCopy();
        rule.put("group", slash < 0 ? "" : groupKind.substring(0, slash));
        rule.put("kind", slash < 0 ? groupKind : groupKind.substring(slash + 1));
        rule.remove("name");
        rule.remove("namespace");
        ArrayNode list = Json.mapper().createArrayNode().add(rule);
        try {
            List<IgnoreRule> rules = IgnoreRules.fromJson(list, source);
            IgnoreDifferences.of(rules);
            return rules;
        } catch (GitOpsException | IllegalArgumentException e) {
            throw new ArgoCdSettingsException(source + ": " + e.getMessage(), e);
        }
    }

    private static void compile(String groupKind, String script, String source) {
        int slash = groupKind.indexOf('/');
        try {
            HealthScripts.builder().script(groupKind, script).build()
                    .forKind(slash < 0 ? "" : groupKind.substring(0, slash), groupKind.substring(slash + 1));
        } catch (GitOpsException e) {
            throw new ArgoCdSettingsException(source + ": the health script for " + groupKind + " does not compile: "
                    + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String yaml, String source) {
        try {
            return Yaml.readValue(yaml, source);
        } catch (GitOpsException e) {
            throw new ArgoCdSettingsException(source + " is not valid YAML: " + e.getMessage(), e);
        }
    }
}
