package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Revisions resolved over tags made in the test, with the cases of Argo CD's
 * {@code Test_SemverTags} (util/git/client_test.go).
 */
class RevisionResolutionTest {

    @TempDir
    Path temp;

    private LocalRepository repo;
    private GitSource source;
    private final Map<String, String> tagged = new LinkedHashMap<>();

    @BeforeEach
    void setUp() {
        repo = LocalRepository.init(temp.resolve("origin"));
        int i = 0;
        for (String tag : new String[] {"v1.0.0-rc1", "v1.0.0-rc2", "v1.0.0", "v1.0", "v1.0.1", "v1.1.0", "2024-apple",
            "2024-banana"}) {
            String sha = repo.write("n.txt", String.valueOf(i++)).commit(tag + " commit");
            if (tag.equals("v1.0.1")) {
                repo.annotatedTag(tag, "an annotated tag");
            } else {
                repo.tag(tag);
            }
            tagged.put(tag, sha);
        }
        source = new GitSource(temp.resolve("cache"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "v1.0.0-rc1       | v1.0.0-rc1",
        "< v1.0.0-rc3     | v1.0.0-rc2",
        "v1.0.0           | v1.0.0",
        "v1.0.1           | v1.0.1",
        "v1.1.0           | v1.1.0",
        "v1.0.*           | v1.0.1",
        "~v1.0.0          | v1.0.1",
        "v1.*             | v1.1.0",
        "v1.x             | v1.1.0",
        ">= v1.0.0        | v1.1.0",
        "> v1.0.0 < v1.1.0 | v1.0.1",
        "v1.0             | v1.0",
        "2024-apple       | 2024-apple",
        "2024-banana      | 2024-banana",
        "> 2024.0.0-apple | 2024-banana",
        "^1.0             | v1.1.0",
        ">=1.0.0 <2.0.0   | v1.1.0",
        "~1.0             | v1.0.1",
    })
    void resolvesAsArgoCd(String revision, String tag) {
        ResolvedRevision resolved = source.resolve(repo.url(), revision.strip());

        assertThat(resolved.commit()).isEqualTo(tagged.get(tag));
        assertThat(source.checkout(repo.url(), revision.strip()).revision()).isEqualTo(tagged.get(tag));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "v1.1             | it is not a branch, a tag or a commit there",
        "2024.0.0-apple   | it is not a branch, a tag or a commit there",
        "> 2024-apple     | no tag matches the semantic version constraint '> 2024-apple' (8 tags)",
        "v9.*             | no tag matches the semantic version constraint 'v9.*' (8 tags)",
    })
    void refusesAsArgoCd(String revision, String reason) {
        assertThatThrownBy(() -> source.resolve(repo.url(), revision.strip()))
                .isInstanceOf(GitException.class)
                .hasMessage("revision '" + revision.strip() + "' not found in " + repo.url() + ": " + reason);
    }

    @Test
    void aBranchNamedLikeAConstraintIsUsedWhenNoTagMatches() {
        repo.newBranch("9.x");
        String onBranch = repo.write("n.txt", "branch").commit("on 9.x");

        assertThat(source.resolve(repo.url(), "9.x").commit()).isEqualTo(onBranch);
        assertThat(source.resolve(repo.url(), "refs/heads/9.x").ref()).isEqualTo("refs/heads/9.x");
    }

    @Test
    void headAndEmptyAreTheDefaultBranchAndShortShasNeedSevenDigits() {
        String head = tagged.get("2024-banana");

        assertThat(source.resolve(repo.url(), "HEAD")).isEqualTo(new ResolvedRevision(repo.url(), "HEAD", head, "HEAD"));
        assertThat(source.resolve(repo.url(), "").commit()).isEqualTo(head);
        assertThat(source.resolve(repo.url(), head.substring(0, 7)).commit()).isEqualTo(head);
        assertThat(source.resolve(repo.url(), head.toUpperCase()).commit()).isEqualTo(head);
        assertThatThrownBy(() -> source.resolve(repo.url(), head.substring(0, 6))).isInstanceOf(GitException.class);
    }
}
