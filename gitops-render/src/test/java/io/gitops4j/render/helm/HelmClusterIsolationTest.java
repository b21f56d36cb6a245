package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.gitops4j.kube.Yaml;
import io.gitops4j.kube.YamlDocument;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Templating never reaches a cluster or a chart repository. The build points this JVM's
 * {@code KUBECONFIG} at a file this test fills with the address of a listening API server that
 * counts what it receives (see gitops-render/pom.xml); helm-java on its own would send
 * {@code lookup} there. The chart of the {@code lookup-empty} corpus case must come out as
 * {@code helm template} printed it, and the server must receive nothing.
 */
class HelmClusterIsolationTest {

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer cluster;
    private final HelmRenderer helm = HelmRenderer.create();

    @BeforeEach
    void listeningCluster() throws IOException {
        cluster = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cluster.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cluster.start();
    }

    @AfterEach
    void stop() {
        cluster.stop(0);
        helm.close();
    }

    @Test
    void lookupGivesWhatHelmTemplateGivesAndTheConfiguredClusterIsNeverContacted() throws Exception {
        String kubeconfig = System.getenv("KUBECONFIG");
        assertThat(kubeconfig).as("the build sets KUBECONFIG for this test (gitops-render/pom.xml)").isNotBlank();
        Path file = Path.of(kubeconfig);
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: live
                  cluster:
                    server: http://127.0.0.1:%d
                contexts:
                - name: live
                  context:
                    cluster: live
                    user: admin
                current-context: live
                users:
                - name: admin
                  user:
                    token: live-cluster-token
                """.formatted(cluster.getAddress().getPort()));
        Path corpusCase = corpus().resolve("lookup-empty");
        HelmOptions options = HelmConformanceTest.options(corpusCase.resolve("options.yaml"));

        List<ObjectNode> objects = helm.render(RepositoryRoot.of(corpusCase), "chart", options);

        List<ObjectNode> golden = Yaml.readDocuments(Files.readString(corpusCase.resolve("expected.yaml")), "expected")
                .stream().map(YamlDocument::body).toList();
        assertThat(requests).as("requests the configured cluster received").isEmpty();
        assertThat(objects).isEqualTo(golden);
    }

    @Test
    void withoutAChartRepositoryAMissingDependencyIsAnErrorAndItsRepositoryIsNeverContacted(@TempDir Path repo) throws IOException {
        Files.createDirectories(repo.resolve("chart/templates"));
        Files.writeString(repo.resolve("chart/Chart.yaml"), """
                apiVersion: v2
                name: app
                version: 0.1.0
                dependencies:
                - name: db
                  version: 1.0.0
                  repository: http://127.0.0.1:%d/charts
                """.formatted(cluster.getAddress().getPort()));

        assertThatThrownBy(() -> helm.render(RepositoryRoot.of(repo), "chart", HelmOptions.DEFAULTS.withReleaseName("shop")))
                .isInstanceOf(HelmException.class)
                .hasMessageStartingWith("dependency 'db' 1.0.0 (repository http://127.0.0.1:")
                .hasMessageContaining("of the chart chart is not in its charts/ directory, and this renderer downloads "
                        + "no charts");
        assertThat(requests).as("requests the chart repository received").isEmpty();
    }

    private static Path corpus() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(HelmClusterIsolationTest.class.getResource("/helm")).toURI());
    }
}
