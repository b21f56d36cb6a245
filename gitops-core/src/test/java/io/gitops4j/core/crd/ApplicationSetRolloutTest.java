package io.gitops4j.core.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.fleet.ApplicationSetApplicationStatus;
import io.gitops4j.kube.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApplicationSetRolloutTest {

    private static final ApplicationObjects.Ref SET = new ApplicationObjects.Ref("argocd", "envs");

    @Test
    void readsArgoCdsFieldsWithTheStepAsAString() throws Exception {
        var object = Json.mapper().readTree("""
                {"status": {"applicationStatus": [
                  {"application": "dev", "status": "Healthy", "step": "1", "message": "became Healthy",
                   "lastTransitionTime": "2026-12-05T12:00:00Z", "targetRevisions": ["abc123"]},
                  {"application": "prod", "status": "Pending", "step": "2", "message": "",
                   "lastTransitionTime": "2026-12-05T12:01:00Z", "targetRevisions": []}]}}
                """);

        assertThat(ApplicationSetRollout.read(SET, object)).containsExactly(
                new ApplicationSetApplicationStatus("dev", "Healthy", 1, "became Healthy", "abc123",
                        Instant.parse("2026-12-05T12:00:00Z")),
                new ApplicationSetApplicationStatus("prod", "Pending", 2, "", "", Instant.parse("2026-12-05T12:01:00Z")));
    }

    @Test
    void anEntryThatCannotBeReadIsLeftOutSoItsApplicationStartsAgainAsWaiting() throws Exception {
        var object = Json.mapper().readTree("""
                {"status": {"applicationStatus": [
                  {"application": "a", "status": "Finished", "step": "1", "lastTransitionTime": "2026-12-05T12:00:00Z"},
                  {"status": "Healthy", "step": "1", "lastTransitionTime": "2026-12-05T12:00:00Z"},
                  {"application": "b", "status": "Healthy", "step": "1", "lastTransitionTime": "yesterday"},
                  {"application": "c", "status": "Waiting", "step": "x", "lastTransitionTime": "2026-12-05T12:00:00Z"},
                  "not an object"]}}
                """);

        List<ApplicationSetApplicationStatus> read = ApplicationSetRollout.read(SET, object);

        assertThat(read).extracting(ApplicationSetApplicationStatus::application).containsExactly("c");
        assertThat(read.get(0).step()).as("taken again from the steps").isEqualTo(-1);
        assertThat(ApplicationSetRollout.read(SET, Json.mapper().readTree("{}"))).isEmpty();
    }
}
