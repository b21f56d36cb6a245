package io.gitops4j.core.argocd;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.cluster.BuiltInResourceTypes;
import io.gitops4j.cluster.Cluster;
import io.gitops4j.core.GitOps;
import io.gitops4j.core.engine.ApplicationController;
import io.gitops4j.core.webhook.RefreshTarget;
import io.gitops4j.core.webhook.WebhookHandler;
import io.gitops4j.core.webhook.WebhookSecrets;
import io.gitops4j.diff.ResourceDiffer;
import io.gitops4j.diff.ignore.IgnoreDifferences;
import io.gitops4j.diff.ignore.IgnoreRule;
import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.tracking.ResourceTracking;
import io.gitops4j.k8s.tracking.TrackingId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The settings of Argo CD's {@code argocd-cm} ConfigMap (and the webhook secrets of
 * {@code argocd-secret}) that the engine applies, read as Argo CD reads them: an existing Argo
 * CD installation's settings work unchanged.
 *
 * <pre>{@code
 * ArgoCdSettings settings = ArgoCdSettings.fromCluster(cluster, "argocd");
 * GitOps gitops = settings.applyTo(GitOps.builder().cluster(cluster).workDir(dir)).build();
 * ApplicationController controller = settings.applyTo(gitops.controller()).build();
 * WebhookHandler webhooks = settings.webhooks(controller::refresh).build();
 * }</pre>
 *
 * <p>Applied: {@code timeout.reconciliation} and its {@code .jitter} (the controller's refresh
 * interval; {@code 0s} turns the periodic refresh off), {@code resource.customizations.health.*}
 * and the older {@code resource.customizations} (Lua health scripts),
 * {@code resource.customizations.ignoreDifferences.*} and {@code .all} (global ignoreDifferences),
 * {@code application.resourceTrackingMethod} with {@code application.instanceLabelKey} (tracking),
 * the webhook secrets and {@code webhook.maxPayloadSizeMB}, {@code resource.exclusions} and
 * {@code resource.inclusions} (the controller neither watches, compares nor prunes an excluded
 * kind; Argo CD's default exclusions, {@link ResourceFilter#DEFAULT_EXCLUSIONS}, where the key is
 * absent). A malformed entry is an {@link ArgoCdSettingsException} naming its key.
 *
 * @param reconciliationTimeout {@code timeout.reconciliation}, when set ({@code 0s}: off)
 * @param reconciliationJitter {@code timeout.reconciliation.jitter}, when set
 * @param healthScripts Lua health scripts by {@code group/kind} ({@code Kind} for the core group)
 * @param ignoreDifferences global ignoreDifferences rules
 * @param resourceFilter {@code resource.exclusions} and {@code resource.inclusions}
 * @param instanceLabelKey {@code application.instanceLabelKey} (default {@code app.kubernetes.io/instance})
 * @param trackingMethod {@code application.resourceTrackingMethod}: annotation (default), label, annotation+label
 * @param webhookSecrets the {@code webhook.*} keys of {@code argocd-secret}
 * @param maxWebhookPayloadBytes {@code webhook.maxPayloadSizeMB} in bytes (default 50 MiB)
 */
public record ArgoCdSettings(Optional<Duration> reconciliationTimeout, Optional<Duration> reconciliationJitter,
        Map<String, String> healthScripts, List<IgnoreRule> ignoreDifferences, ResourceFilter resourceFilter,
        String instanceLabelKey, String trackingMethod, WebhookSecrets webhookSecrets, long maxWebhookPayloadBytes) {

    /** Argo CD's default {@code application.instanceLabelKey}. */
    public static final String DEFAULT_INSTANCE_LABEL_KEY = "app.kubernetes.io/instance";
    /** The refresh interval that stands for "off" ({@code timeout.reconciliation: 0s}): about a century. */
    public static final Duration REFRESH_OFF = Duration.ofDays(36_500);

    /**
     * Requires every field and copies the scripts (sorted by group and kind) and rules.
     *
     * @param reconciliationTimeout {@code timeout.reconciliation}, when set ({@code 0s}: off)
     * @param reconciliationJitter {@code timeout.reconciliation.jitter}, when set
     * @param healthScripts Lua health scripts by {@code group/kind} ({@code Kind} for the core group)
     * @param ignoreDifferences global ignoreDifferences rules
     * @param resourceFilter {@code resource.exclusions} and {@code resource.inclusions}
     * @param instanceLabelKey {@code application.instanceLabelKey} (default {@code
     *     app.kubernetes.io/instance})
     * @param trackingMethod {@code application.resourceTrackingMethod}: annotation (default), label,
     *     annotation+label
     * @param webhookSecrets the {@code webhook.*} keys of {@code argocd-secret}
     * @param maxWebhookPayloadBytes {@code webhook.maxPayloadSizeMB} in bytes (default 50 MiB)
     */
    public ArgoCdSettings {
        Objects.requireNonNull(reconciliationTimeout, "reconciliationTimeout");
        Objects.requireNonNull(reconciliationJitter, "reconciliationJitter");
        healthScripts = java.util.Collections.unmodifiableMap(new TreeMap<>(healthScripts));
        ignoreDifferences = List.copyOf(ignoreDifferences);
        Objects.requireNonNull(resourceFilter, "resourceFilter");
        Objects.requireNonNull(instanceLabelKey, "instanceLabelKey");
        Objects.requireNonNull(trackingMethod, "trackingMethod");
        Objects.requireNonNull(webhookSecrets, "webhookSecrets");
    }

    /** {@return an Argo CD installation whose {@code argocd-cm} and {@code argocd-secret} are empty} */
    public static ArgoCdSettings defaults() {
        return fromData(Map.of(), Map.of());
    }

    /**
     * The settings of {@code argocd-cm}'s and {@code argocd-secret}'s data (the Secret's values decoded).
     *
     * @param argocdCm the ConfigMap's {@code data}
     * @param argocdSecret the Secret's {@code data}, decoded
     * @return the settings, Argo CD's defaults for what is not set
     * @throws ArgoCdSettingsException naming the key of a malformed entry
     */
    public static ArgoCdSettings fromData(Map<String, String> argocdCm, Map<String, String> argocdSecret) {
        return new SettingsReader("argocd-cm", "argocd-secret").read(argocdCm, argocdSecret);
    }

    /**
     * The settings of an {@code argocd-cm} ConfigMap and, when given, an {@code argocd-secret}
     * Secret (its {@code data} base64, {@code stringData} plain).
     *
     * @param argocdCm the {@code argocd-cm} ConfigMap
     * @param argocdSecret the {@code argocd-secret} Secret, when there is one
     * @return the settings, Argo CD's defaults for what is not set
     * @throws ArgoCdSettingsException naming the object and key of a malformed entry
     */
    public static ArgoCdSettings fromObjects(JsonNode argocdCm, Optional<? extends JsonNode> argocdSecret) {
        String cmWhere = "ConfigMap " + KubernetesData.describe(argocdCm);
        String secretWhere = argocdSecret.map(s -> "Secret " + KubernetesData.describe(s)).orElse("argocd-secret");
        Map<String, String> secret = argocdSecret.map(s -> KubernetesData.secret(s, secretWhere)).orElse(Map.of());
        return new SettingsReader(cmWhere, secretWhere).read(KubernetesData.configMap(argocdCm, cmWhere), secret);
    }

    /**
     * The settings of the {@code argocd-cm} ConfigMap and {@code argocd-secret} Secret in a
     * namespace of the cluster; either may be missing (Argo CD's defaults then).
     *
     * @param cluster the cluster to read from
     * @param namespace the namespace Argo CD's objects live in, usually {@code argocd}
     * @return the settings, Argo CD's defaults for what is not set
     * @throws ArgoCdSettingsException naming the object and key of a malformed entry
     */
    public static ArgoCdSettings fromCluster(Cluster cluster, String namespace) {
        Optional<? extends JsonNode> cm = cluster.get(BuiltInResourceTypes.CONFIG_MAP, namespace, "argocd-cm");
        Optional<? extends JsonNode> secret = cluster.get(BuiltInResourceTypes.SECRET, namespace, "argocd-secret");
        return cm.isPresent() ? fromObjects(cm.get(), secret)
                : fromObjects(io.gitops4j.kube.Json.object(), secret);
    }

    /**
     * {@return the tracking {@code application.resourceTrackingMethod} and {@code
     * application.instanceLabelKey} name}
     */
    public ResourceTracking tracking() {
        return tracking(TrackingId.ANNOTATION);
    }

    /**
     * The tracking of {@code application.resourceTrackingMethod} and {@code
     * application.instanceLabelKey}, with the tracking id in an annotation of your choosing:
     * {@link TrackingId#ARGO_CD_ANNOTATION} takes over what an Argo CD installation deployed.
     *
     * @param annotationKey the annotation that carries the tracking id (annotation methods only)
     * @return the tracking
     */
    public ResourceTracking tracking(String annotationKey) {
        return switch (trackingMethod) {
            case "label" -> ResourceTracking.label(instanceLabelKey);
            case "annotation+label" -> ResourceTracking.annotationAndLabel(annotationKey, instanceLabelKey);
            default -> ResourceTracking.annotation(annotationKey);
        };
    }

    /**
     * {@code base} with these global ignoreDifferences rules after its own.
     *
     * @param base the differ to extend
     * @return a differ with {@code base}'s rules, then these
     */
    public ResourceDiffer differ(ResourceDiffer base) {
        if (ignoreDifferences.isEmpty()) {
            return base;
        }
        return base.toBuilder().ignoreDifferences(base.ignoreDifferences().and(IgnoreDifferences.of(ignoreDifferences)))
                .build();
    }

    /**
     * {@code base} with these Lua health scripts added (they win over scripts of folders).
     *
     * @param base the assessor's builder to extend
     * @return {@code base}, with the scripts added
     */
    public HealthAssessor.Builder health(HealthAssessor.Builder base) {
        healthScripts.forEach(base::luaScript);
        return base;
    }

    /**
     * Sets the tracking, a differ with the global ignoreDifferences rules and a health assessor
     * with the health scripts on a {@link GitOps} builder. It replaces a differ or assessor set
     * before; to combine these settings with your own, pass {@link #differ(ResourceDiffer)} and
     * {@link #health(HealthAssessor.Builder)} to the builder yourself afterwards.
     *
     * @param builder the instance's builder
     * @return {@code builder}
     */
    public GitOps.Builder applyTo(GitOps.Builder builder) {
        return builder.tracking(tracking()).differ(differ(ResourceDiffer.defaults()))
                .health(health(HealthAssessor.builder()).build());
    }

    /**
     * Sets the refresh interval and its jitter where {@code argocd-cm} sets them, and the resource
     * exclusions and inclusions.
     *
     * @param builder the controller's builder
     * @return {@code builder}
     */
    public ApplicationController.Builder applyTo(ApplicationController.Builder builder) {
        builder.resourceExclusions(resourceFilter);
        reconciliationTimeout.ifPresent(timeout -> builder.refreshInterval(timeout.isZero() ? REFRESH_OFF : timeout));
        reconciliationJitter.ifPresent(builder::jitter);
        return builder;
    }

    /**
     * A webhook handler refreshing through {@code target}, with these secrets and payload limit.
     *
     * @param target what the handler refreshes, such as {@code controller::refresh}
     * @return a handler's builder, to finish with {@code build()}
     */
    public WebhookHandler.Builder webhooks(RefreshTarget target) {
        return WebhookHandler.builder(target).secrets(webhookSecrets).maxPayloadBytes(maxWebhookPayloadBytes);
    }
}
