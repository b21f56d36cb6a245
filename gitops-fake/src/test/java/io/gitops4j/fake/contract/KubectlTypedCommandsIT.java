package io.gitops4j.fake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.fake.FakeApiServer;
import io.gitops4j.fake.FakeCluster;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kubectl's typed commands, which build the object themselves and send it in protobuf, against the
 * HTTP form of the fake cluster: each must succeed and leave what a real API server would hold.
 * Skipped when no kubectl is on the PATH; run {@code eval "$(../shared/tools/oracles.sh --env)"}
 * first for v1.35.
 */
class KubectlTypedCommandsIT {

    @TempDir
    Path directory;

    private final FakeCluster cluster = new FakeCluster();
    private FakeApiServer server;
    private Kubectl kubectl;

    @BeforeEach
    void start() throws Exception {
        server = FakeApiServer.start(cluster);
        Optional<Kubectl> found = Kubectl.onPath(server.writeKubeconfig(directory.resolve("kubeconfig")));
        assumeTrue(found.isPresent(), "kubectl is not on the PATH");
        kubectl = found.get();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void createNamespace() throws Exception {
        assertThat(succeeds("create", "namespace", "shop")).contains("namespace/shop created");

        assertThat(cluster.get("v1", "Namespace", "", "shop")).isPresent();
    }

    @Test
    void createConfigMap() throws Exception {
        assertThat(succeeds("create", "configmap", "settings", "--from-literal=color=blue"))
                .contains("configmap/settings created");

        assertThat(object("v1", "ConfigMap", "settings").at("/data/color").asText()).isEqualTo("blue");
    }

    @Test
    void createSecret() throws Exception {
        assertThat(succeeds("create", "secret", "generic", "creds", "--from-literal=password=s3cret"))
                .contains("secret/creds created");

        ObjectNode secret = object("v1", "Secret", "creds");
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(new String(Base64.getDecoder().decode(secret.at("/data/password").asText()))).isEqualTo("s3cret");
    }

    @Test
    void createDeployment() throws Exception {
        assertThat(succeeds("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=80"))
                .contains("deployment.apps/web created");

        ObjectNode web = object("apps/v1", "Deployment", "web");
        assertThat(web.at("/spec/replicas").asInt()).isEqualTo(2);
        assertThat(web.at("/spec/selector/matchLabels/app").asText()).isEqualTo("web");
        assertThat(web.at("/spec/template/spec/containers/0/image").asText()).isEqualTo("nginx:1.27");
        assertThat(web.at("/spec/template/spec/containers/0/ports/0/containerPort").asInt()).isEqualTo(80);
    }

    @Test
    void createJob() throws Exception {
        assertThat(succeeds("create", "job", "once", "--image=busybox", "--", "echo", "hi"))
                .contains("job.batch/once created");

        ObjectNode job = object("batch/v1", "Job", "once");
        assertThat(job.at("/spec/template/spec/containers/0/command").toString()).isEqualTo("[\"echo\",\"hi\"]");
        assertThat(job.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void scale() throws Exception {
        succeeds("create", "deployment", "web", "--image=nginx");

        assertThat(succeeds("scale", "deployment", "web", "--replicas=4")).contains("deployment.apps/web scaled");

        assertThat(object("apps/v1", "Deployment", "web").at("/spec/replicas").asInt()).isEqualTo(4);
    }

    @Test
    void expose() throws Exception {
        succeeds("create", "deployment", "web", "--image=nginx");

        assertThat(succeeds("expose", "deployment", "web", "--port=80", "--target-port=8080"))
                .contains("service/web exposed");

        ObjectNode service = object("v1", "Service", "web");
        assertThat(service.at("/spec/selector/app").asText()).isEqualTo("web");
        assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(80);
        assertThat(service.at("/spec/ports/0/targetPort").asInt()).isEqualTo(8080);
        assertThat(service.at("/spec/clusterIP").asText()).as("allocated by the server").isNotEmpty();
    }

    @Test
    void run() throws Exception {
        assertThat(succeeds("run", "debug", "--image=busybox", "--restart=Never", "--labels=purpose=debug"))
                .contains("pod/debug created");

        ObjectNode pod = object("v1", "Pod", "debug");
        assertThat(pod.at("/spec/containers/0/image").asText()).isEqualTo("busybox");
        assertThat(pod.at("/spec/restartPolicy").asText()).isEqualTo("Never");
        assertThat(pod.at("/metadata/labels/purpose").asText()).isEqualTo("debug");
    }

    @Test
    void label() throws Exception {
        succeeds("create", "configmap", "settings", "--from-literal=color=blue");

        assertThat(succeeds("label", "configmap", "settings", "tier=backend")).contains("configmap/settings labeled");

        assertThat(object("v1", "ConfigMap", "settings").at("/metadata/labels/tier").asText()).isEqualTo("backend");
    }

    @Test
    void annotate() throws Exception {
        succeeds("create", "configmap", "settings", "--from-literal=color=blue");

        assertThat(succeeds("annotate", "configmap", "settings", "owner=team-a"))
                .contains("configmap/settings annotated");

        assertThat(object("v1", "ConfigMap", "settings").at("/metadata/annotations/owner").asText())
                .isEqualTo("team-a");
    }

    @Test
    void rolloutRestart() throws Exception {
        succeeds("create", "deployment", "web", "--image=nginx");

        assertThat(succeeds("rollout", "restart", "deployment/web")).contains("deployment.apps/web restarted");

        assertThat(object("apps/v1", "Deployment", "web")
                .at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asText()).isNotEmpty();
    }

    @Test
    void setImage() throws Exception {
        succeeds("create", "deployment", "web", "--image=nginx:1.27");

        assertThat(succeeds("set", "image", "deployment/web", "nginx=nginx:1.28"))
                .contains("deployment.apps/web image updated");

        assertThat(object("apps/v1", "Deployment", "web").at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("nginx:1.28");
    }

    private String succeeds(String... arguments) throws Exception {
        Kubectl.Result result = kubectl.run(arguments);
        assertThat(result.exitCode()).as("kubectl %s: %s", String.join(" ", arguments), result.err()).isZero();
        return result.out();
    }

    private ObjectNode object(String apiVersion, String kind, String name) {
        return cluster.get(apiVersion, kind, "default", name).orElseThrow();
    }
}
