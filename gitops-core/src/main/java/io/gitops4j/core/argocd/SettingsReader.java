package io.gitops4j.core.argocd;

import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookSecrets;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads the keys of {@code argocd-cm} and {@code argocd-secret} into {@link ArgoCdSettings}, each error naming its key. */
final class SettingsReader {

    static final String TIMEOUT = "timeout.reconciliation";
    static final String JITTER = "timeout.reconciliation.jitter";
    static final String INSTANCE_LABEL_KEY = "application.instanceLabelKey";
    static final String TRACKING_METHOD = "application.resourceTrackingMethod";
    static final String EXCLUSIONS = "resource.exclusions";
    static final String INCLUSIONS = "resource.inclusions";
    static final String MAX_PAYLOAD = "webhook.maxPayloadSizeMB";

    private static final Pattern LABEL_PREFIX = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    private final String cmWhere;
    private final String secretWhere;

    SettingsReader(String cmWhere, String secretWhere) {
        this.cmWhere = cmWhere;
        this.secretWhere = secretWhere;
    }

    ArgoCdSettings read(Map<String, String> cm, Map<String, String> secret) {
        ResourceCustomizations customizations = ResourceCustomizations.read(cm, cmWhere);
        return new ArgoCdSettings(duration(cm, TIMEOUT), duration(cm, JITTER), customizations.health(),
                customizations.ignoreRules(), new ResourceFilter(filters(cm, EXCLUSIONS), filters(cm, INCLUSIONS)),
                instanceLabelKey(cm), trackingMethod(cm), webhookSecrets(secret), maxPayload(cm));
    }

    private Optional<Duration> duration(Map<String, String> cm, String key) {
        String value = cm.getOrDefault(key, "");
        if (value.isBlank()) {
            return Optional.empty();
        }
        Duration duration = GoDurations.parse(value).orElseThrow(() -> invalid(key, "'" + value
                + "' is not a duration; write it as Argo CD does, such as 180s, 3m or 1h30m (0s turns it off)"));
        if (duration.isNegative()) {
            throw invalid(key, "'" + value + "' is negative; write a duration such as 180s (0s turns it off)");
        }
        return Optional.of(duration);
    }

    private String instanceLabelKey(Map<String, String> cm) {
        String key = cm.getOrDefault(INSTANCE_LABEL_KEY, "");
        if (key.isEmpty()) {
            return ArgoCdSettings.DEFAULT_INSTANCE_LABEL_KEY;
        }
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? "" : key.substring(0, slash);
        String name = key.substring(slash + 1);
        boolean valid = name.length() <= 63 && LABEL_NAME.matcher(name).matches()
                && (slash < 0 || prefix.length() <= 253 && LABEL_PREFIX.matcher(prefix).matches());
        if (!valid) {
            throw invalid(INSTANCE_LABEL_KEY, "'" + key + "' is not a label key (an optional DNS prefix and '/', then "
                    + "at most 63 letters, digits, '-', '_' or '.'), such as app.kubernetes.io/instance");
        }
        return key;
    }

    private String trackingMethod(Map<String, String> cm) {
        String method = cm.getOrDefault(TRACKING_METHOD, "");
        if (method.isEmpty()) {
            return "annotation";
        }
        if (!List.of("annotation", "label", "annotation+label").contains(method)) {
            throw invalid(TRACKING_METHOD, "'" + method + "' is not one of annotation, label, annotation+label");
        }
        return method;
    }

    private List<FilteredResource> filters(Map<String, String> cm, String key) {
        if (key.equals(EXCLUSIONS) && !cm.containsKey(key)) {
            return ResourceFilter.DEFAULT_EXCLUSIONS;   // Argo CD's install manifests set these; an empty value sets none
        }
        String yaml = cm.getOrDefault(key, "");
        if (yaml.isBlank()) {
            return List.of();
        }
        JsonNode list;
        try {
            list = Yaml.readValue(yaml, cmWhere + " key '" + key + "'");
        } catch (GitOpsException e) {
            throw invalid(key, "is not valid YAML: " + e.getMessage());
        }
        if (YamlFields.isAbsent(list)) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid(key, "must be a list of entries with apiGroups, kinds and clusters");
        }
        List<FilteredResource> entries = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : list) {
            String at = key + "[" + index++ + "]";
            if (!entry.isObject()) {
                throw invalid(at, "must be a mapping with apiGroups, kinds and clusters");
            }
            entries.add(new FilteredResource(strings(entry, "apiGroups", at), strings(entry, "kinds", at),
                    strings(entry, "clusters", at)));
        }
        return entries;
    }

    private List<String> strings(JsonNode entry, String field, String at) {
        JsonNode values = entry.path(field);
        if (YamlFields.isAbsent(values)) {
            return List.of();
        }
        if (!values.isArray()) {
            throw invalid(at + "." + field, "must be a list of strings");
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode value : values) {
            if (!value.isValueNode() || value.isNull()) {
                throw invalid(at + "." + field, "must be a list of strings, found " + value.getNodeType());
            }
            String text = value.asText();
            if (text.contains("[") || text.contains("{")) {
                throw invalid(at + "." + field, "'" + text + "' uses a glob GitOps4J does not support; only * and ? "
                        + "are wildcards here");
            }
            strings.add(text);
        }
        return strings;
    }

    private long maxPayload(Map<String, String> cm) {
        String value = cm.getOrDefault(MAX_PAYLOAD, "");
        if (value.isBlank()) {
            return WebhookHandler.DEFAULT_MAX_PAYLOAD_BYTES;
        }
        try {
            long megabytes = Long.parseLong(value.trim());
            if (megabytes < 1 || megabytes > 1024) {
                throw invalid(MAX_PAYLOAD, "'" + value + "' must be between 1 and 1024 (MiB)");
            }
            return megabytes * 1024 * 1024;
        } catch (NumberFormatException e) {
            throw invalid(MAX_PAYLOAD, "'" + value + "' is not a whole number of MiB, such as 50");
        }
    }

    private WebhookSecrets webhookSecrets(Map<String, String> secret) {
        return new WebhookSecrets(secretValue(secret, "webhook.github.secret"),
                secretValue(secret, "webhook.gitlab.secret"), secretValue(secret, "webhook.bitbucket.uuid"),
                secretValue(secret, "webhook.bitbucketserver.secret"), secretValue(secret, "webhook.gogs.secret"));
    }

    private String secretValue(Map<String, String> secret, String key) {
        String value = secret.getOrDefault(key, "");
        if (value.startsWith("$")) {
            throw new ArgoCdSettingsException(secretWhere + " key '" + key + "' refers to another Secret ($name:key), "
                    + "which GitOps4J does not follow; put the value itself in " + secretWhere);
        }
        return value;
    }

    private ArgoCdSettingsException invalid(String key, String problem) {
        return new ArgoCdSettingsException(cmWhere + " key '" + key + "': " + problem);
    }
}
