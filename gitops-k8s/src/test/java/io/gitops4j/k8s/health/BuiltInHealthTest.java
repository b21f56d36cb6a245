package io.gitops4j.k8s.health;

import static io.gitops4j.k8s.health.HealthStatus.DEGRADED;
import static io.gitops4j.k8s.health.HealthStatus.HEALTHY;
import static io.gitops4j.k8s.health.HealthStatus.PROGRESSING;
import static io.gitops4j.k8s.health.HealthStatus.SUSPENDED;
import static io.gitops4j.k8s.health.HealthStatus.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.k8s.health.assessor.HealthAssessor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every built-in kind in every status it can reach, one fixture each (like gitops-engine's testdata). */
class BuiltInHealthTest {

    private static final List<String> APPLICATIONS = List.of("application-healthy", "application-degraded",
            "application-progressing", "application-suspended", "application-unknown", "application-unknown-no-status");

    /** The check Argo CD's health documentation gives to restore Application health (our transcription). */
    private static final String ARGO_CD_DOCUMENTED_SCRIPT = """
            hs = {}
            hs.status = "Progressing"
            hs.message = ""
            if obj.status ~= nil then
              if obj.status.health ~= nil then
                hs.status = obj.status.health.status
                if obj.status.health.message ~= nil then
                  hs.message = obj.status.health.message
                end
              end
            end
            return hs
            """;

    private final HealthAssessor assessor = HealthAssessor.defaults();

    @Test
    void deployment() {
        assertHealth("deployment-healthy", HEALTHY, "");
        assertHealth("deployment-progressing", PROGRESSING,
                "Waiting for rollout to finish: 1 out of 3 new replicas have been updated...");
        assertHealth("deployment-progressing-unobserved", PROGRESSING,
                "Waiting for rollout to finish: observed deployment generation less than desired generation");
        assertHealth("deployment-progressing-terminating", PROGRESSING,
                "Waiting for rollout to finish: 2 old replicas are pending termination...");
        assertHealth("deployment-progressing-unavailable", PROGRESSING,
                "Waiting for rollout to finish: 2 of 3 updated replicas are available...");
        assertHealth("deployment-degraded", DEGRADED, "Deployment \"guestbook-ui\" exceeded its progress deadline");
        assertHealth("deployment-suspended", SUSPENDED, "Deployment is paused");
        assertHealth("deployment-deleting", PROGRESSING, "Pending deletion");
    }

    @Test
    void statefulSet() {
        assertHealth("statefulset-healthy", HEALTHY,
                "statefulset rolling update complete 3 pods at revision redis-6f9c5d7b8...");
        assertHealth("statefulset-healthy-ondelete", HEALTHY, "statefulset has 3 ready pods");
        assertHealth("statefulset-healthy-partitioned", HEALTHY, "partitioned roll out complete: 1 new pods have been updated...");
        assertHealth("statefulset-progressing", PROGRESSING, "Waiting for 2 pods to be ready...");
        assertHealth("statefulset-progressing-partitioned", PROGRESSING,
                "Waiting for partitioned roll out to finish: 2 out of 3 new pods have been updated...");
        assertHealth("statefulset-progressing-revision", PROGRESSING,
                "waiting for statefulset rolling update to complete 1 pods at revision redis-84b6c9f5d...");
        assertHealth("statefulset-progressing-unobserved", PROGRESSING, "Waiting for statefulset spec update to be observed...");
    }

    @Test
    void daemonSet() {
        assertHealth("daemonset-healthy", HEALTHY, "");
        assertHealth("daemonset-healthy-ondelete", HEALTHY, "daemon set 1 out of 4 new pods have been updated");
        assertHealth("daemonset-progressing", PROGRESSING,
                "Waiting for daemon set \"fluent-bit\" rollout to finish: 2 out of 5 new pods have been updated...");
        assertHealth("daemonset-progressing-unavailable", PROGRESSING,
                "Waiting for daemon set \"fluent-bit\" rollout to finish: 4 of 5 updated pods are available...");
        assertHealth("daemonset-progressing-unobserved", PROGRESSING,
                "Waiting for rollout to finish: observed daemon set generation less than desired generation");
    }

    @Test
    void replicaSet() {
        assertHealth("replicaset-healthy", HEALTHY, "");
        assertHealth("replicaset-progressing", PROGRESSING, "Waiting for rollout to finish: 1 out of 3 new replicas are available...");
        assertHealth("replicaset-progressing-unobserved", PROGRESSING,
                "Waiting for rollout to finish: observed replica set generation less than desired generation");
        assertHealth("replicaset-degraded", DEGRADED, "pods \"api-5b7d9c6f4-xk2lp\" is forbidden: exceeded quota: compute, "
                + "requested: cpu=500m, used: cpu=2, limited: cpu=2");
    }

    @Test
    void pod() {
        assertHealth("pod-healthy", HEALTHY, "");
        assertHealth("pod-healthy-succeeded", HEALTHY, "");
        assertHealth("pod-progressing-pending", PROGRESSING, "");
        assertHealth("pod-progressing-not-ready", PROGRESSING, "");
        assertHealth("pod-progressing-hook", PROGRESSING, "");
        assertHealth("pod-progressing-deleting", PROGRESSING, "Pending deletion");
        assertHealth("pod-degraded-crashloop", DEGRADED, "back-off 2m40s restarting failed container=api "
                + "pod=api-5b7d9c6f4-klmno_shop(3f1c2a9e-4b7d-4c1e-9a5f-2d8e7b6c1a30)");
        assertHealth("pod-degraded-imagepullbackoff", DEGRADED, "Back-off pulling image \"gcr.io/heptio-images/"
                + "ks-guestbook-demo:9.9\", rpc error: code = NotFound desc = manifest unknown");
        assertHealth("pod-degraded-failed", DEGRADED, "container \"migrate\" failed with exit code 2");
        assertHealth("pod-degraded-oomkilled", DEGRADED, "OOMKilled");
        assertHealth("pod-degraded-evicted", DEGRADED,
                "The node was low on resource: memory. Threshold quantity: 100Mi, available: 84Mi.");
        assertHealth("pod-degraded-restarted", DEGRADED, "");
        assertHealth("pod-unknown", UNKNOWN, "Node worker-3 which was running pod api-5b7d9c6f4-uvwxy is unresponsive");
    }

    @Test
    void jobAndCronJob() {
        assertHealth("job-healthy", HEALTHY, "");
        assertHealth("job-progressing", PROGRESSING, "");
        assertHealth("job-degraded", DEGRADED, "Job has reached the specified backoff limit");
        assertHealth("job-suspended", SUSPENDED, "");
        assertHealth("cronjob-healthy", HEALTHY, "CronJob has completed its last execution successfully");
        assertHealth("cronjob-healthy-never-scheduled", HEALTHY, "");
        assertHealth("cronjob-progressing", PROGRESSING, "Waiting for 1 Jobs to complete");
        assertHealth("cronjob-degraded", DEGRADED, "CronJob has not completed its last execution successfully");
        assertNoHealth("cronjob-none-suspended");
    }

    @Test
    void persistentVolumeClaim() {
        assertHealth("persistentvolumeclaim-healthy", HEALTHY, "");
        assertHealth("persistentvolumeclaim-progressing", PROGRESSING, "");
        assertHealth("persistentvolumeclaim-degraded", DEGRADED, "");
        assertHealth("persistentvolumeclaim-unknown", UNKNOWN, "");
    }

    @Test
    void serviceAndIngress() {
        assertHealth("service-healthy", HEALTHY, "");
        assertHealth("service-healthy-loadbalancer", HEALTHY, "");
        assertHealth("service-progressing-loadbalancer", PROGRESSING, "");
        assertHealth("ingress-healthy", HEALTHY, "");
        assertHealth("ingress-healthy-extensions", HEALTHY, "");
        assertHealth("ingress-progressing", PROGRESSING, "");
    }

    @Test
    void horizontalPodAutoscaler() {
        assertHealth("hpa-v2-healthy", HEALTHY, "recommended size matches current size");
        assertHealth("hpa-v2-degraded", DEGRADED, "the HPA was unable to compute the replica count: failed to get cpu "
                + "utilization: unable to get metrics for resource cpu: no metrics returned from resource metrics API");
        assertHealth("hpa-v2-degraded-target", DEGRADED, "the HPA controller was unable to get the target's current "
                + "scale: deployments/scale.apps \"worker-renamed\" not found");
        assertHealth("hpa-v2-progressing", PROGRESSING, "Waiting to Autoscale");
        assertHealth("hpa-v2beta2-unknown", UNKNOWN, "unsupported HPA GVK: autoscaling/v2beta2, Kind=HorizontalPodAutoscaler");
        assertHealth("hpa-v2beta1-unknown", UNKNOWN, "unsupported HPA GVK: autoscaling/v2beta1, Kind=HorizontalPodAutoscaler");
    }

    @Test
    void horizontalPodAutoscalerV1ConditionsAnnotationDecodedAsArgoCdDecodesIt() {
        assertHealth("hpa-v1-healthy", HEALTHY, "recommended size matches current size");
        assertHealth("hpa-v1-healthy-any-case", HEALTHY, "recommended size matches current size");
        assertHealth("hpa-v1-degraded", DEGRADED,
                "the HPA was unable to compute the replica count: unable to get metric queue_depth: Service on shop/queue");
        assertHealth("hpa-v1-progressing", PROGRESSING, "Waiting to Autoscale");
        assertHealth("hpa-v1-progressing-empty", PROGRESSING, "Waiting to Autoscale");
        assertHealth("hpa-v1-progressing-null", PROGRESSING, "Waiting to Autoscale");
        assertThat(assessor.assess(HealthFixtures.read("hpa-v1-unknown"))).get()
                .satisfies(h -> assertThat(h.status()).isEqualTo(UNKNOWN))
                .satisfies(h -> assertThat(h.message()).startsWith("failed to convert conditions annotation to typed: "));
        assertHealth("hpa-v1-unknown-empty", UNKNOWN,
                "failed to convert conditions annotation to typed: unexpected end of JSON input");
        assertHealth("hpa-v1-unknown-object", UNKNOWN, "failed to convert conditions annotation to typed: "
                + "json: cannot unmarshal object into Go value of type []health.hpaCondition");
        assertHealth("hpa-v1-unknown-bool-status", UNKNOWN, "failed to convert conditions annotation to typed: "
                + "json: cannot unmarshal bool into Go struct field hpaCondition.Status of type string");
        assertThat(assessor.assess(HealthFixtures.read("hpa-v1-unknown-trailing"))).get()
                .satisfies(h -> assertThat(h.status()).isEqualTo(UNKNOWN))
                .satisfies(h -> assertThat(h.message()).startsWith("failed to convert conditions annotation to typed: invalid JSON"));
    }

    @Test
    void apiService() {
        assertHealth("apiservice-healthy", HEALTHY, "Passed: all checks passed");
        assertHealth("apiservice-progressing", PROGRESSING, "MissingEndpoints: endpoints for service/metrics-server in "
                + "\"kube-system\" have no addresses with port name \"https\"");
        assertHealth("apiservice-progressing-unprocessed", PROGRESSING, "Waiting to be processed");
    }

    @Test
    void argoApplicationHasNoHealthUnlessAskedFor() {
        for (String fixture : APPLICATIONS) {
            assertNoHealth(fixture);
            assertThat(HealthAssessor.builder().kstatus(true).build().assess(HealthFixtures.read(fixture))).as(fixture)
                    .isEmpty();
        }
    }

    @Test
    void argoApplicationAsTheChildReportsItWhenAskedFor() {
        HealthAssessor appOfApps = HealthAssessor.builder().childApplicationHealth(true).build();

        assertThat(appOfApps.assess(HealthFixtures.read("application-healthy"))).contains(Health.healthy(""));
        assertThat(appOfApps.assess(HealthFixtures.read("application-degraded")))
                .contains(Health.degraded("Deployment \"payments\" exceeded its progress deadline"));
        assertThat(appOfApps.assess(HealthFixtures.read("application-progressing"))).contains(Health.progressing(""));
        assertThat(appOfApps.assess(HealthFixtures.read("application-suspended"))).contains(Health.suspended(""));
        assertThat(appOfApps.assess(HealthFixtures.read("application-unknown")))
                .contains(Health.unknown("Lua returned an invalid health status"));
        assertThat(appOfApps.assess(HealthFixtures.read("application-unknown-no-status")))
                .contains(Health.unknown("Lua returned an invalid health status"));
    }

    @Test
    void argoApplicationOptInJudgesAsTheScriptArgoCdDocumentsAndAUserScriptStillWins() {
        HealthAssessor documented = HealthAssessor.builder()
                .argoCdConfig(Map.of("resource.customizations.health.argoproj.io_Application", ARGO_CD_DOCUMENTED_SCRIPT))
                .build();
        HealthAssessor optIn = HealthAssessor.builder().childApplicationHealth(true).build();
        for (String fixture : APPLICATIONS) {
            assertThat(optIn.assess(HealthFixtures.read(fixture))).as(fixture)
                    .isEqualTo(documented.assess(HealthFixtures.read(fixture)));
        }
        HealthAssessor overridden = HealthAssessor.builder().childApplicationHealth(true)
                .luaScript("argoproj.io/Application", "return {status = 'Healthy', message = 'mine'}").build();
        assertThat(overridden.assess(HealthFixtures.read("application-degraded"))).contains(Health.healthy("mine"));
    }

    @Test
    void argoWorkflow() {
        assertHealth("workflow-healthy", HEALTHY, "");
        assertHealth("workflow-progressing", PROGRESSING, "");
        assertHealth("workflow-degraded", DEGRADED, "child 'build-9n4z1-1234567890' failed");
    }

    @Test
    void customResourcesFollowKstatus() {
        assertHealth("kstatus-healthy", HEALTHY, "stored artifact for revision 'master@sha1:2f8a6d1c'");
        assertHealth("kstatus-healthy-observed", HEALTHY, "Resource is current");
        assertHealth("kstatus-progressing", PROGRESSING, "Issuing certificate as Secret does not exist");
        assertHealth("kstatus-progressing-generation", PROGRESSING,
                "Kustomization generation is 8, but latest observed generation is 7");
        assertHealth("kstatus-progressing-reconciling", PROGRESSING, "Running 'upgrade' action with timeout of 5m0s");
        assertHealth("kstatus-degraded", DEGRADED, "Failed to upgrade after 3 attempt(s)");
        assertNoHealth("kstatus-none");
        assertThat(HealthAssessor.builder().kstatus(false).build().assess(HealthFixtures.read("kstatus-healthy")))
                .isEmpty();
    }

    @Test
    void kindsWithoutACheckHaveNoHealthUnlessBeingDeleted() {
        assertNoHealth("configmap-none");
        assertHealth("configmap-progressing-deleting", PROGRESSING, "Pending deletion");
    }

    private void assertHealth(String fixture, HealthStatus status, String message) {
        assertThat(assessor.assess(HealthFixtures.read(fixture))).as(fixture).contains(new Health(status, message));
    }

    private void assertNoHealth(String fixture) {
        assertThat(assessor.assess(HealthFixtures.read(fixture))).as(fixture).isEmpty();
    }
}
