package io.gitops4j.render.kustomize;

import java.util.List;
import java.util.Map;

/**
 * Argo CD's {@code spec.source.kustomize} options: edits made to the top kustomization before
 * the build, as Argo CD makes them with {@code kustomize edit}. Empty values change nothing.
 *
 * @param namePrefix replaces {@code namePrefix}
 * @param nameSuffix replaces {@code nameSuffix}
 * @param namespace replaces {@code namespace}
 * @param images image overrides in {@code kustomize edit set image} form: {@code nginx:1.25},
 *     {@code nginx=registry/nginx:1.25}, {@code nginx@sha256:...}
 * @param commonLabels labels added to {@code commonLabels}
 * @param commonAnnotations annotations added to {@code commonAnnotations}
 * @param forceCommonLabels replace a label the kustomization already sets rather than fail
 * @param forceCommonAnnotations replace an annotation the kustomization already sets rather than fail
 * @param replicas replica counts by workload name
 * @param components components added to {@code components}
 * @param patches patches added to {@code patches}, each {@code patch} (inline text) or
 *     {@code path}, with an optional {@code target}
 */
public record KustomizeOverrides(String namePrefix, String nameSuffix, String namespace, List<String> images,
        Map<String, String> commonLabels, Map<String, String> commonAnnotations, boolean forceCommonLabels,
        boolean forceCommonAnnotations, Map<String, Long> replicas, List<String> components,
        List<Map<String, Object>> patches) {

    /** No overrides. */
    public static final KustomizeOverrides NONE = new KustomizeOverrides("", "", "", List.of(), Map.of(), Map.of(),
            false, false, Map.of(), List.of(), List.of());

    /**
     * Reads missing parts as empty.
     *
     * @param namePrefix replaces {@code namePrefix}
     * @param nameSuffix replaces {@code nameSuffix}
     * @param namespace replaces {@code namespace}
     * @param images image overrides in {@code kustomize edit set image} form: {@code nginx:1.25},
     *     {@code nginx=registry/nginx:1.25}, {@code nginx@sha256:...}
     * @param commonLabels labels added to {@code commonLabels}
     * @param commonAnnotations annotations added to {@code commonAnnotations}
     * @param forceCommonLabels replace a label the kustomization already sets rather than fail
     * @param forceCommonAnnotations replace an annotation the kustomization already sets rather than fail
     * @param replicas replica counts by workload name
     * @param components components added to {@code components}
     * @param patches patches added to {@code patches}, each {@code patch} (inline text) or {@code path}, with
     *     an optional {@code target}
     */
    public KustomizeOverrides {
        namePrefix = namePrefix == null ? "" : namePrefix;
        nameSuffix = nameSuffix == null ? "" : nameSuffix;
        namespace = namespace == null ? "" : namespace;
        images = images == null ? List.of() : List.copyOf(images);
        commonLabels = commonLabels == null ? Map.of() : Map.copyOf(commonLabels);
        commonAnnotations = commonAnnotations == null ? Map.of() : Map.copyOf(commonAnnotations);
        replicas = replicas == null ? Map.of() : Map.copyOf(replicas);
        components = components == null ? List.of() : List.copyOf(components);
        patches = patches == null ? List.of() : List.copyOf(patches);
    }

    /**
     * Whether these overrides change nothing.
     *
     * @return {@code true} when no override is set
     */
    public boolean isEmpty() {
        return equals(NONE);
    }
}
