package io.gitops4j.render.helm;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a chart may cost to template: the files of a chart (a chart directory copied from the
 * repository, a packaged chart and every packaged sub-chart unpacked from it, together), how deeply
 * packaged sub-charts may nest, how much output {@code helm template} may print and how long it may
 * take. A chart over any limit is refused with a {@link HelmException} naming the chart, the file
 * and the limit, before the work is done: archive entries are checked against their declared size
 * before they are read, and streamed to disk, never held in memory.
 *
 * <p>The defaults follow Helm's own loader (5 MiB per file, 100 MiB per chart), which helm-java
 * applies as well: raising the file and chart limits above them changes nothing for the templating
 * itself.
 *
 * @param maxFileBytes the largest file or archive entry, uncompressed
 * @param maxChartBytes all files of a chart together, uncompressed, sub-charts included
 * @param maxFiles how many files, directories and archive entries a chart may have, sub-charts
 *     included
 * @param maxNestingDepth how deeply packaged sub-charts may nest: 1 allows {@code charts/a.tgz},
 *     2 also {@code charts/b.tgz} inside it, and so on
 * @param maxOutputBytes the largest output {@code helm template} may print
 * @param timeout how long templating one chart may take before it is stopped
 */
public record HelmLimits(long maxFileBytes, long maxChartBytes, int maxFiles, int maxNestingDepth,
        long maxOutputBytes, Duration timeout) {

    /** 5 MiB per file, 100 MiB and 10,000 files per chart, sub-charts 5 deep, 100 MiB of output, 90 s. */
    public static final HelmLimits DEFAULTS = new HelmLimits(5L << 20, 100L << 20, 10_000, 5, 100L << 20,
            Duration.ofSeconds(90));

    /**
     * Checks that every limit is positive.
     *
     * @param maxFileBytes the largest file or archive entry, uncompressed
     * @param maxChartBytes all files of a chart together, uncompressed, sub-charts included
     * @param maxFiles how many files, directories and archive entries a chart may have, sub-charts included
     * @param maxNestingDepth how deeply packaged sub-charts may nest: 1 allows {@code charts/a.tgz}, 2 also
     *     {@code charts/b.tgz} inside it, and so on
     * @param maxOutputBytes the largest output {@code helm template} may print
     * @param timeout how long templating one chart may take before it is stopped
     * @throws IllegalArgumentException naming the first limit that is not positive
     */
    public HelmLimits {
        positive(maxFileBytes, "maxFileBytes");
        positive(maxChartBytes, "maxChartBytes");
        positive(maxFiles, "maxFiles");
        if (maxNestingDepth < 0) {
            throw new IllegalArgumentException("maxNestingDepth must not be negative");
        }
        positive(maxOutputBytes, "maxOutputBytes");
        if (maxOutputBytes > Integer.MAX_VALUE - 8L) {
            throw new IllegalArgumentException("maxOutputBytes must be below 2 GiB");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /**
     * The same limits with another largest file.
     *
     * @param value the largest file, in bytes
     * @return the new limits
     */
    public HelmLimits withMaxFileBytes(long value) {
        return new HelmLimits(value, maxChartBytes, maxFiles, maxNestingDepth, maxOutputBytes, timeout);
    }

    /**
     * The same limits with another largest chart.
     *
     * @param value the largest chart, in bytes, all files together
     * @return the new limits
     */
    public HelmLimits withMaxChartBytes(long value) {
        return new HelmLimits(maxFileBytes, value, maxFiles, maxNestingDepth, maxOutputBytes, timeout);
    }

    /**
     * The same limits with another number of files.
     *
     * @param value the largest number of files in a chart
     * @return the new limits
     */
    public HelmLimits withMaxFiles(int value) {
        return new HelmLimits(maxFileBytes, maxChartBytes, value, maxNestingDepth, maxOutputBytes, timeout);
    }

    /**
     * The same limits with another nesting depth of packaged sub-charts.
     *
     * @param value the deepest nesting of packaged sub-charts
     * @return the new limits
     */
    public HelmLimits withMaxNestingDepth(int value) {
        return new HelmLimits(maxFileBytes, maxChartBytes, maxFiles, value, maxOutputBytes, timeout);
    }

    /**
     * The same limits with another largest output.
     *
     * @param value the largest rendered output, in bytes
     * @return the new limits
     */
    public HelmLimits withMaxOutputBytes(long value) {
        return new HelmLimits(maxFileBytes, maxChartBytes, maxFiles, maxNestingDepth, value, timeout);
    }

    /**
     * The same limits with another time limit.
     *
     * @param value the longest a chart may take to render
     * @return the new limits
     */
    public HelmLimits withTimeout(Duration value) {
        return new HelmLimits(maxFileBytes, maxChartBytes, maxFiles, maxNestingDepth, maxOutputBytes, value);
    }

    private static void positive(long value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
