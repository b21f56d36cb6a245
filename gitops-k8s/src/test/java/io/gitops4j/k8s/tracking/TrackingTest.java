package io.gitops4j.k8s.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.diff.Json;
import io.gitops4j.diff.KubernetesObjects;
import io.gitops4j.diff.ResourceKey;
import org.junit.jupiter.api.Test;

class TrackingTest {

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
        ObjectNode marked = AnnotationTracking.mark(deployment("web"), "guestbook");

        assertThat(KubernetesObjects.annotation(marked, TrackingId.ANNOTATION))
                .isEqualTo("guestbook:apps/Deployment:demo/web");
        assertThat(AnnotationTracking.isTrackedBy(marked, "guestbook")).isTrue();
        assertThat(AnnotationTracking.isTrackedBy(marked, "other")).isFalse();
    }

    @Test
    void aCopiedTrackingAnnotationDoesNotMakeAnotherObjectTracked() {
        String idOfWeb = KubernetesObjects.annotation(AnnotationTracking.mark(deployment("web"), "guestbook"),
                TrackingId.ANNOTATION);
        ObjectNode copy = KubernetesObjects.withAnnotation(deployment("web-copy"), TrackingId.ANNOTATION, idOfWeb);

        assertThat(AnnotationTracking.owningApp(copy)).isEmpty();
        assertThat(AnnotationTracking.isTrackedBy(copy, "guestbook")).isFalse();
    }

    private static ObjectNode deployment(String name) {
        return Json.parseObject("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\""
                + name + "\",\"namespace\":\"demo\"}}", "test");
    }
}
