package io.gitops4j.k8s.health;

import static io.gitops4j.k8s.health.HealthStatus.DEGRADED;
import static io.gitops4j.k8s.health.HealthStatus.HEALTHY;
import static io.gitops4j.k8s.health.HealthStatus.PROGRESSING;
import static io.gitops4j.k8s.health.HealthStatus.SUSPENDED;
import static io.gitops4j.k8s.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.k8s.health.assessor.HealthAssessor;
import io.gitops4j.k8s.health.builtin.BuiltInHealthChecks;
import org.junit.jupiter.api.Test;

/**
 * The custom resources with built-in health, one fixture for every status each can reach. The
 * expected verdicts are those of the Lua script Argo CD bundles for the kind (each fixture was run
 * through that script too); where the script fails with a Lua error, Argo CD shows Unknown with
 * the error, and so do we, with a message of our own.
 */
class CustomResourceHealthTest {

    private final HealthAssessor assessor = HealthAssessor.defaults();

    /** Argo Rollouts {@code Rollout}: the v1.0 phase, the conditions before it, replicas, blue-green and canary progress. */
    @Test
    void rolloutInEveryStatusArgoCdGivesIt() {
        assertHealth("rollout-degraded-aborted", DEGRADED,
                "Rollout aborted update to revision 4: metric \"success-rate\" assessed Failed");
        assertHealth("rollout-degraded-deadline", DEGRADED, "ReplicaSet \"checkout-6b5f9\" has timed out progressing.");
        assertHealth("rollout-degraded-invalid-spec", DEGRADED,
                "The Rollout \"checkout\" is invalid: spec.strategy.canary.steps[1].setWeight: Invalid value: 120");
        assertHealth("rollout-degraded-phase", DEGRADED, "RolloutAborted: Rollout aborted update to revision 3");
        assertHealth("rollout-healthy-bluegreen", HEALTHY, "");
        assertHealth("rollout-healthy-canary", HEALTHY, "");
        assertHealth("rollout-healthy-phase", HEALTHY, "");
        assertHealth("rollout-progressing-analysis", PROGRESSING, "waiting for analysis to complete");
        assertHealth("rollout-progressing-cutover", PROGRESSING, "active service cutover pending");
        assertHealth("rollout-progressing-legacy-canary-stable", PROGRESSING, "Waiting for rollout to finish steps");
        assertHealth("rollout-progressing-old-replicas", PROGRESSING,
                "Waiting for roll out to finish: old replicas are pending termination");
        assertHealth("rollout-progressing-phase", PROGRESSING, "more replicas need to be updated");
        assertHealth("rollout-progressing-steps", PROGRESSING, "Waiting for rollout to finish steps");
        assertHealth("rollout-progressing-unavailable", PROGRESSING,
                "Waiting for roll out to finish: updated replicas are still becoming available");
        assertHealth("rollout-progressing-unobserved", PROGRESSING, "Waiting for rollout spec update to be observed");
        assertHealth("rollout-progressing-unreconciled", PROGRESSING,
                "Waiting for rollout to finish: status has not been reconciled.");
        assertHealth("rollout-progressing-updating", PROGRESSING,
                "Waiting for roll out to finish: More replicas need to be updated");
        assertHealth("rollout-progressing-workload-unobserved", PROGRESSING,
                "Waiting for rollout spec update to be observed");
        assertHealth("rollout-suspended-pause-condition", SUSPENDED, "Rollout is paused");
        assertHealth("rollout-suspended-phase", SUSPENDED, "CanaryPauseStep");
        assertHealth("rollout-suspended-user-pause", SUSPENDED, "Rollout is paused");
        assertHealth("rollout-unknown-no-conditions", UNKNOWN,
                "Rollout status has neither a phase nor conditions: cannot judge it");
        assertHealth("rollout-unknown-no-strategy", UNKNOWN, "Rollout has no spec.strategy: cannot judge it");
        assertHealth("rollout-unknown-phase", UNKNOWN, "Rollout phase \"Waiting\" is not a health status");
    }

    /** {@code AnalysisRun}: its phase, a phase Argo CD does not know has no health. */
    @Test
    void analysisRun() {
        assertHealth("analysisrun-degraded-error", DEGRADED, "Analysis run had an error");
        assertHealth("analysisrun-degraded-failed", DEGRADED,
                "Metric \"success-rate\" assessed Failed due to failed (3) > failureLimit (2)");
        assertHealth("analysisrun-healthy", HEALTHY, "Analysis run completed successfully");
        assertNoHealth("analysisrun-none-unknown-phase");
        assertHealth("analysisrun-progressing-new", PROGRESSING,
                "Waiting for analysis run to finish: status has not been reconciled.");
        assertHealth("analysisrun-progressing-running", PROGRESSING, "Analysis run is running");
        assertHealth("analysisrun-unknown-inconclusive", UNKNOWN, "Analysis run was inconclusive");
    }

    /** {@code SealedSecret}: the first Synced condition that says True or False. */
    @Test
    void sealedSecret() {
        assertHealth("sealedsecret-degraded", DEGRADED, "no key could decrypt secret (password)");
        assertHealth("sealedsecret-healthy", HEALTHY, "");
        assertHealth("sealedsecret-progressing-unknown-condition", PROGRESSING,
                "Waiting for Sealed Secret to be decrypted");
        assertHealth("sealedsecret-progressing", PROGRESSING, "Waiting for Sealed Secret to be decrypted");
    }

    /** {@code ExternalSecret}: the first Ready condition that says True or False. */
    @Test
    void externalSecret() {
        assertHealth("externalsecret-degraded", DEGRADED, "could not get secret data from provider");
        assertHealth("externalsecret-healthy", HEALTHY, "Secret was synced");
        assertHealth("externalsecret-progressing", PROGRESSING, "Waiting for ExternalSecret");
    }

    /** {@code Certificate}: an Issuing condition wins over a Ready that is still true. */
    @Test
    void certificate() {
        assertHealth("certificate-degraded", DEGRADED, "Issuing certificate as Secret does not exist");
        assertHealth("certificate-healthy", HEALTHY, "Certificate is up to date and has not expired");
        assertHealth("certificate-progressing-renewing", PROGRESSING,
                "Renewing certificate as renewal was scheduled at 2027-01-20 10:00:00 +0000 UTC");
        assertHealth("certificate-progressing", PROGRESSING, "Waiting for certificate");
    }

    @Test
    void issuer() {
        assertHealth("issuer-degraded", DEGRADED,
                "Failed to register ACME account: 400 urn:ietf:params:acme:error:invalidContact");
        assertHealth("issuer-healthy", HEALTHY, "The ACME account was registered with the ACME server");
        assertHealth("issuer-progressing", PROGRESSING, "Initializing issuer");
    }

    @Test
    void clusterIssuer() {
        assertHealth("clusterissuer-degraded", DEGRADED,
                "Error getting keypair for CA issuer: secrets \"internal-ca\" not found");
        assertHealth("clusterissuer-healthy", HEALTHY, "Signing CA verified");
        assertHealth("clusterissuer-progressing", PROGRESSING, "Initializing ClusterIssuer");
    }

    /** Flux {@code HelmRelease}: Ready and Released must both be true; a passed test makes three, Degraded as in Argo CD. */
    @Test
    void helmReleaseCountsConditionsAsArgoCdDoes() {
        assertHealth("helmrelease-degraded-tested", DEGRADED, "TestSucceeded");
        assertHealth("helmrelease-degraded", DEGRADED, "InstallFailed");
        assertHealth("helmrelease-healthy", HEALTHY, "InstallSucceeded");
        assertHealth("helmrelease-progressing-new", PROGRESSING, "Status unknown");
        assertHealth("helmrelease-progressing", PROGRESSING, "Progressing");
        assertHealth("helmrelease-suspended", SUSPENDED, "HelmRelease is suspended");
    }

    /** Flux {@code Kustomization}: Ready Unknown without Reconciling is Degraded, as in Argo CD. */
    @Test
    void kustomization() {
        assertHealth("kustomization-degraded-health-check", DEGRADED, "HealthCheckFailed");
        assertHealth("kustomization-degraded", DEGRADED, "BuildFailed");
        assertHealth("kustomization-healthy", HEALTHY, "ReconciliationSucceeded");
        assertHealth("kustomization-progressing-new", PROGRESSING, "Status unknown");
        assertHealth("kustomization-progressing", PROGRESSING, "Progressing");
        assertHealth("kustomization-suspended", SUSPENDED, "Kustomization is suspended");
    }

    /** {@code pkg.crossplane.io/Provider}: Installed and Healthy; missing ones are Unknown, where Argo CD's script fails. */
    @Test
    void crossplaneProvider() {
        assertHealth("provider-degraded", DEGRADED, "ActivePackageRevision UnhealthyPackageRevision");
        assertHealth("provider-healthy", HEALTHY, "ActivePackageRevision HealthyPackageRevision");
        assertHealth("provider-progressing", PROGRESSING, "Waiting for provider to be installed");
        assertHealth("provider-unknown-no-healthy", UNKNOWN,
                "Provider has conditions but not both an Installed and a Healthy one with a reason: cannot judge it");
    }

    /** {@code *.crossplane.io}: a missing status is Healthy (Argo CD's precedence), an empty one Progressing except for kinds without status. */
    @Test
    void crossplaneClaimsAndCompositions() {
        assertHealth("crossplane-degraded-claim", DEGRADED,
                "cannot compose resources: cannot apply composed resource \"db\": admission webhook denied the request");
        assertHealth("crossplane-healthy-claim", HEALTHY, "Resource is up-to-date.");
        assertHealth("crossplane-healthy-composition", HEALTHY, "Resource is up-to-date.");
        assertHealth("crossplane-healthy-no-status", HEALTHY, "Resource is up-to-date.");
        assertHealth("crossplane-healthy-provider-config-in-use", HEALTHY, "Resource is in use.");
        assertHealth("crossplane-healthy-xrd", HEALTHY, "Resource is up-to-date.");
        assertHealth("crossplane-progressing-claim", PROGRESSING, "Provisioning ...");
        assertHealth("crossplane-progressing-empty-status", PROGRESSING, "Provisioning ...");
        assertHealth("crossplane-progressing-provider-config-unused", PROGRESSING, "Provisioning ...");
    }

    /** {@code *.upbound.io}: LastAsyncOperation or Synced False is Degraded, Ready True Healthy. */
    @Test
    void upboundManagedResources() {
        assertHealth("upbound-degraded-async", DEGRADED,
                "async create failed: InvalidParameterCombination: Cannot find version 9.6 for postgres");
        assertHealth("upbound-healthy", HEALTHY, "Resource is up-to-date.");
        assertHealth("upbound-healthy-empty-provider-config", HEALTHY, "Resource is up-to-date.");
        assertHealth("upbound-progressing", PROGRESSING, "Provisioning ...");
    }
    @Test
    void crossplaneKindsArgoCdJudgesWithTheirOwnScriptAreNotJudgedByTheWildcard() {
        assertThat(BuiltInHealthChecks.forKind("rds.aws.crossplane.io", "DBInstance"))
                .isEmpty();
        assertThat(BuiltInHealthChecks.forKind("database.aws.crossplane.io", "RDSInstance"))
                .isPresent();
        assertThat(BuiltInHealthChecks.forKind("crossplane.io", "Anything")).isEmpty();
    }

    private void assertHealth(String fixture, HealthStatus status, String message) {
        assertThat(assessor.assess(HealthFixtures.read(fixture))).as(fixture).contains(new Health(status, message));
    }

    private void assertNoHealth(String fixture) {
        assertThat(assessor.assess(HealthFixtures.read(fixture))).as(fixture).isEmpty();
    }
}
