package io.gitops4j.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.Json;
import org.junit.jupiter.api.Test;

class MergePatchTest {

    @Test
    void aPatchBetweenTwoObjectsTurnsTheFirstIntoTheSecondReplacingArraysWhole() throws Exception {
        var from = Json.mapper().readTree("{\"a\": 1, \"gone\": true, \"o\": {\"x\": 1, \"y\": 2}, \"list\": [1, 2]}");
        var to = Json.mapper().readTree("{\"a\": 1, \"o\": {\"x\": 1, \"y\": 3, \"z\": {}}, \"list\": [2], \"new\": \"n\"}");

        var patch = MergePatch.between(from, to);

        assertThat(patch).isEqualTo(Json.mapper().readTree(
                "{\"gone\": null, \"o\": {\"y\": 3, \"z\": {}}, \"list\": [2], \"new\": \"n\"}"));
        assertThat(MergePatch.apply(from.deepCopy(), patch)).isEqualTo(to);
        assertThat(MergePatch.between(to, to)).isEmpty();
    }

    @Test
    void whatThePatchDoesNotNameKeepsItsValueInTheTarget() throws Exception {
        var live = Json.mapper().readTree("{\"spec\": {\"source\": {\"targetRevision\": \"main\", \"path\": \"a\"}}}");
        var patch = Json.mapper().readTree("{\"spec\": {\"source\": {\"path\": \"b\"}}}");

        assertThat(MergePatch.apply(live.deepCopy(), patch)).isEqualTo(Json.mapper().readTree(
                "{\"spec\": {\"source\": {\"targetRevision\": \"main\", \"path\": \"b\"}}}"));
    }
}
