package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.k8s.internal.AnnotationValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Argo CD sync options: {@code Key=Value} strings, from an application's
 * {@code spec.syncPolicy.syncOptions} or a resource's {@code argocd.argoproj.io/sync-options}
 * annotation (comma-separated; empty entries are left out). A resource's option wins over the application's.
 *
 * <p>Acted on: {@code Validate}, {@code CreateNamespace}, {@code ApplyOutOfSyncOnly},
 * {@code Prune} ({@code false}, {@code confirm}), {@code PruneLast}, {@code PrunePropagationPolicy},
 * {@code Replace}, {@code Force}, {@code ServerSideApply}, {@code ClientSideApplyMigration},
 * {@code SkipDryRunOnMissingResource}, {@code FailOnSharedResource}. Accepted without effect
 * ({@link #warnings()} says so): {@code Delete} (application deletion is not a sync) and
 * {@code RespectIgnoreDifferences}.
 */
public final class SyncOptionList {

    /** The resource annotation holding sync options. */
    public static final String ANNOTATION = "argocd.argoproj.io/sync-options";

    /** No options. */
    public static final SyncOptionList EMPTY = new SyncOptionList(Map.of(), List.of());

    private static final Set<String> APPLIED = Set.of("Validate", "CreateNamespace", "ApplyOutOfSyncOnly", "Prune",
            "PruneLast", "PrunePropagationPolicy", "Replace", "Force", "ServerSideApply", "ClientSideApplyMigration",
            "SkipDryRunOnMissingResource", "FailOnSharedResource");
    private static final Set<String> IGNORED = Set.of("Delete", "RespectIgnoreDifferences");

    private final Map<String, String> values;
    private final List<String> warnings;

    private SyncOptionList(Map<String, String> values, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
    }

    /** Reads {@code Key=Value} entries; the last of the same key wins. */
    public static SyncOptionList of(List<String> options) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        for (String option : options) {
            String entry = option.trim();
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                warnings.add("sync option '" + entry + "' is not Key=Value and is ignored");
                continue;
            }
            String key = entry.substring(0, equals).trim();
            if (IGNORED.contains(key)) {
                warnings.add("sync option " + key + " is not applied by GitOps4J and is ignored");
            } else if (!APPLIED.contains(key)) {
                warnings.add("sync option " + key + " is not known and is ignored");
            }
            values.put(key, entry.substring(equals + 1).trim());
        }
        return new SyncOptionList(values, warnings);
    }

    /** The options of an object's {@code argocd.argoproj.io/sync-options} annotation. */
    public static SyncOptionList ofAnnotation(JsonNode object) {
        List<String> entries = AnnotationValues.of(object, ANNOTATION);
        return entries.isEmpty() ? EMPTY : of(entries);
    }

    /** These options, with {@code overrides} winning where both set a key. */
    public SyncOptionList with(SyncOptionList overrides) {
        if (overrides.values.isEmpty()) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(values);
        merged.putAll(overrides.values);
        List<String> allWarnings = new ArrayList<>(warnings);
        allWarnings.addAll(overrides.warnings);
        return new SyncOptionList(merged, allWarnings);
    }

    /** The value of a key. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Whether a key has this value (case-insensitive, as Argo CD's booleans are written {@code true}/{@code false}). */
    public boolean is(String key, String value) {
        return value(key).filter(value::equalsIgnoreCase).isPresent();
    }

    /** Whether a key is {@code true}. */
    public boolean isTrue(String key) {
        return is(key, "true");
    }

    /** Options that were ignored, and why. */
    public List<String> warnings() {
        return warnings;
    }

    /** The options as {@code Key=Value} strings. */
    public List<String> asList() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public String toString() {
        return String.join(",", asList());
    }
}
