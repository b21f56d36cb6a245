package io.gitops4j.core.project.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Argo CD's git.NormalizeGitURL, including what Go's URL parser does to the text. */
class GitUrlNormalizerTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "https://github.com/argoproj/test.git|https://github.com/argoproj/test",
        " HTTPS://GitHub.com/ArgoProj/Test |https://github.com/argoproj/test",
        "git@github.com:argoproj/test.git|git@github.com/argoproj/test",
        "ssh://git@github.com/argoproj/test|git@github.com/argoproj/test",
        "ssh://git@github.com:argoproj/test|''",
        "https://github.com/argoproj/*|https://github.com/argoproj/*",
        "https://gitlab.com/group/**|https://gitlab.com/group/**",
        "https://github.com/org/{a,b}|https://github.com/org/%7Ba,b%7D",
        "https://github.com/org/a b|https://github.com/org/a%20b",
        "https://github.com:8443/org/repo|https://github.com:8443/org/repo",
        "https://github.com:x/org/repo|''",
        "github.com:org/repo|github.com:org/repo",
        "1github.com:org/repo|''",
        "*|*",
        "https://h/%zz|''",
    })
    void normalizes(String url, String expected) {
        assertThat(GitUrlNormalizer.normalize(url)).isEqualTo(expected);
    }
}
