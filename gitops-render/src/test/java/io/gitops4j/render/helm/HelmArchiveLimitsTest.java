package io.gitops4j.render.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gitops4j.render.source.RepositoryRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Packaged charts are bounded ({@link HelmLimits}): each limit refuses a hostile archive built
 * here, before its content is read, and the chart's temporary directory is gone afterwards,
 * whatever failed.
 */
class HelmArchiveLimitsTest {

    private static final String CHART = "apiVersion: v2\nname: %s\nversion: 0.1.0\n";
    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n";
    private static final HelmOptions OPTIONS = HelmOptions.DEFAULTS.withReleaseName("shop");

    @TempDir
    Path temp;
    private Path repo;
    private Path work;
    private HelmRenderer helm;

    @BeforeEach
    void chart() throws IOException {
        repo = Files.createDirectories(temp.resolve("repo"));
        work = temp.resolve("work");
        write("chart/Chart.yaml", CHART.formatted("app"));
        write("chart/templates/cm.yaml", CONFIG_MAP.formatted("app"));
    }

    @AfterEach
    void stop() {
        if (helm != null) {
            helm.close();
        }
    }

    @Test
    void anEntryOverTheFileLimitIsRefused() throws IOException {
        subChart().file("sub/templates/big.yaml", "#".repeat(2048)).writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS.withMaxFileBytes(1024), "the file chart/charts/sub.tgz/sub/templates/big.yaml "
                + "of the chart chart is 2048 bytes, more than the limit of 1024 (HelmLimits.maxFileBytes)");
    }

    @Test
    void entriesOverTheChartLimitTogetherAreRefused() throws IOException {
        TarBuilder archive = subChart();
        for (int i = 0; i < 8; i++) {
            archive.file("sub/files/f" + i, "#".repeat(1000));
        }
        archive.writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS.withMaxChartBytes(5000), "the chart chart is larger than the limit of 5000 "
                + "bytes uncompressed (at chart/charts/sub.tgz/sub/files/f");
    }

    @Test
    void tooManyEntriesAreRefused() throws IOException {
        TarBuilder archive = subChart();
        for (int i = 0; i < 50; i++) {
            archive.file("sub/files/f" + i, "x");
        }
        archive.writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS.withMaxFiles(30), "the chart chart has more than 30 files and directories");
    }

    @Test
    void subChartsNestedDeeperThanTheLimitAreRefusedAndWithinItTheyRender() throws IOException {
        byte[] c = new TarBuilder().file("c/Chart.yaml", CHART.formatted("c"))
                .file("c/templates/cm.yaml", CONFIG_MAP.formatted("c")).gzip();
        byte[] b = new TarBuilder().file("b/Chart.yaml", CHART.formatted("b")).file("b/charts/c.tgz", c).gzip();
        new TarBuilder().file("a/Chart.yaml", CHART.formatted("a")).file("a/charts/b.tgz", b)
                .writeTo(repo.resolve("chart/charts/a.tgz"));

        assertRefused(HelmLimits.DEFAULTS.withMaxNestingDepth(2), "the packaged sub-chart "
                + "chart/charts/a.tgz/charts/b.tgz/charts/c.tgz nests deeper than 2 archives; refusing it "
                + "(HelmLimits.maxNestingDepth)");
        helm = HelmRenderer.builder().temporaryDirectory(work).build();
        List<ObjectNode> objects = helm.render(RepositoryRoot.of(repo), "chart", OPTIONS);
        assertThat(objects).extracting(o -> o.at("/metadata/name").asText()).containsExactlyInAnyOrder("app", "c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "symbolic link | 2 | sub/templates/link.yaml | /etc/passwd | is a symbolic link",
        "hard link     | 1 | sub/templates/link.yaml | /etc/passwd | is a hard link",
        "parent dir    | 0 | sub/../../../escaped   |             | lies outside the chart",
        "absolute      | 0 | /tmp/escaped           |             | has an absolute path",
    })
    void linksAndEntriesOutsideTheChartAreRefused(String what, char type, String name, String target, String problem)
            throws IOException {
        TarBuilder archive = subChart();
        if (type == '0') {
            archive.file(name, "pwned");
        } else {
            archive.link(name, type, target);
        }
        archive.writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS, "the chart archive chart/charts/sub.tgz has an entry " + name + " that "
                + problem);
        assertThat(temp.resolve("escaped")).doesNotExist();
    }

    @Test
    void anEntryWhoseHeaderClaimsGigabytesIsRefusedWithoutReadingIt() throws IOException {
        Path archive = subChart().lyingFile("sub/templates/huge.yaml", 3L << 30, "tiny".getBytes())
                .writeTo(repo.resolve("chart/charts/sub.tgz"));
        assertThat(Files.size(archive)).isLessThan(1024);

        assertRefused(HelmLimits.DEFAULTS, "the file chart/charts/sub.tgz/sub/templates/huge.yaml of the chart chart is "
                + (3L << 30) + " bytes, more than the limit of 5242880 (HelmLimits.maxFileBytes)");
    }

    @Test
    void aBase256SizePast8GiBIsReadAndRefused() throws IOException {
        subChart().lyingBase256File("sub/templates/huge.yaml", 16L << 30, "tiny".getBytes())
                .writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS, "is " + (16L << 30) + " bytes, more than the limit of 5242880");
    }

    @Test
    void anEntryPast2GiBWithinRaisedLimitsIsStreamedNotCastToAnInt() throws IOException {
        subChart().lyingFile("sub/templates/huge.yaml", 3L << 30, "tiny".getBytes())
                .writeTo(repo.resolve("chart/charts/sub.tgz"));

        assertRefused(HelmLimits.DEFAULTS.withMaxFileBytes(4L << 30).withMaxChartBytes(8L << 30),
                "the chart archive chart/charts/sub.tgz ends in the middle of the entry sub/templates/huge.yaml");
    }

    @Test
    void aPackagedChartFromAChartRepositoryIsBoundedToo() throws IOException {
        Path archive = new TarBuilder().file("app/Chart.yaml", CHART.formatted("app"))
                .lyingFile("app/templates/huge.yaml", 3L << 30, new byte[0]).writeTo(temp.resolve("app-0.1.0.tgz"));
        HelmRenderer bounded = HelmRenderer.builder().temporaryDirectory(work).build();

        assertThatThrownBy(() -> bounded.renderPackaged(archive, OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining("the file app-0.1.0.tgz/app/templates/huge.yaml of the chart app-0.1.0.tgz is");
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void anArchiveThatIsNotGzipIsAClearError() throws IOException {
        write("chart/charts/sub.tgz", "not an archive");

        assertRefused(HelmLimits.DEFAULTS, "the chart archive chart/charts/sub.tgz is not a complete gzipped tar archive");
    }

    private TarBuilder subChart() {
        return new TarBuilder().directory("sub/").file("sub/Chart.yaml", CHART.formatted("sub"));
    }

    private void assertRefused(HelmLimits limits, String message) throws IOException {
        HelmRenderer bounded = HelmRenderer.builder().limits(limits).temporaryDirectory(work).build();
        assertThatThrownBy(() -> bounded.render(RepositoryRoot.of(repo), "chart", OPTIONS))
                .isInstanceOf(HelmException.class)
                .hasMessageContaining(message);
        assertThat(leftovers()).as("the chart's temporary directory is removed").isEmpty();
    }

    private List<Path> leftovers() throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(work)) {
            return entries.toList();
        }
    }

    private void write(String path, String content) throws IOException {
        Path file = repo.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
