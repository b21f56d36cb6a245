package io.gitops4j.render.helm;

/**
 * What the files of one chart workspace have used of {@link HelmLimits}: every file, directory and
 * archive entry copied or unpacked for one templating, sub-charts included, is counted here before
 * it is written.
 */
final class ChartBudget {

    private final HelmLimits limits;
    private final String chart;
    private long bytes;
    private int files;

    /**
     * @param chart the chart, for messages (its path in the repository or its archive name)
     */
    ChartBudget(HelmLimits limits, String chart) {
        this.limits = limits;
        this.chart = chart;
    }

    HelmLimits limits() {
        return limits;
    }

    /** The chart, for messages. */
    String chart() {
        return chart;
    }

    /** Counts one file, directory or entry. */
    void addEntry(String name) {
        files++;
        if (files > limits.maxFiles()) {
            throw new HelmException("the chart " + chart + " has more than " + limits.maxFiles()
                    + " files and directories (at " + name + "); refusing it (HelmLimits.maxFiles)");
        }
    }

    /**
     * Counts the size of a file before it is written.
     *
     * @param size the size the file declares (an archive header, a directory entry)
     */
    void addBytes(String name, long size) {
        if (size > limits.maxFileBytes()) {
            throw new HelmException("the file " + name + " of the chart " + chart + " is " + size
                    + " bytes, more than the limit of " + limits.maxFileBytes() + " (HelmLimits.maxFileBytes)");
        }
        if (size > limits.maxChartBytes() - bytes) {
            throw new HelmException("the chart " + chart + " is larger than the limit of " + limits.maxChartBytes()
                    + " bytes uncompressed (at " + name + "; HelmLimits.maxChartBytes)");
        }
        bytes += size;
    }
}
