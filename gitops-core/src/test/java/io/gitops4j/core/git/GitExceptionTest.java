package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GitExceptionTest {

    private static final String URL = "https://alice:s3cr3t-TOKEN@git.example.com/team/repo.git";
    private static final String REDACTED = "https://***@git.example.com/team/repo.git";

    @Test
    void messageUrlAndEveryCauseAreRedactedAndCausesKeepTheirClassNameAndStack() {
        IOException root = new IOException("connect to " + URL + " refused");
        IllegalStateException middle = new IllegalStateException("fetch " + URL + " failed", root);
        middle.addSuppressed(new RuntimeException("retry of " + URL));

        GitException e = new GitException(URL, "main", "cannot fetch " + URL + ": refused", middle);

        assertThat(e).hasMessage("cannot fetch " + REDACTED + ": refused");
        assertThat(e.repoURL()).isEqualTo(REDACTED);
        assertThat(e.revision()).isEqualTo("main");
        assertThat(e.getCause()).hasToString("java.lang.IllegalStateException: fetch " + REDACTED + " failed");
        assertThat(e.getCause().getStackTrace()).isEqualTo(middle.getStackTrace());
        assertThat(e.getCause().getCause()).hasToString("java.io.IOException: connect to " + REDACTED + " refused");
        assertThat(e.getCause().getSuppressed()).singleElement()
                .hasToString("java.lang.RuntimeException: retry of " + REDACTED);
        StringWriter printed = new StringWriter();
        e.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).doesNotContain("s3cr3t-TOKEN").contains("Caused by: java.io.IOException");
    }

    @Test
    void aCauseThatIsItsOwnSuppressedOrACycleIsCopiedOnce() {
        IOException first = new IOException(URL);
        IOException second = new IOException(URL, first);
        first.addSuppressed(second);

        GitException e = new GitException(URL, "main", "failed", second);

        assertThat(e.getCause()).hasMessage(REDACTED);
        assertThat(e.getCause().getCause()).hasMessage(REDACTED);
        assertThat(e.getCause().getCause().getSuppressed()).isEmpty();
    }

    @Test
    void noCauseStaysNoCause() {
        assertThat(new GitException(URL, "v1", "revision 'v1' not found in " + URL, null))
                .hasNoCause()
                .hasMessage("revision 'v1' not found in " + REDACTED);
    }
}
