package io.gitops4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.core.engine.Condition;
import io.gitops4j.core.engine.ConditionType;
import io.gitops4j.core.engine.SyncStatusCode;
import io.gitops4j.core.model.Application;
import io.gitops4j.core.model.Applications;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An Application whose manifest has a field Argo CD's Application does not have works without it
 * and shows it: an {@code UnknownFieldWarning} condition in the controller, a warning of the facade's
 * reconcile.
 */
class UnknownFieldWarningTest {

    @TempDir
    Path temp;

    private ControllerFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ControllerFixture(temp);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Application guestbook(String automated) {
        return Applications.readOne("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: {name: guestbook}
                spec:
                  source: {repoURL: %s, path: %s}
                  destination: {namespace: guestbook}
                  syncPolicy:
                    automated:
                      %s
                """.formatted(fixture.repo.url(), GuestbookRepository.PATH, automated), "guestbook.yaml");
    }

    private List<Condition> warnings() {
        return fixture.controller.status("guestbook").conditions(ConditionType.UNKNOWN_FIELD_WARNING);
    }

    @Test
    void aTypoInAutomatedIsAWarningConditionAndTheAppStillSyncs() {
        fixture.controller.register(guestbook("{selfHeal: true, prunee: true}"));
        fixture.controller.start();
        fixture.run();

        assertThat(fixture.controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
        assertThat(fixture.replicas()).as("the automated sync ran without the unknown field").isEqualTo(2);
        assertThat(warnings()).extracting(Condition::message).containsExactly("guestbook.yaml:9: Application guestbook: "
                + "spec.syncPolicy.automated.prunee is not a field of an Argo CD Application and is ignored; did you "
                + "mean spec.syncPolicy.automated.prune?");
        assertThat(ConditionType.UNKNOWN_FIELD_WARNING.isError()).isFalse();
        assertThat(ConditionType.UNKNOWN_FIELD_WARNING.argoName()).isEqualTo("UnknownFieldWarning");
        Instant appeared = warnings().get(0).lastTransitionTime();

        fixture.nextRound();
        fixture.nextRound();
        assertThat(warnings()).extracting(Condition::lastTransitionTime).as("kept while it stays")
                .containsExactly(appeared);

        fixture.controller.register(guestbook("{selfHeal: true, prune: true}"));
        fixture.run();
        assertThat(warnings()).as("the fixed typo clears its condition").isEmpty();
        assertThat(fixture.controller.status("guestbook").sync().status()).isEqualTo(SyncStatusCode.SYNCED);
    }

    @Test
    void theFacadesReconcileReportsTheUnknownFieldsAmongItsWarnings() {
        ReconcileResult result = fixture.gitops.reconcile(guestbook("{prunee: true}"));

        assertThat(result.syncFailed()).isFalse();
        assertThat(result.warnings()).contains("guestbook.yaml:9: Application guestbook: spec.syncPolicy.automated."
                + "prunee is not a field of an Argo CD Application and is ignored; did you mean "
                + "spec.syncPolicy.automated.prune?");
    }
}
