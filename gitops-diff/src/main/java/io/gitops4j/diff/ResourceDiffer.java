package io.gitops4j.diff;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.mask.SecretMasker;
import io.gitops4j.diff.normalize.Equivalence;
import io.gitops4j.diff.normalize.ObjectNormalizer;
import io.gitops4j.diff.normalize.ReplacedValueDefaults;
import io.gitops4j.diff.normalize.SpellingAlignment;
import io.gitops4j.diff.patch.JsonPatch;
import io.gitops4j.diff.schema.KubernetesSchema;
import io.gitops4j.diff.schema.ObjectType;
import io.gitops4j.diff.text.UnifiedDiff;
import java.util.List;
import java.util.Objects;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.ResourceKey;
import io.gitops4j.kube.ServerFields;
import io.gitops4j.diff.normalize.IgnoreStatus;

/**
 * Decides whether a live object matches the desired object from Git, the way Argo CD does, and
 * says "Synced" exactly when applying Git would change nothing.
 *
 * <ol>
 * <li>Desired, live and last-applied objects are normalized: server metadata, status (see
 *     {@link IgnoreStatus}), aggregated ClusterRole rules and the fields of the
 *     {@link IgnoreDifferences} rules are removed; Secret {@code stringData} is folded into
 *     {@code data}.</li>
 * <li>The desired object gets the server's defaults inside the values a patch replaces whole
 *     ({@link ReplacedValueDefaults}), so a freshly applied object diffs as unchanged.</li>
 * <li>What the desired object shares with the live one takes the live spelling
 *     ({@link SpellingAlignment}: {@code 1000m} for {@code 1}, empty fields dropped), so the
 *     diff shows changes, not spellings.</li>
 * <li>The live object after applying the desired one is predicted ({@link DiffMode}):
 *     server-side apply when our field manager owns fields, else a three-way strategic merge
 *     against the {@code kubectl.kubernetes.io/last-applied-configuration}, else two-way.</li>
 * <li>Predicted and live are compared as Kubernetes means them ({@link Equivalence}: quantities
 *     by value, empty as absent, int-or-string, numbers by value).</li>
 * </ol>
 *
 * <pre>{@code
 * ResourceDiffer differ = ResourceDiffer.builder()
 *         .ignoreDifferences(IgnoreDifferences.parse(yaml, "app.yaml"))
 *         .ignoreStatus(IgnoreStatus.ALL)
 *         .build();
 * DiffResult result = differ.diff(desired, live);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; inputs are never modified.
 */
public final class ResourceDiffer {

    /** The field manager GitOps4J applies as, unless configured otherwise. */
    public static final String DEFAULT_FIELD_MANAGER = "gitops4j";

    private static final ResourceDiffer DEFAULTS = builder().build();

    private final IgnoreDifferences ignoreDifferences;
    private final ObjectNormalizer normalizer;
    private final String fieldManager;

    private ResourceDiffer(Builder builder) {
        this.ignoreDifferences = builder.ignoreDifferences;
        this.normalizer = new ObjectNormalizer(builder.ignoreStatus, builder.ignoreAggregatedRoles);
        this.fieldManager = builder.fieldManager;
    }

    /**
     * The differ with the defaults: no ignore rules, status ignored, aggregated rules ignored.
     *
     * @return the differ
     */
    public static ResourceDiffer defaults() {
        return DEFAULTS;
    }

    /**
     * Starts configuring a differ; unset settings keep the defaults of {@link #defaults()}.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The field manager whose server-side applies this differ predicts; the sync must apply as it too.
     *
     * @return the field manager, {@code gitops4j} by default
     */
    public String fieldManager() {
        return fieldManager;
    }

    /**
     * The ignoreDifferences rules this differ applies.
     *
     * @return the rules
     */
    public IgnoreDifferences ignoreDifferences() {
        return ignoreDifferences;
    }

    /**
     * A builder starting from this differ's settings.
     *
     * @return a builder with this differ's settings
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.ignoreDifferences = ignoreDifferences;
        builder.ignoreStatus = normalizer.ignoreStatus();
        builder.ignoreAggregatedRoles = normalizer.ignoreAggregatedRoles();
        builder.fieldManager = fieldManager;
        return builder;
    }

    /**
     * Compares a desired object with the live object of the same identity.
     *
     *
     * @param desired the object as rendered from Git
     * @param live the object as read from the cluster
     * @return whether applying would change the live object, the normalized live and predicted objects, the
     *     patch and the text diff
     */
    public DiffResult diff(ObjectNode desired, ObjectNode live) {
        ObjectType type = KubernetesSchema.builtIn().typeOf(desired);
        ObjectNode normalizedDesired = ignored(normalizer.normalize(desired), desired, live);
        ObjectNode normalizedLive = ignored(normalizer.normalize(live), desired, live);
        ReplacedValueDefaults.apply(normalizedDesired, normalizedLive);
        SpellingAlignment.align(normalizedDesired, normalizedLive, type);
        ObjectNode lastApplied = ServerFields.lastApplied(live)
                .map(configuration -> ignored(normalizer.normalize(configuration), desired, live))
                .orElse(null);
        LivePrediction prediction = LivePrediction.of(normalizedDesired, normalizedLive, lastApplied, live, fieldManager);
        boolean modified = prediction.predicted() != normalizedLive
                && !Equivalence.equivalent(normalizedLive, prediction.predicted(), type);
        if (!modified) {
            return new DiffResult(false, normalizedLive, normalizedLive, Json.mapper().createArrayNode(), "",
                    prediction.mode());
        }
        ObjectNode shownLive = normalizedLive;
        ObjectNode shownPredicted = prediction.predicted();
        if (SecretMasker.isSecret(desired)) {
            List<ObjectNode> masked = SecretMasker.mask(List.of(shownLive, shownPredicted));
            shownLive = masked.get(0);
            shownPredicted = masked.get(1);
        }
        String key = ResourceKey.of(desired).toString();
        String text = UnifiedDiff.between(key + " (live)", Yaml.write(shownLive), key + " (desired)",
                Yaml.write(shownPredicted));
        return new DiffResult(true, shownLive, shownPredicted, JsonPatch.diff(shownLive, shownPredicted), text,
                prediction.mode());
    }

    private ObjectNode ignored(ObjectNode object, ObjectNode desired, ObjectNode live) {
        return ignoreDifferences.isEmpty() ? object : ignoreDifferences.removeIgnored(object, desired, live);
    }

    /** Settings of a {@link ResourceDiffer}; every setting has a default. */
    public static final class Builder {

        private IgnoreDifferences ignoreDifferences = IgnoreDifferences.none();
        private IgnoreStatus ignoreStatus = IgnoreStatus.ALL;
        private boolean ignoreAggregatedRoles = true;
        private String fieldManager = DEFAULT_FIELD_MANAGER;

        private Builder() {
        }

        /**
         * Fields to ignore (application and global rules). Default: none.
         *
         * @param value the rules
         * @return this builder
         */
        public Builder ignoreDifferences(IgnoreDifferences value) {
            this.ignoreDifferences = Objects.requireNonNull(value, "ignoreDifferences");
            return this;
        }

        /**
         * Whose status to ignore. Default: {@link IgnoreStatus#ALL}.
         *
         * @param value whose status to ignore
         * @return this builder
         */
        public Builder ignoreStatus(IgnoreStatus value) {
            this.ignoreStatus = Objects.requireNonNull(value, "ignoreStatus");
            return this;
        }

        /**
         * Whether the rules of aggregated ClusterRoles are ignored. Default: true.
         *
         * @param value whether to ignore them
         * @return this builder
         */
        public Builder ignoreAggregatedRoles(boolean value) {
            this.ignoreAggregatedRoles = value;
            return this;
        }

        /**
         * The field manager our server-side applies use. Default: {@code gitops4j}.
         *
         * @param value the field manager, not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder fieldManager(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("the field manager must not be empty");
            }
            this.fieldManager = value;
            return this;
        }

        /**
         * A differ with these settings.
         *
         * @return the differ
         */
        public ResourceDiffer build() {
            return new ResourceDiffer(this);
        }
    }
}
