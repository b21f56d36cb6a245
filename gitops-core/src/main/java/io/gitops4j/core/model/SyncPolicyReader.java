package io.gitops4j.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.sync.ManagedNamespaceMetadata;
import io.gitops4j.k8s.sync.RetryPolicy;
import io.gitops4j.k8s.sync.SyncOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code spec.syncPolicy}'s {@code syncOptions}, {@code retry} and
 * {@code managedNamespaceMetadata} with Argo CD's field names and defaults; a value of the wrong
 * type is an {@link InvalidApplicationException} naming the field.
 */
final class SyncPolicyReader {

    private final JsonNode policy;
    private final String where;

    /**
     * @param policy the {@code spec.syncPolicy} node (missing is fine)
     * @param where the file, line and application, to start error messages with
     */
    SyncPolicyReader(JsonNode policy, String where) {
        this.policy = policy;
        this.where = where;
    }

    SyncPolicy read() {
        return new SyncPolicy(syncOptions(), retry(), managedNamespaceMetadata());
    }

    private List<String> syncOptions() {
        JsonNode options = policy.path("syncOptions");
        if (options.isMissingNode() || options.isNull()) {
            return List.of();
        }
        if (!options.isArray()) {
            throw invalid("syncOptions must be a list such as [" + SyncOption.CREATE_NAMESPACE.enabled() + "]");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode option : options) {
            if (!option.isTextual()) {
                throw invalid("syncOptions entries must be strings such as " + SyncOption.CREATE_NAMESPACE.enabled()
                        + ", not " + option);
            }
            values.add(option.asText());
        }
        return values;
    }

    private Optional<RetryPolicy> retry() {
        JsonNode retry = policy.path("retry");
        if (retry.isMissingNode() || retry.isNull()) {
            return Optional.empty();
        }
        if (!retry.isObject()) {
            throw invalid("retry must be a mapping with limit and backoff");
        }
        JsonNode backoff = retry.path("backoff");
        int limit = integer(retry.path("limit"), "retry.limit", 0);
        Duration duration = duration(backoff.path("duration"), "retry.backoff.duration", RetryPolicy.DEFAULT_DURATION);
        int factor = integer(backoff.path("factor"), "retry.backoff.factor", RetryPolicy.DEFAULT_FACTOR);
        Duration maxDuration = duration(backoff.path("maxDuration"), "retry.backoff.maxDuration",
                RetryPolicy.DEFAULT_MAX_DURATION);
        try {
            return Optional.of(new RetryPolicy(limit, duration, factor, maxDuration));
        } catch (IllegalArgumentException e) {
            throw invalid("retry: " + e.getMessage());
        }
    }

    private ManagedNamespaceMetadata managedNamespaceMetadata() {
        JsonNode metadata = policy.path("managedNamespaceMetadata");
        if (metadata.isMissingNode() || metadata.isNull()) {
            return ManagedNamespaceMetadata.NONE;
        }
        return new ManagedNamespaceMetadata(strings(metadata.path("labels"), "managedNamespaceMetadata.labels"),
                strings(metadata.path("annotations"), "managedNamespaceMetadata.annotations"));
    }

    private int integer(JsonNode value, String field, int defaultValue) {
        if (value.isMissingNode() || value.isNull()) {
            return defaultValue;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw invalid(field + " must be a whole number, not '" + value.asText() + "'");
        }
        return value.asInt();
    }

    private Duration duration(JsonNode value, String field, Duration defaultValue) {
        if (value.isMissingNode() || value.isNull() || value.asText().isEmpty()) {
            return defaultValue;
        }
        try {
            return RetryPolicy.parseDuration(value.asText());
        } catch (IllegalArgumentException e) {
            throw invalid(field + ": " + e.getMessage());
        }
    }

    private Map<String, String> strings(JsonNode map, String field) {
        Map<String, String> values = new LinkedHashMap<>();
        if (map.isMissingNode() || map.isNull()) {
            return values;
        }
        if (!map.isObject()) {
            throw invalid(field + " must be a mapping of strings");
        }
        map.properties().forEach(e -> {
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw invalid(field + "." + e.getKey() + " must be a string");
            }
            values.put(e.getKey(), e.getValue().asText());
        });
        return values;
    }

    private InvalidApplicationException invalid(String message) {
        return new InvalidApplicationException(where + "spec.syncPolicy." + message);
    }
}
