package io.gitops4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.gitops4j.kube.Yaml;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The table of {@code gitops app history}, as {@code argocd app history} prints it. */
class AppHistoryCommandTest {

    private final AppHistoryCommand command = new AppHistoryCommand();

    {
        command.zone = ZoneId.of("UTC");
    }

    @Test
    void oneTablePerRepositoryTheCommitAfterTheTargetRevisionAndNoCredentials() {
        String history = """
                - id: 0
                  revision: 0123456789abcdef0123456789abcdef01234567
                  deployedAt: "2026-11-22T12:00:00Z"
                  source:
                    repoURL: https://alice:s3cret@git.example.com/shop.git
                    path: app
                    targetRevision: HEAD
                - id: 11
                  revisions:
                  - 89abcdef0123456789abcdef0123456789abcdef
                  - 1.2.3
                  deployedAt: "2026-11-22T13:30:05Z"
                  sources:
                  - repoURL: https://alice:s3cret@git.example.com/shop.git
                    path: app
                    targetRevision: main
                  - repoURL: https://charts.example.com
                    chart: redis
                    targetRevision: 1.2.3
                """;

        String table = command.table(Yaml.readValue(history, "history"));

        assertThat(table).doesNotContain("s3cret").isEqualTo("""
                SOURCE  https://***@git.example.com/shop.git
                ID      DATE                           REVISION
                0       2026-11-22 12:00:00 +0000 UTC  HEAD (0123456)
                11      2026-11-22 13:30:05 +0000 UTC  main (89abcde)

                SOURCE  https://charts.example.com
                ID      DATE                           REVISION
                11      2026-11-22 13:30:05 +0000 UTC  1.2.3
                """);
    }
}
