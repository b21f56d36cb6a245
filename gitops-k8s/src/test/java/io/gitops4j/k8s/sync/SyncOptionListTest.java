package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.Yaml;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncOptionListTest {

    @Test
    void aResourcesAnnotationWinsOverTheApplicationsOptions() {
        SyncOptionList app = SyncOptionList.of(List.of("Prune=true", "ServerSideApply=true"));
        SyncOptionList resource = SyncOptionList.ofAnnotation(Yaml.readDocuments(
                "kind: ConfigMap\nmetadata: {name: c, annotations: {argocd.argoproj.io/sync-options: 'Prune=false, Replace=true'}}\n",
                "test").get(0).body());

        SyncOptionList effective = app.with(resource);

        assertThat(effective.is("Prune", "false")).isTrue();
        assertThat(effective.isTrue("Replace")).isTrue();
        assertThat(effective.isTrue("ServerSideApply")).isTrue();
        assertThat(effective.warnings()).isEmpty();
    }

    @Test
    void anAnnotationIsReadAsArgoCdReadsItSpacesTrimmedEmptyEntriesLeftOut() {
        SyncOptionList options = SyncOptionList.ofAnnotation(Yaml.readDocuments(
                "kind: ConfigMap\nmetadata: {name: c, annotations: {argocd.argoproj.io/sync-options: ' Prune=false,, Replace=true ,'}}\n",
                "test").get(0).body());

        assertThat(options.asList()).containsExactlyInAnyOrder("Prune=false", "Replace=true");
        assertThat(options.warnings()).as("an empty entry is no option to warn about").isEmpty();
    }

    @Test
    void optionsGitOps4JDoesNotApplyOrKnowAreKeptAsWarnings() {
        SyncOptionList options = SyncOptionList.of(List.of("Delete=false", "Frobnicate=true", "nonsense"));

        assertThat(options.warnings()).containsExactly(
                "sync option Delete is not applied by GitOps4J and is ignored",
                "sync option Frobnicate is not known and is ignored",
                "sync option 'nonsense' is not Key=Value and is ignored");
    }
}
