package io.gitops4j.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void removesTheUserInformationOfAUrl() {
        assertThat(Redaction.url("https://alice:s3cr3t-TOKEN@git.example.com/team/repo.git"))
                .isEqualTo("https://***@git.example.com/team/repo.git");
        assertThat(Redaction.url("https://ghp_abcdef123456@github.com/org/repo"))
                .isEqualTo("https://***@github.com/org/repo");
    }

    @Test
    void leavesUrlsWithoutCredentialsAndScpLikeSshAddressesAlone() {
        assertThat(Redaction.url("https://github.com/argoproj/argocd-example-apps.git"))
                .isEqualTo("https://github.com/argoproj/argocd-example-apps.git");
        assertThat(Redaction.url("git@github.com:org/repo.git")).isEqualTo("git@github.com:org/repo.git");
        assertThat(Redaction.url("ssh://git@github.com/org/repo.git")).isEqualTo("ssh://***@github.com/org/repo.git");
    }

    @Test
    void removesEveryUrlsCredentialsFromFreeText() {
        String message = "https://bob:TOKEN1@a.example/x.git: not authorized; tried http://TOKEN2@b.example/y too";
        assertThat(Redaction.text(message))
                .doesNotContain("TOKEN1").doesNotContain("TOKEN2")
                .isEqualTo("https://***@a.example/x.git: not authorized; tried http://***@b.example/y too");
    }

    @Test
    void removesSecretQueryParameters() {
        assertThat(Redaction.text("GET https://charts.example/index.yaml?access_token=abc123&page=2 failed"))
                .isEqualTo("GET https://charts.example/index.yaml?access_token=***&page=2 failed");
    }

    @Test
    void removesSecretValuesTheCallerKnows() {
        assertThat(Redaction.text("auth failed for token hunter2-long", List.of("hunter2-long", "ab")))
                .isEqualTo("auth failed for token ***");
    }

    @Test
    void tellsWhetherTextStillHoldsCredentials() {
        assertThat(Redaction.containsCredentials("https://u:p@h/r")).isTrue();
        assertThat(Redaction.containsCredentials("https://h/r")).isFalse();
        assertThat(Redaction.containsCredentials(null)).isFalse();
    }
}
