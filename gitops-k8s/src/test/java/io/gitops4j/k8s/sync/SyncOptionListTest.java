package io.gitops4j.k8s.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.cluster.PropagationPolicy;
import io.gitops4j.kube.GitOpsException;
import io.gitops4j.kube.Yaml;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncOptionListTest {

    @Test
    void aResourcesAnnotationWinsOverTheApplicationsOptions() {
        SyncOptionList app = SyncOptionList.of(List.of(SyncOption.PRUNE.enabled(), SyncOption.SERVER_SIDE_APPLY.enabled()));
        SyncOptionList resource = SyncOptionList.ofAnnotation(Yaml.readDocuments(
                "kind: ConfigMap\nmetadata: {name: c, annotations: {argocd.argoproj.io/sync-options: 'Prune=false, Replace=true'}}\n",
                "test").get(0).body());

        SyncOptionList effective = app.with(resource);

        assertThat(effective.is(SyncOption.PRUNE, "false")).isTrue();
        assertThat(effective.isTrue(SyncOption.REPLACE)).isTrue();
        assertThat(effective.isTrue(SyncOption.SERVER_SIDE_APPLY)).isTrue();
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
        SyncOptionList options = SyncOptionList.of(List.of(SyncOption.DELETE.disabled(), "Frobnicate=true", "nonsense"));

        assertThat(options.warnings()).containsExactly(
                "sync option Delete is not applied by GitOps4J and is ignored",
                "sync option Frobnicate is not known and is ignored",
                "sync option 'nonsense' is not Key=Value and is ignored");
    }

    @Test
    void theTypedAccessorsReadArgoCdsDefaultsWhenNothingIsSet() {
        SyncOptionList none = SyncOptionList.EMPTY;

        assertThat(none.prune()).isEqualTo(PruneOption.ALLOWED);
        assertThat(none.validate()).isTrue();
        assertThat(none.clientSideApplyMigration()).isTrue();
        assertThat(none.serverSideApply()).as("the sync's strategy decides").isEmpty();
        assertThat(none.prunePropagationPolicy()).isEqualTo(PropagationPolicy.FOREGROUND);
        assertThat(List.of(none.createNamespace(), none.applyOutOfSyncOnly(), none.pruneLast(), none.replace(),
                none.force(), none.skipDryRunOnMissingResource(), none.failOnSharedResource())).containsOnly(false);
    }

    @Test
    void theTypedAccessorsReadEachOptionsValueBooleansInAnyCase() {
        SyncOptionList options = SyncOptionList.of(List.of("Validate=False", "CreateNamespace=TRUE",
                "ApplyOutOfSyncOnly=true", "PruneLast=true", "Replace=true", "Force=true", "ServerSideApply=false",
                "ClientSideApplyMigration=false", "SkipDryRunOnMissingResource=true", "FailOnSharedResource=true",
                "PrunePropagationPolicy=Orphan"));

        assertThat(options.validate()).isFalse();
        assertThat(options.clientSideApplyMigration()).isFalse();
        assertThat(options.serverSideApply()).contains(false);
        assertThat(options.prunePropagationPolicy()).isEqualTo(PropagationPolicy.ORPHAN);
        assertThat(List.of(options.createNamespace(), options.applyOutOfSyncOnly(), options.pruneLast(),
                options.replace(), options.force(), options.skipDryRunOnMissingResource(),
                options.failOnSharedResource())).containsOnly(true);
        assertThat(options.warnings()).isEmpty();
    }

    @Test
    void pruneIsDisabledByFalseAndAwaitsAConfirmationByConfirm() {
        assertThat(SyncOptionList.of(List.of("Prune=false")).prune()).isEqualTo(PruneOption.DISABLED);
        assertThat(SyncOptionList.of(List.of("Prune=confirm")).prune()).isEqualTo(PruneOption.CONFIRM);
        assertThat(SyncOptionList.of(List.of("Prune=true")).prune()).isEqualTo(PruneOption.ALLOWED);
        assertThat(SyncOptionList.of(List.of("ServerSideApply=yes")).serverSideApply())
                .as("any value but true means client-side, as before").contains(false);
    }

    @Test
    void aMisspelledPropagationPolicyIsAnErrorThatNamesTheOptionAndTheChoices() {
        SyncOptionList options = SyncOptionList.of(List.of("PrunePropagationPolicy=forground"));

        assertThatThrownBy(options::prunePropagationPolicy).isInstanceOf(GitOpsException.class)
                .hasMessage("sync option PrunePropagationPolicy=forground is not one of foreground, background, "
                        + "orphan; correct it in the object's argocd.argoproj.io/sync-options annotation or the "
                        + "application's syncOptions");
    }

    @Test
    void everyNamedOptionIsKnownAndOnlyDeleteAndRespectIgnoreDifferencesAreIgnored() {
        SyncOptionList all = SyncOptionList.of(Arrays.stream(SyncOption.values()).map(SyncOption::enabled).toList());

        assertThat(all.warnings()).containsExactly(
                "sync option Delete is not applied by GitOps4J and is ignored",
                "sync option RespectIgnoreDifferences is not applied by GitOps4J and is ignored");
        assertThat(SyncOption.ofKey("PrunePropagationPolicy")).contains(SyncOption.PRUNE_PROPAGATION_POLICY);
        assertThat(SyncOption.ofKey("pruneLast")).as("keys are matched exactly, as Argo CD does").isEmpty();
        assertThat(SyncOption.PRUNE.withValue("confirm")).isEqualTo("Prune=confirm");
    }
}
