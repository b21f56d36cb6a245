package io.gitops4j.core.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A webhook's repository URL against the spellings applications use, as Argo CD's webhook matches them. */
class RepositoryUrlMatchTest {

    @ParameterizedTest(name = "{1} pushed, app {0}: {2}")
    @CsvSource({
        "https://github.com/example-org/guestbook,          https://github.com/example-org/guestbook, true",
        "https://github.com/example-org/guestbook.git,      https://github.com/example-org/guestbook, true",
        "https://GitHub.com/Example-Org/Guestbook,          https://github.com/example-org/guestbook, true",
        "http://github.com/example-org/guestbook,           https://github.com/example-org/guestbook, true",
        "git@github.com:example-org/guestbook.git,          https://github.com/example-org/guestbook, true",
        "ssh://git@github.com/example-org/guestbook.git,    https://github.com/example-org/guestbook, true",
        "ssh://git@ssh.github.com:443/example-org/guestbook, https://github.com/example-org/guestbook, true",
        "ssh://git@altssh.gitlab.com:443/group/app.git,     https://gitlab.com/group/app, true",
        "https://token@github.com/example-org/guestbook,    https://github.com/example-org/guestbook, true",
        "https://github.com/example-org/guestbook-prod,     https://github.com/example-org/guestbook, false",
        "https://github.com/example-org/other,              https://github.com/example-org/guestbook, false",
        "https://github.com/fork/guestbook,                 https://github.com/example-org/guestbook, false",
        "https://evil.example.com/github.com/example-org/guestbook, https://github.com/example-org/guestbook, false",
        "git@github.com.evil.example:example-org/guestbook, https://github.com/example-org/guestbook, false",
        "ssh://git@bitbucket.example.com:7999/plat/guestbook.git, ssh://git@bitbucket.example.com:7999/plat/guestbook.git, true",
        "https://bitbucket.example.com/scm/plat/guestbook,  https://bitbucket.example.com/scm/plat/guestbook.git, true",
        "git@github.com:example-org/guestbook.git,          git@github.com:example-org/guestbook, true",
        "/srv/git/guestbook,                                /srv/git/guestbook, true",
        "/srv/git/guestbook,                                https://github.com/example-org/guestbook, false",
    })
    void matchesAsArgoCdsWebhook(String appRepoURL, String pushedURL, boolean expected) {
        assertThat(RepositoryUrlMatch.matches(appRepoURL, pushedURL)).isEqualTo(expected);
    }
}
