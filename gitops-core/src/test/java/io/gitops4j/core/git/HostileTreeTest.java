package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trees that {@code git} never writes, built object by object: a checkout of them must never
 * write outside its folder, never keep a symbolic link that leaves the repository, and never
 * leave a half-extracted folder behind.
 */
class HostileTreeTest {

    @TempDir
    Path temp;

    private Path outside;
    private Map<String, String> outsideBefore;
    private RawCommits repo;
    private GitSource source;

    @BeforeEach
    void setUp() throws IOException {
        outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "host data\n");
        outsideBefore = snapshot(outside);
        repo = RawCommits.init(temp.resolve("hostile.git"));
        source = new GitSource(temp.resolve("cache"));
    }

    @AfterEach
    void outsideIsUntouched() throws IOException {
        assertThat(snapshot(outside)).as("the folder outside the checkout").isEqualTo(outsideBefore);
        repo.close();
    }

    @Test
    void aLinkToAnOutsideFolderThenAFolderOfTheSameNameWritesNothingThrough() {
        var pwned = repo.tree().file("pwned.yaml", "kind: ConfigMap\n");
        String sha = repo.tree().symlink("b", outside.toString()).tree("b", pwned).commit("escape");

        assertRefused(sha).hasMessageContaining("the path 'b' appears twice in the tree (a symbolic link, then a folder)");
    }

    @Test
    void aFolderThenALinkOfTheSameNameIsRefused() {
        var files = repo.tree().file("x.yaml", "x: 1\n");
        String sha = repo.tree().tree("a", files).symlink("a", outside.toString()).commit("duplicate a");

        assertRefused(sha).hasMessageContaining("the path 'a' appears twice in the tree (a folder, then a symbolic link)");
    }

    @Test
    void twoFoldersOfTheSameNameCannotCombineALinkAndAFileBelowIt() {
        var withLink = repo.tree().symlink("b", outside.toString());
        var withFile = repo.tree().tree("b", repo.tree().file("pwned.yaml", "kind: ConfigMap\n"));
        String sha = repo.tree().tree("apps", withLink).tree("apps", withFile).commit("two apps folders");

        assertRefused(sha).hasMessageContaining("the path 'apps' appears twice in the tree (a folder, then a folder)");
    }

    @Test
    void aFileWrittenTwiceIsRefused() {
        String sha = repo.tree().file("cm.yaml", "first\n").file("cm.yaml", "second\n").commit("twice");

        assertRefused(sha).hasMessageContaining("the path 'cm.yaml' appears twice in the tree (a file, then a file)");
    }

    @Test
    void aFileThenAFolderOfTheSameNameIsRefused() {
        String sha = repo.tree().file("a", "file\n").tree("a", repo.tree().file("x.yaml", "x\n")).commit("file then folder");

        assertRefused(sha).hasMessageContaining("the path 'a' appears twice in the tree (a file, then a folder)");
    }

    @Test
    void aSubmoduleThenAFolderOfTheSameNameIsRefused() {
        String sha = repo.tree().gitlink("a", "0123456789abcdef0123456789abcdef01234567")
                .tree("a", repo.tree().file("x.yaml", "x\n")).commit("submodule then folder");

        assertRefused(sha).hasMessageContaining("the path 'a' appears twice in the tree (a submodule, then a folder)");
    }

    @Test
    void anAbsoluteLinkOutsideTheRepositoryIsRefusedWithWhatToDo() {
        String sha = repo.tree().tree("apps", repo.tree().symlink("secrets", outside.toString())).commit("absolute link");

        assertThatThrownBy(() -> source.checkout(repo.url(), "main"))
                .isInstanceOf(GitException.class)
                .hasMessage("cannot check out " + repo.url() + " at 'main' (" + sha.substring(0, 7) + "): the symbolic link "
                        + "'apps/secrets' points to '" + outside + "', outside the repository; links must stay inside "
                        + "the repository (Argo CD refuses such repositories too): make it a relative link to a file "
                        + "in the repository, or commit the file itself")
                .satisfies(e -> assertThat(((GitException) e).revision()).isEqualTo("main"));
        assertNothingExtracted();
    }

    @Test
    void aRelativeLinkThatClimbsOutIsRefused() {
        String sha = repo.tree().tree("apps", repo.tree().symlink("up", "../../outside")).commit("climbing link");

        assertRefused(sha).hasMessageContaining("the symbolic link 'apps/up' points to '../../outside', outside the repository");
    }

    @Test
    void aLinkThatClimbsOutAndBackInIsRefused() {
        String sha = repo.tree().symlink("detour", "../hostile.git/../outside/../x").file("x", "x\n").commit("detour");

        assertRefused(sha).hasMessageContaining("the symbolic link 'detour' points to '../hostile.git/../outside/../x', "
                + "outside the repository");
    }

    @Test
    void aLinkThatLeavesOnlyThroughAnotherLinkIsRefused() {
        // Each link alone looks inside ("link2/.." is the root, "." is the root), but link2/.. is the
        // parent of the root once link2 is followed.
        String sha = repo.tree().symlink("l1", "link2/..").symlink("link2", ".").commit("chain");

        assertRefused(sha).hasMessageContaining("the symbolic link 'l1' points to 'link2/..', which leads outside the "
                + "repository through the link 'link2' (to '.')");
    }

    @Test
    void aLinkThroughADeeperLinkThatLeavesIsRefused() {
        var apps = repo.tree().symlink("here", "..");
        String sha = repo.tree().tree("apps", apps).symlink("l", "apps/here/../x").commit("chain through a folder");

        assertRefused(sha).hasMessageContaining("the symbolic link 'l' points to 'apps/here/../x', which leads outside "
                + "the repository through the link 'apps/here' (to '..')");
    }

    @Test
    void aLinkLoopIsRefused() {
        String sha = repo.tree().symlink("a", "b").symlink("b", "a").commit("loop");

        assertRefused(sha).hasMessageContaining("the symbolic link 'a' points to 'b', which does not resolve within 40 links");
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", ".GIT", ".Git", "git~1", "GIT~1", ".git.", ".git ", ".git . ", ".git::$INDEX_ALLOCATION",
        ".g\u200cit", "\u200e.git", ".", "..", "a/b"})
    void namesGitReservesOrCannotWriteAreRefused(String name) {
        var config = repo.tree().file("config", "[core]\n\thooksPath = /tmp\n");
        String sha = repo.tree().tree("app", repo.tree().tree(name, config)).commit("reserved name");

        assertRefused(sha).hasMessageContaining("the entry 'app/" + name + "' has a name Git refuses to check out");
    }

    @Test
    void aReservedNameAsAFileOrLinkIsRefusedToo() {
        String file = repo.tree().file(".GIT", "gitdir: /tmp\n").commit("a .git file");
        assertRefused(file).hasMessageContaining("the entry '.GIT' has a name Git refuses to check out");

        String link = repo.tree().symlink(".git", "app").tree("app", repo.tree().file("x", "x")).commit("a .git link");
        assertRefused(link).hasMessageContaining("the entry '.git' has a name Git refuses to check out");
    }

    @Test
    void aLinkTargetLongerThanAnyPathIsRefused() {
        String sha = repo.tree().symlink("long", "a/".repeat(3000)).commit("long target");

        assertRefused(sha).hasMessageContaining("the symbolic link 'long' has a target longer than 4096 bytes");
    }

    @Test
    void linksThatStayInsideAreCheckedOutAsLinks() throws IOException {
        var a = repo.tree().file("values.yaml", "replicas: 2\n");
        var b = repo.tree().symlink("values.yaml", "../a/values.yaml").symlink("dangling.yaml", "../nowhere.yaml");
        String sha = repo.tree().tree("a", a).tree("b", b).symlink("dir", "a").symlink("chain", "dir/values.yaml")
                .symlink("self", ".").symlink("round", "self/a/../b/values.yaml")
                .gitlink("vendor", "0123456789abcdef0123456789abcdef01234567").commit("inside links");

        Checkout checkout = source.checkout(repo.url(), "main");

        Path root = checkout.directory();
        assertThat(checkout.revision()).isEqualTo(sha);
        assertThat(Files.isSymbolicLink(root.resolve("b/values.yaml"))).isTrue();
        assertThat(root.resolve("b/values.yaml")).hasContent("replicas: 2");
        assertThat(root.resolve("chain")).hasContent("replicas: 2");
        assertThat(root.resolve("round")).hasContent("replicas: 2");
        assertThat(Files.isSymbolicLink(root.resolve("b/dangling.yaml"))).isTrue();
        assertThat(root.resolve("vendor")).doesNotExist();
    }

    @Test
    void executableFilesKeepTheirExecutableBitAndOthersDoNot() {
        repo.tree().executable("generate.sh", "#!/bin/sh\necho ok\n").file("app.yaml", "kind: ConfigMap\n").commit("modes");

        Path root = source.checkout(repo.url(), "main").directory();

        assertThat(Files.isExecutable(root.resolve("generate.sh"))).isTrue();
        assertThat(Files.isExecutable(root.resolve("app.yaml"))).isFalse();
    }

    @Test
    void aRefusedCommitIsRefusedAgainAndNeverCached() {
        String sha = repo.tree().symlink("secrets", outside.toString()).commit("absolute link");

        assertRefused(sha);
        assertRefused(sha);
        assertThatThrownBy(() -> source.checkout(repo.url(), sha)).isInstanceOf(GitException.class);
        assertNothingExtracted();
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String sha) {
        var refusal = assertThatThrownBy(() -> source.checkout(repo.url(), "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot check out " + repo.url() + " at 'main' (" + sha.substring(0, 7) + "): ");
        assertNothingExtracted();
        return refusal;
    }

    private void assertNothingExtracted() {
        Path checkouts = temp.resolve("cache/checkouts");
        if (Files.exists(checkouts)) {
            try (Stream<Path> left = Files.list(checkouts)) {
                assertThat(left).as("folders left in the Git cache's checkouts").isEmpty();
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static Map<String, String> snapshot(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.toList()) {
                String name = folder.relativize(path).toString();
                files.put(name, Files.isRegularFile(path) ? Files.readString(path) : "<" + Files.isDirectory(path) + ">");
            }
        }
        return files;
    }
}
