package io.gitops4j.k8s.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.k8s.internal.AnnotationValues;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo CD's and Helm's hook annotations, read as Argo CD reads them: the one place GitOps4J
 * decides whether an object is a hook, of which types, with which delete policies.
 *
 * <ul>
 *   <li>An object with {@code argocd.argoproj.io/hook} is a hook unless its only type is
 *       {@code Skip}; its Helm annotations are then ignored.</li>
 *   <li>Otherwise an object with {@code helm.sh/hook} is a hook unless the value is
 *       {@code crd-install}; {@code pre-install}/{@code pre-upgrade} run as PreSync and
 *       {@code post-install}/{@code post-upgrade} as PostSync; other Helm hooks ({@code test},
 *       {@code pre-delete}, ...) are hooks that no sync runs.</li>
 *   <li>Delete policies come from both annotations; none means {@code BeforeHookCreation}.</li>
 * </ul>
 */
public final class Hooks {

    /** Argo CD's hook annotation. */
    public static final String HOOK = "argocd.argoproj.io/hook";
    /** Argo CD's hook delete policy annotation. */
    public static final String HOOK_DELETE_POLICY = "argocd.argoproj.io/hook-delete-policy";
    /** Helm's hook annotation. */
    public static final String HELM_HOOK = "helm.sh/hook";
    /** Helm's hook delete policy annotation. */
    public static final String HELM_HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";
    /** Helm's hook weight, a hook's wave when it has no {@code argocd.argoproj.io/sync-wave}. */
    public static final String HELM_HOOK_WEIGHT = "helm.sh/hook-weight";
    /**
     * The finalizer a sync puts on the hooks it creates, so that nothing deletes one before its
     * outcome is seen; the sync removes it once the hook has completed.
     */
    public static final String HOOK_FINALIZER = "argocd.argoproj.io/hook-finalizer";

    private static final Map<String, HookType> HELM_TYPES = Map.of(
            "pre-install", HookType.PRE_SYNC, "pre-upgrade", HookType.PRE_SYNC,
            "post-install", HookType.POST_SYNC, "post-upgrade", HookType.POST_SYNC);

    private Hooks() {
    }

    /**
     * Whether an object is a hook (see the class comment).
     *
     * @param object a Kubernetes object
     * @return whether it is a hook
     */
    public static boolean isHook(JsonNode object) {
        JsonNode annotations = object.path("metadata").path("annotations");
        if (annotations.has(HOOK)) {
            return !isSkipped(object);
        }
        return annotations.has(HELM_HOOK) && !"crd-install".equals(KubernetesObjects.annotation(object, HELM_HOOK));
    }

    /**
     * Whether an object is annotated {@code argocd.argoproj.io/hook: Skip} and no other hook type: a sync leaves it alone.
     *
     * @param object a Kubernetes object
     * @return whether a sync skips it
     */
    public static boolean isSkipped(JsonNode object) {
        List<HookType> types = types(object);
        return types.size() == 1 && types.get(0) == HookType.SKIP;
    }

    /**
     * The hook types of an object: Argo CD's when it has the annotation, else those Helm's map to.
     *
     * @param object a Kubernetes object
     * @return the types, in annotation order; empty for an object that is no hook
     */
    public static List<HookType> types(JsonNode object) {
        List<HookType> types = new ArrayList<>();
        for (String value : AnnotationValues.of(object, HOOK)) {
            HookType.fromAnnotationValue(value).filter(t -> !types.contains(t)).ifPresent(types::add);
        }
        if (types.isEmpty()) {
            for (String value : AnnotationValues.of(object, HELM_HOOK)) {
                HookType type = HELM_TYPES.get(value);
                if (type != null && !types.contains(type)) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    /**
     * The hook types of an object that run during a sync, in phase order.
     *
     * @param object a Kubernetes object
     * @return the types
     */
    public static List<HookType> syncTypes(JsonNode object) {
        return types(object).stream().filter(HookType::runsInSync).sorted().toList();
    }

    /**
     * The delete policies of a hook; {@code BeforeHookCreation} when it names none.
     *
     * @param object a hook
     * @return the policies
     */
    public static Set<HookDeletePolicy> deletePolicies(JsonNode object) {
        Set<HookDeletePolicy> policies = EnumSet.noneOf(HookDeletePolicy.class);
        AnnotationValues.of(object, HOOK_DELETE_POLICY).forEach(v -> HookDeletePolicy.fromArgoName(v).ifPresent(policies::add));
        AnnotationValues.of(object, HELM_HOOK_DELETE_POLICY).forEach(v -> HookDeletePolicy.fromHelmName(v).ifPresent(policies::add));
        if (policies.isEmpty()) {
            policies.add(HookDeletePolicy.BEFORE_HOOK_CREATION);
        }
        return policies;
    }

    /**
     * Whether an object carries the {@link #HOOK_FINALIZER}.
     *
     * @param object a Kubernetes object
     * @return whether it has the finalizer
     */
    public static boolean hasHookFinalizer(JsonNode object) {
        for (JsonNode finalizer : object.path("metadata").path("finalizers")) {
            if (HOOK_FINALIZER.equals(finalizer.asText())) {
                return true;
            }
        }
        return false;
    }
}
