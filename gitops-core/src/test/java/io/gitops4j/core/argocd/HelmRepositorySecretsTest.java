package io.gitops4j.core.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.fake.FakeCluster;
import io.gitops4j.kube.Yaml;
import io.gitops4j.render.helm.HelmRepositoryCredentials;
import io.gitops4j.render.helm.RegistryLogin;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmRepositorySecretsTest {

    private static final String PASSWORD = "registryPassword0123456789";

    @Test
    void anOciHelmSecretLogsIntoTheRegistryHostOfItsUrl() {
        HelmRepositorySecrets secrets = HelmRepositorySecrets.read(List.of(
                secret("charts", "repository", Map.of("type", "helm", "enableOCI", "true",
                        "url", "Registry.Example.com:5000/team/charts", "username", "robot", "password", PASSWORD)),
                secret("new-style", "repository", Map.of("type", "oci", "url", "oci://ghcr.io/org/charts",
                        "username", "bot", "password", PASSWORD))));

        assertThat(secrets.registryLogins()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "registry.example.com:5000", new RegistryLogin("robot", PASSWORD),
                "ghcr.io", new RegistryLogin("bot", PASSWORD)));
        assertThat(secrets.warnings()).isEmpty();
        assertThat(secrets.sources()).containsExactly(
                "repository Secret argocd/charts: OCI registry registry.example.com:5000",
                "repository Secret argocd/new-style: OCI registry ghcr.io");
        assertThat(secrets.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void whatCannotBeUsedIsNamedWithoutItsPassword() {
        HelmRepositorySecrets secrets = HelmRepositorySecrets.read(List.of(
                secret("https-repo", "repository", Map.of("type", "helm", "url", "https://charts.example.com",
                        "username", "robot", "password", PASSWORD)),
                secret("scoped", "repository", Map.of("type", "helm", "enableOCI", "true", "url", "r.example.com",
                        "username", "robot", "password", PASSWORD, "project", "team-a")),
                secret("no-password", "repository", Map.of("type", "oci", "url", "q.example.com", "username", "robot")),
                secret("git", "repository", Map.of("url", "https://github.com/org/repo", "username", "u",
                        "password", PASSWORD)),
                secret("anonymous", "repository", Map.of("type", "helm", "url", "https://open.example.com"))));

        assertThat(secrets.registryLogins()).isEmpty();
        assertThat(secrets.chartRepositories()).containsOnlyKeys("https://charts.example.com");
        assertThat(secrets.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).doesNotContain(PASSWORD));
        assertThat(secrets.warnings().get(0)).contains("argocd/no-password", "has no 'password'");
        assertThat(secrets.warnings().get(1)).contains("argocd/scoped", "scoped to project 'team-a'");
    }

    @Test
    void httpsChartRepositorySecretsGiveTheirCredentialsToTheRepositoryOrEveryRepositoryUnderTheirUrl() {
        HelmRepositorySecrets secrets = HelmRepositorySecrets.read(List.of(
                secret("own", "repository", Map.of("type", "helm", "url", "https://charts.example.com/stable",
                        "username", "robot", "password", PASSWORD, "insecure", "true")),
                secret("team", "repo-creds", Map.of("type", "helm", "url", "https://charts.example.com/team/",
                        "tlsClientCertData", "-----BEGIN CERTIFICATE-----", "tlsClientCertKey", "-----BEGIN PRIVATE KEY-----")),
                secret("team-again", "repo-creds", Map.of("type", "helm", "url", "https://Charts.example.com/team",
                        "username", "other", "password", PASSWORD)),
                secret("half-certificate", "repository", Map.of("type", "helm", "url", "https://x.example.com",
                        "tlsClientCertData", "-----BEGIN CERTIFICATE-----")),
                secret("scoped", "repository", Map.of("type", "helm", "url", "https://y.example.com",
                        "username", "u", "password", PASSWORD, "project", "team-a"))));

        assertThat(secrets.chartRepositories()).containsExactly(Map.entry("https://charts.example.com/stable",
                new HelmRepositoryCredentials("robot", PASSWORD, "", "", true)));
        assertThat(secrets.chartRepositoryTemplates()).containsExactly(Map.entry("https://charts.example.com/team/",
                new HelmRepositoryCredentials("", "", "-----BEGIN CERTIFICATE-----", "-----BEGIN PRIVATE KEY-----", false)));
        assertThat(secrets.sources()).containsExactly(
                "repository Secret argocd/own: chart repository https://charts.example.com/stable",
                "repo-creds Secret argocd/team: every chart repository under https://charts.example.com/team/");
        assertThat(secrets.warnings()).containsExactly(
                "repository Secret argocd/half-certificate for https://x.example.com has 'tlsClientCertData' without "
                        + "'tlsClientCertKey'; the Secret is not used",
                "repository Secret argocd/scoped for https://y.example.com is scoped to project 'team-a'; "
                        + "project-scoped credentials are not used, give them a Secret without 'project'",
                "repo-creds Secret argocd/team-again names https://Charts.example.com/team again; the first Secret "
                        + "for it is used");
        assertThat(secrets.toString()).doesNotContain(PASSWORD, "CERTIFICATE");
    }

    @Test
    void aRepositorysOwnSecretWinsOverATemplateForTheSameHost() {
        HelmRepositorySecrets secrets = HelmRepositorySecrets.read(List.of(
                secret("a-template", "repo-creds", Map.of("type", "oci", "url", "oci://r.example.com/",
                        "username", "template", "password", PASSWORD)),
                secret("own", "repository", Map.of("type", "oci", "url", "oci://r.example.com/team/app",
                        "username", "own", "password", PASSWORD))));

        assertThat(secrets.registryLogins()).containsExactly(Map.entry("r.example.com", new RegistryLogin("own", PASSWORD)));
        assertThat(secrets.warnings()).containsExactly(
                "repo-creds Secret argocd/a-template names registry r.example.com again; the first Secret for it is used");
    }

    @Test
    void theSecretsOfANamespaceAreReadWithTheirBase64Data() {
        FakeCluster cluster = new FakeCluster();
        cluster.createFromYaml("""
                apiVersion: v1
                kind: Namespace
                metadata: {name: argocd}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: registry
                  namespace: argocd
                  labels: {argocd.argoproj.io/secret-type: repository}
                data:
                  type: aGVsbQ==
                  enableOCI: dHJ1ZQ==
                  url: cmVnaXN0cnkuZXhhbXBsZS5jb20vY2hhcnRz
                  username: cm9ib3Q=
                  password: czNjcjN0
                """);

        HelmRepositorySecrets secrets = HelmRepositorySecrets.fromCluster(cluster, "argocd");

        assertThat(secrets.registryLogins()).containsExactly(
                Map.entry("registry.example.com", new RegistryLogin("robot", "s3cr3t")));
    }

    private static ObjectNode secret(String name, String label, Map<String, String> data) {
        ObjectNode secret = (ObjectNode) Yaml.readValue("""
                apiVersion: v1
                kind: Secret
                metadata:
                  namespace: argocd
                  labels: {argocd.argoproj.io/secret-type: %s}
                """.formatted(label), "test");
        ((ObjectNode) secret.get("metadata")).put("name", name);
        ObjectNode stringData = secret.putObject("stringData");
        data.forEach(stringData::put);
        return secret;
    }
}
