package io.gitops4j.k8s.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Yaml;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo CD cluster Secrets as {@link ClusterSecrets} reads them, from fixtures under {@code clusters/secrets/}. */
class ClusterSecretsTest {

    private static final List<String> PLANTED = List.of("planted-token-5b1c2d", "planted-password-4e4e", "planted-key-7f3e9a");

    @Test
    void aTokenSecretInDataIsReadAsArgoCdReadsIt() {
        ClusterDefinition cluster = ClusterSecrets.parse(fixture("valid-token.yaml"));

        assertThat(cluster.name()).isEqualTo("staging");
        assertThat(cluster.server()).isEqualTo("https://staging.example.com:6443");
        assertThat(cluster.namespaces()).containsExactly("team-a", "team-b");
        assertThat(cluster.clusterResources()).isTrue();
        assertThat(cluster.project()).isEqualTo("platform");
        assertThat(cluster.config().bearerToken()).isEqualTo("planted-token-5b1c2d");
        assertThat(cluster.config().tlsClientConfig().caData()).isNotEmpty();
        assertThat(cluster.config().tlsClientConfig().insecure()).isFalse();
        assertThat(cluster.toString()).doesNotContain("planted-token-5b1c2d").contains("bearerToken=***");
    }

    @Test
    void aClientCertificateSecretInStringDataKeepsItsKeyOutOfText() {
        ClusterDefinition cluster = ClusterSecrets.parse(fixture("valid-client-certificate.yaml"));

        TlsClientConfig tls = cluster.config().tlsClientConfig();
        assertThat(cluster.server()).isEqualTo("https://prod.example.com");
        assertThat(cluster.namespaces()).isEmpty();
        assertThat(cluster.clusterResources()).isFalse();
        assertThat(tls.hasClientCertificate()).isTrue();
        assertThat(decoded(tls.keyData())).contains("planted-key-7f3e9a");
        assertThat(cluster.toString()).doesNotContain(tls.keyData()).contains("keyData=***");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not-labelled.yaml                | cluster Secret argocd/plain is not a Secret labelled argocd.argoproj.io/secret-type: cluster",
        "no-server.yaml                   | cluster Secret argocd/no-server has no 'server'",
        "server-not-url.yaml              | 'server' 'kubernetes.example.com:6443' is not an http(s) URL with a host",
        "config-not-json.yaml             | cluster Secret argocd/not-json 'config' is not valid JSON (line 1, column",
        "aws-auth.yaml                    | config.awsAuthConfig: AWS IAM authentication (awsAuthConfig) is not supported by GitOps4J",
        "exec-provider.yaml               | config.execProviderConfig: exec credential plugins (execProviderConfig) is not supported",
        "misspelt-token.yaml              | config has an unknown field 'bearertoken' (did you mean 'bearerToken'?)",
        "certificate-without-key.yaml     | config.tlsClientConfig sets only one of certData and keyData",
        "token-and-password.yaml          | 'config' sets both bearerToken and username/password",
        "data-not-base64.yaml             | cluster Secret argocd/bad-b64: data.server is not valid base64",
        "cluster-resources-not-bool.yaml  | 'clusterResources' is not true or false",
        "ca-not-pem.yaml                  | config.tlsClientConfig.caData is not the base64 of a PEM block",
        "insecure-not-boolean.yaml        | config.tlsClientConfig.insecure is not true or false",
        "unknown-key.yaml                 | has an unknown key 'namespace' (did you mean 'namespaces'?)",
    })
    void anUnusableSecretIsRefusedWithOneLineNamingItAndTheFieldButNoCredential(String file, String expected) {
        JsonNode secret = fixture(file);

        assertThatThrownBy(() -> ClusterSecrets.parse(secret))
                .isInstanceOf(InvalidClusterSecretException.class)
                .hasMessageContaining(expected)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain("\n");
                    PLANTED.forEach(planted -> assertThat(e.getMessage()).doesNotContain(planted));
                });
    }

    @Test
    void onlyLabelledSecretsAreClusterSecrets() {
        assertThat(ClusterSecrets.isClusterSecret(fixture("valid-token.yaml"))).isTrue();
        assertThat(ClusterSecrets.isClusterSecret(fixture("not-labelled.yaml"))).isFalse();
    }

    static JsonNode fixture(String name) {
        try (InputStream in = ClusterSecretsTest.class.getResourceAsStream("/clusters/secrets/" + name)) {
            assertThat(in).as(name).isNotNull();
            return Yaml.readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decoded(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
