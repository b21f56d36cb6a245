package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @TempDir
    Path temp;

    private LocalRepository repo;
    private GitSource source;
    private String first;

    @BeforeEach
    void setUp() {
        repo = LocalRepository.init(temp.resolve("origin"));
        first = repo.write("app/cm.yaml", "version: 1\n").commit("first");
        source = new GitSource(temp.resolve("cache"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void headIsTheDefaultBranch() {
        Checkout checkout = source.checkout(repo.url(), "HEAD");

        assertThat(checkout.revision()).isEqualTo(first);
        assertThat(checkout.message()).isEqualTo("first");
        assertThat(checkout.directory().resolve("app/cm.yaml")).hasContent("version: 1");
        assertThat(source.checkout(repo.url(), "").revision()).isEqualTo(first);
    }

    @Test
    void laterCallsFetchNewCommits() {
        source.checkout(repo.url(), "main");
        String second = repo.write("app/cm.yaml", "version: 2\n").commit("second");

        Checkout checkout = source.checkout(repo.url(), "main");

        assertThat(checkout.revision()).isEqualTo(second);
        assertThat(checkout.directory().resolve("app/cm.yaml")).hasContent("version: 2");
    }

    @Test
    void resolvesBranchesTagsAndCommits() {
        repo.annotatedTag("v1.0.0", "release").tag("light");
        repo.newBranch("feature");
        String onFeature = repo.write("app/cm.yaml", "version: feature\n").commit("on feature");
        repo.switchTo("main");

        assertThat(source.checkout(repo.url(), "feature").revision()).isEqualTo(onFeature);
        assertThat(source.checkout(repo.url(), "refs/heads/feature").revision()).isEqualTo(onFeature);
        assertThat(source.checkout(repo.url(), "v1.0.0").revision()).as("annotated tag peeled").isEqualTo(first);
        assertThat(source.checkout(repo.url(), "light").revision()).isEqualTo(first);
        assertThat(source.checkout(repo.url(), first).revision()).isEqualTo(first);
        assertThat(source.checkout(repo.url(), first.substring(0, 8)).revision()).isEqualTo(first);
    }

    @Test
    void aCommitNoLongerOnABranchStaysReachableBySha() {
        repo.newBranch("short-lived");
        String onBranch = repo.write("app/cm.yaml", "version: gone\n").commit("soon unreachable");
        source.checkout(repo.url(), "short-lived");
        repo.switchTo("main").deleteBranch("short-lived");

        assertThat(source.checkout(repo.url(), onBranch).directory().resolve("app/cm.yaml")).hasContent("version: gone");
        assertThatThrownBy(() -> source.checkout(repo.url(), "short-lived"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("revision 'short-lived' not found");
    }

    @Test
    void localPathsAndFileUrlsBothWork() {
        assertThat(source.checkout(repo.directory().toString(), "main").revision()).isEqualTo(first);
        assertThat(source.checkout(repo.url(), "main").revision()).isEqualTo(first);
    }

    @Test
    void aCheckoutIsExtractedOnceAndShared() {
        Path directory = source.checkout(repo.url(), "main").directory();

        assertThat(source.checkout(repo.url(), first).directory()).isEqualTo(directory);
        assertThat(directory.getFileName().toString()).isEqualTo(first);
    }

    @Test
    void aRevisionThatDoesNotExistNamesRevisionAndRepository() {
        assertThatThrownBy(() -> source.checkout(repo.url(), "v9.9.9"))
                .isInstanceOf(GitException.class)
                .hasMessage("revision 'v9.9.9' not found in " + repo.url() + ": it is not a branch, a tag or a commit there")
                .satisfies(e -> assertThat(((GitException) e).revision()).isEqualTo("v9.9.9"));
        assertThatThrownBy(() -> source.checkout(repo.url(), "0123456789abcdef0123456789abcdef01234567"))
                .isInstanceOf(GitException.class)
                .hasMessageContaining("not found");
    }

    @Test
    void aRepositoryThatDoesNotExistIsAClearError() {
        String missing = temp.resolve("no-such-repo").toUri().toString();

        assertThatThrownBy(() -> source.checkout(missing, "HEAD"))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot fetch " + missing + ": the repository does not exist; check spec.source.repoURL");
    }

    @Test
    void anUnreachableRemoteIsAClearError() {
        String unreachable = "http://127.0.0.1:1/org/repo.git";

        assertThatThrownBy(() -> source.checkout(unreachable, "HEAD"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + unreachable + ": ")
                .hasMessageEndingWith("check that spec.source.repoURL is right, reachable and readable with the configured credentials");
    }

    @Test
    void aFolderThatIsNotARepositoryIsAClearError() throws Exception {
        Path plain = Files.createDirectories(temp.resolve("plain"));

        assertThatThrownBy(() -> source.checkout(plain.toString(), "HEAD"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + plain + ": ");
    }
}
