package io.gitops4j.k8s.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.kube.Json;
import io.gitops4j.kube.KubernetesObjects;
import io.gitops4j.kube.ResourceKey;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrackingTest {

    private static final ResourceTracking ANNOTATION = ResourceTracking.annotation();

    @Test
    void trackingIdsUseArgoCdsFormat() {
        assertThat(new TrackingId("guestbook", new ResourceKey("apps", "Deployment", "demo", "web")).toString())
                .isEqualTo("guestbook:apps/Deployment:demo/web");
        assertThat(new TrackingId("guestbook", new ResourceKey("", "Namespace", "", "demo")).toString())
                .isEqualTo("guestbook:/Namespace:/demo");
    }

    @Test
    void trackingIdsParseBack() {
        assertThat(TrackingId.parse("guestbook:/Namespace:/demo"))
                .contains(new TrackingId("guestbook", new ResourceKey("", "Namespace", "", "demo")));
        assertThat(TrackingId.parse("team-a_guestbook:apps/Deployment:demo/web").orElseThrow().appName())
                .isEqualTo("team-a_guestbook");
        assertThat(TrackingId.parse("guestbook")).isEmpty();
        assertThat(TrackingId.parse("guestbook:Deployment:web")).isEmpty();
        assertThat(TrackingId.parse("")).isEmpty();
    }

    @Test
    void aMarkedObjectIsTrackedByItsApplicationOnly() {
        ObjectNode marked = ANNOTATION.mark(deployment("web"), "guestbook");

        assertThat(KubernetesObjects.annotation(marked, TrackingId.ANNOTATION))
                .isEqualTo("guestbook:apps/Deployment:demo/web");
        assertThat(ANNOTATION.isTrackedBy(marked, "guestbook")).isTrue();
        assertThat(ANNOTATION.isTrackedBy(marked, "other")).isFalse();
    }

    @Test
    void aCopiedTrackingAnnotationDoesNotMakeAnotherObjectTracked() {
        String idOfWeb = KubernetesObjects.annotation(ANNOTATION.mark(deployment("web"), "guestbook"),
                TrackingId.ANNOTATION);
        ObjectNode copy = KubernetesObjects.withAnnotation(deployment("web-copy"), TrackingId.ANNOTATION, idOfWeb);

        assertThat(ANNOTATION.owningApp(copy)).isEmpty();
        assertThat(ANNOTATION.isTrackedBy(copy, "guestbook")).isFalse();
    }

    @Test
    void argoCdsAnnotationKeyRecognisesWhatArgoCdDeployedAndOnlyThat() {
        ResourceTracking argoCd = ResourceTracking.annotation(TrackingId.ARGO_CD_ANNOTATION);
        ObjectNode deployedByArgoCd = KubernetesObjects.withAnnotation(deployment("web"),
                "argocd.argoproj.io/tracking-id", "guestbook:apps/Deployment:demo/web");

        assertThat(argoCd.isTrackedBy(deployedByArgoCd, "guestbook")).isTrue();
        assertThat(ANNOTATION.owningApp(deployedByArgoCd)).isEmpty();
        ObjectNode marked = argoCd.mark(deployment("web"), "guestbook");
        assertThat(KubernetesObjects.annotations(marked))
                .containsEntry("argocd.argoproj.io/tracking-id", "guestbook:apps/Deployment:demo/web")
                .doesNotContainKey(TrackingId.ANNOTATION);
        assertThat(ANNOTATION.isTrackedBy(ANNOTATION.mark(deployment("web"), "guestbook"), "guestbook")).isTrue();
        assertThat(argoCd.owningApp(ANNOTATION.mark(deployment("web"), "guestbook"))).isEmpty();
    }

    @Test
    void annotationAndLabelWithArgoCdsKeysWritesBoth() {
        ResourceTracking both = ResourceTracking.annotationAndLabel(TrackingId.ARGO_CD_ANNOTATION, "team/app");
        ObjectNode marked = both.mark(deployment("web"), "guestbook");

        assertThat(KubernetesObjects.labels(marked)).containsEntry("team/app", "guestbook");
        assertThat(KubernetesObjects.annotations(marked))
                .containsEntry("argocd.argoproj.io/tracking-id", "guestbook:apps/Deployment:demo/web");
        assertThat(both.isTrackedBy(marked, "guestbook")).isTrue();
        assertThatThrownBy(() -> ResourceTracking.annotation(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void labelTrackingWritesTheInstanceLabelAndTrustsIt() {
        ResourceTracking label = ResourceTracking.label();
        ObjectNode marked = label.mark(deployment("web"), "guestbook");

        assertThat(KubernetesObjects.labels(marked)).containsEntry("app.kubernetes.io/instance", "guestbook");
        assertThat(KubernetesObjects.annotations(marked)).doesNotContainKey(TrackingId.ANNOTATION);
        assertThat(label.isTrackedBy(marked, "guestbook")).isTrue();
        assertThat(label.isTrackedBy(deployment("web"), "guestbook")).isFalse();
    }

    @Test
    void annotationAndLabelWritesBothAndTheAnnotationDecides() {
        ResourceTracking both = ResourceTracking.ofMethod("annotation+label");
        ObjectNode marked = both.mark(deployment("web"), "guestbook");
        ObjectNode labelledOnly = ResourceTracking.label().mark(deployment("other"), "guestbook");

        assertThat(KubernetesObjects.labels(marked)).containsEntry("app.kubernetes.io/instance", "guestbook");
        assertThat(KubernetesObjects.annotation(marked, TrackingId.ANNOTATION)).isEqualTo("guestbook:apps/Deployment:demo/web");
        assertThat(both.isTrackedBy(marked, "guestbook")).isTrue();
        assertThat(both.isTrackedBy(labelledOnly, "guestbook")).isFalse();
    }

    @Test
    void applySetIdsAreKubectls() {
        // kubectl 1.35: KUBECTL_APPLYSET=true kubectl apply --server-side --prune --applyset=guestbook -n default
        assertThat(ApplySetTracking.id("guestbook", "default", "Secret", ""))
                .isEqualTo("applyset-GsswWDtDhgYn87fmLMrIbSNQFXY5nNwDBiGqQ2omIPg-v1");
    }

    @Test
    void applySetMembersCarryThePartOfLabelAndTheParentListsTheirKindsAndNamespaces() {
        ResourceTracking applySet = ResourceTracking.applySet("default");
        ObjectNode marked = applySet.mark(deployment("web"), "guestbook");
        ObjectNode configMap = Json.parseObject("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\","
                + "\"namespace\":\"default\"}}", "test");

        assertThat(KubernetesObjects.labels(marked)).containsEntry("applyset.kubernetes.io/part-of",
                "applyset-GsswWDtDhgYn87fmLMrIbSNQFXY5nNwDBiGqQ2omIPg-v1");
        assertThat(applySet.isTrackedBy(marked, "guestbook")).isTrue();
        assertThat(applySet.isTrackedBy(marked, "other")).isFalse();
        ObjectNode parent = applySet.inventory("guestbook", List.of(marked, configMap), Optional.empty())
                .orElseThrow();
        assertThat(KubernetesObjects.labels(parent)).containsEntry("applyset.kubernetes.io/id",
                "applyset-GsswWDtDhgYn87fmLMrIbSNQFXY5nNwDBiGqQ2omIPg-v1");
        assertThat(KubernetesObjects.annotations(parent))
                .containsEntry("applyset.kubernetes.io/contains-group-kinds", "ConfigMap,Deployment.apps")
                .containsEntry("applyset.kubernetes.io/additional-namespaces", "demo")
                .containsEntry("applyset.kubernetes.io/tooling", "gitops4j/v1");
        assertThat(ResourceTracking.annotation().inventory("guestbook", List.of(marked), Optional.empty()))
                .isEmpty();
    }

    @Test
    void anApplySetParentEditedByHandKeepsItsKindsAndNamespacesWithoutSpacesOrEmptyEntries() {
        ResourceTracking applySet = ResourceTracking.applySet("default");
        ObjectNode live = applySet.inventory("guestbook", List.of(), Optional.empty()).orElseThrow();
        KubernetesObjects.metadata(live).with("annotations")
                .put("applyset.kubernetes.io/contains-group-kinds", "Secret, Deployment.apps,,")
                .put("applyset.kubernetes.io/additional-namespaces", " demo , ");

        ObjectNode parent = applySet.inventory("guestbook", List.of(), Optional.of(live)).orElseThrow();

        assertThat(KubernetesObjects.annotations(parent))
                .containsEntry("applyset.kubernetes.io/contains-group-kinds", "Deployment.apps,Secret")
                .containsEntry("applyset.kubernetes.io/additional-namespaces", "demo");
    }

    @Test
    void anUnknownTrackingMethodIsRefusedWithTheChoices() {
        assertThatThrownBy(() -> ResourceTracking.ofMethod("labels"))
                .hasMessage("tracking method 'labels' is not one of annotation, label, annotation+label");
    }

    private static ObjectNode deployment(String name) {
        return Json.parseObject("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"demo\"}}", "test");
    }
}
