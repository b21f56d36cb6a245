package io.gitops4j.k8s.sync;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.k8s.internal.AnnotationValues;
import io.gitops4j.kube.GitOpsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Argo CD sync options: {@code Key=Value} strings, from an application's
 * {@code spec.syncPolicy.syncOptions} or a resource's {@code argocd.argoproj.io/sync-options}
 * annotation (comma-separated; empty entries are left out). A resource's option wins over the application's.
 * The keys are {@link SyncOption}'s; read the values with the typed accessors ({@link #prune()},
 * {@link #replace()}, {@link #serverSideApply()}, {@link #prunePropagationPolicy()}, ...).
 *
 * <p>Acted on: every {@link SyncOption} that is {@linkplain SyncOption#applied() applied}: {@code Validate},
 * {@code CreateNamespace}, {@code ApplyOutOfSyncOnly}, {@code Prune} ({@code false}, {@code confirm}),
 * {@code PruneLast}, {@code PrunePropagationPolicy}, {@code Replace}, {@code Force}, {@code ServerSideApply},
 * {@code ClientSideApplyMigration}, {@code SkipDryRunOnMissingResource}, {@code FailOnSharedResource}.
 * Accepted without effect ({@link #warnings()} says so): {@code Delete} (application deletion is not a
 * sync) and {@code RespectIgnoreDifferences}. Booleans are matched case-insensitively, as Argo CD's
 * {@code true}/{@code false}.
 */
public final class SyncOptionList {

    /** The resource annotation holding sync options. */
    public static final String ANNOTATION = "argocd.argoproj.io/sync-options";

    /** No options. */
    public static final SyncOptionList EMPTY = new SyncOptionList(Map.of(), List.of());

    private final Map<String, String> values;
    private final List<String> warnings;

    private SyncOptionList(Map<String, String> values, List<String> warnings) {
        this.values = Map.copyOf(values);
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads {@code Key=Value} entries; the last of the same key wins.
     *
     * @param options the entries, as in {@code syncPolicy.syncOptions}
     * @return the options, with a warning for each entry that is not {@code Key=Value} or is ignored
     */
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
            Optional<SyncOption> known = SyncOption.ofKey(key);
            if (known.isEmpty()) {
                warnings.add("sync option " + key + " is not known and is ignored");
            } else if (!known.get().applied()) {
                warnings.add("sync option " + key + " is not applied by GitOps4J and is ignored");
            }
            values.put(key, entry.substring(equals + 1).trim());
        }
        return new SyncOptionList(values, warnings);
    }

    /**
     * The options of an object's {@code argocd.argoproj.io/sync-options} annotation.
     *
     * @param object a Kubernetes object
     * @return the options; empty when there is no annotation
     */
    public static SyncOptionList ofAnnotation(JsonNode object) {
        List<String> entries = AnnotationValues.of(object, ANNOTATION);
        return entries.isEmpty() ? EMPTY : of(entries);
    }

    /**
     * These options, with {@code overrides} winning where both set a key.
     *
     * @param overrides the options that win
     * @return the combined options
     */
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

    /**
     * The value of an option, when set.
     *
     * @param option the option
     * @return the value, or empty
     */
    public Optional<String> value(SyncOption option) {
        return Optional.ofNullable(values.get(option.key()));
    }

    /**
     * Whether an option has this value (case-insensitive, as Argo CD writes {@code true}/{@code false}).
     *
     * @param option the option
     * @param value the value to compare with
     * @return whether it is set to it
     */
    public boolean is(SyncOption option, String value) {
        String actual = values.get(option.key());
        return actual != null && actual.equalsIgnoreCase(value);
    }

    /**
     * Whether an option is {@code true}.
     *
     * @param option the option
     * @return whether it is set to {@code true}
     */
    public boolean isTrue(SyncOption option) {
        return is(option, "true");
    }

    /**
     * {@code Validate}: whether the server validates the fields written; false only for {@code Validate=false}.
     *
     * @return whether to validate
     */
    public boolean validate() {
        return !is(SyncOption.VALIDATE, "false");
    }

    /**
     * {@code CreateNamespace=true}.
     *
     * @return whether to create the destination namespace
     */
    public boolean createNamespace() {
        return isTrue(SyncOption.CREATE_NAMESPACE);
    }

    /**
     * {@code ApplyOutOfSyncOnly=true}.
     *
     * @return whether to apply only the resources that are out of sync
     */
    public boolean applyOutOfSyncOnly() {
        return isTrue(SyncOption.APPLY_OUT_OF_SYNC_ONLY);
    }

    /**
     * {@code Prune}: {@code false} disables pruning, {@code confirm} asks for a confirmation, anything else allows it.
     *
     * @return the prune option
     */
    public PruneOption prune() {
        if (is(SyncOption.PRUNE, "false")) {
            return PruneOption.DISABLED;
        }
        return is(SyncOption.PRUNE, "confirm") ? PruneOption.CONFIRM : PruneOption.ALLOWED;
    }

    /**
     * {@code PruneLast=true}.
     *
     * @return whether to prune after every other resource is applied
     */
    public boolean pruneLast() {
        return isTrue(SyncOption.PRUNE_LAST);
    }

    /**
     * {@code PrunePropagationPolicy}: {@code foreground} (also when absent, as in Argo CD),
     * {@code background} or {@code orphan}, in any case.
     *
     *
     * @return the policy
     * @throws GitOpsException naming the option, its value and the accepted values, for any other value
     */
    public PropagationPolicy prunePropagationPolicy() {
        String value = values.get(SyncOption.PRUNE_PROPAGATION_POLICY.key());
        if (value == null) {
            return PropagationPolicy.FOREGROUND;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "foreground" -> PropagationPolicy.FOREGROUND;
            case "background" -> PropagationPolicy.BACKGROUND;
            case "orphan" -> PropagationPolicy.ORPHAN;
            default -> throw new GitOpsException("sync option " + SyncOption.PRUNE_PROPAGATION_POLICY.withValue(value)
                    + " is not one of foreground, background, orphan; correct it in the object's " + ANNOTATION
                    + " annotation or the application's syncOptions");
        };
    }

    /**
     * {@code Replace=true}.
     *
     * @return whether to replace instead of apply
     */
    public boolean replace() {
        return isTrue(SyncOption.REPLACE);
    }

    /**
     * {@code Force=true}.
     *
     * @return whether to delete and recreate what cannot be updated
     */
    public boolean force() {
        return isTrue(SyncOption.FORCE);
    }

    /**
     * {@code ServerSideApply}: true for {@code true}, false for any other value; empty when not
     * set, so the sync's strategy decides.
     *
     * @return the value, or empty
     */
    public Optional<Boolean> serverSideApply() {
        String value = values.get(SyncOption.SERVER_SIDE_APPLY.key());
        return value == null ? Optional.empty() : Optional.of("true".equalsIgnoreCase(value));
    }

    /**
     * {@code ClientSideApplyMigration}: on unless {@code ClientSideApplyMigration=false}, as in Argo CD.
     *
     * @return whether to migrate
     */
    public boolean clientSideApplyMigration() {
        return !is(SyncOption.CLIENT_SIDE_APPLY_MIGRATION, "false");
    }

    /**
     * {@code SkipDryRunOnMissingResource=true}.
     *
     * @return whether to skip
     */
    public boolean skipDryRunOnMissingResource() {
        return isTrue(SyncOption.SKIP_DRY_RUN_ON_MISSING_RESOURCE);
    }

    /**
     * {@code FailOnSharedResource=true}.
     *
     * @return whether to fail
     */
    public boolean failOnSharedResource() {
        return isTrue(SyncOption.FAIL_ON_SHARED_RESOURCE);
    }

    /**
     * Options that were ignored, and why.
     *
     * @return the warnings
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The options as {@code Key=Value} strings.
     *
     * @return the entries, in the order they were first set
     */
    public List<String> asList() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    @Override
    public String toString() {
        return String.join(",", asList());
    }
}
