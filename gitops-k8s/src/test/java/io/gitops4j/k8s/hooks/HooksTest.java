package io.gitops4j.k8s.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Yaml;
import org.junit.jupiter.api.Test;

/** Hook annotations read as Argo CD reads them (gitops-engine's hook and helm hook packages). */
class HooksTest {

    private static ObjectNode annotated(String annotations) {
        return Yaml.readDocuments("apiVersion: batch/v1\nkind: Job\nmetadata: {name: j, annotations: {" + annotations
                + "}}\n", "test").get(0).body();
    }

    @Test
    void argoHookTypesAreReadFromACommaSeparatedList() {
        ObjectNode hook = annotated("argocd.argoproj.io/hook: 'PostSync, PreSync,Unknown'");

        assertThat(Hooks.isHook(hook)).isTrue();
        assertThat(Hooks.types(hook)).containsExactly(HookType.POST_SYNC, HookType.PRE_SYNC);
        assertThat(Hooks.syncTypes(hook)).containsExactly(HookType.PRE_SYNC, HookType.POST_SYNC);
    }

    @Test
    void skipAloneIsNotAHookButSkipsTheResource() {
        assertThat(Hooks.isHook(annotated("argocd.argoproj.io/hook: Skip"))).isFalse();
        assertThat(Hooks.isSkipped(annotated("argocd.argoproj.io/hook: Skip"))).isTrue();
        assertThat(Hooks.isSkipped(annotated("argocd.argoproj.io/hook: 'Skip,PreSync'"))).isFalse();
    }

    @Test
    void helmHooksMapToPreSyncAndPostSyncAndAreIgnoredBesideAnArgoHook() {
        assertThat(Hooks.types(annotated("helm.sh/hook: 'pre-install,pre-upgrade'"))).containsExactly(HookType.PRE_SYNC);
        assertThat(Hooks.types(annotated("helm.sh/hook: post-upgrade"))).containsExactly(HookType.POST_SYNC);
        assertThat(Hooks.types(annotated("helm.sh/hook: pre-install, argocd.argoproj.io/hook: Sync")))
                .containsExactly(HookType.SYNC);
        assertThat(Hooks.isHook(annotated("helm.sh/hook: test"))).as("a hook no sync runs").isTrue();
        assertThat(Hooks.syncTypes(annotated("helm.sh/hook: test"))).isEmpty();
        assertThat(Hooks.isHook(annotated("helm.sh/hook: crd-install"))).isFalse();
    }

    @Test
    void deletePoliciesComeFromBothAnnotationsAndDefaultToBeforeHookCreation() {
        assertThat(Hooks.deletePolicies(annotated("argocd.argoproj.io/hook: PreSync")))
                .containsExactly(HookDeletePolicy.BEFORE_HOOK_CREATION);
        assertThat(Hooks.deletePolicies(annotated("argocd.argoproj.io/hook-delete-policy: 'HookSucceeded,HookFailed'")))
                .containsExactlyInAnyOrder(HookDeletePolicy.HOOK_SUCCEEDED, HookDeletePolicy.HOOK_FAILED);
        assertThat(Hooks.deletePolicies(annotated("helm.sh/hook-delete-policy: hook-succeeded")))
                .containsExactly(HookDeletePolicy.HOOK_SUCCEEDED);
    }
}
