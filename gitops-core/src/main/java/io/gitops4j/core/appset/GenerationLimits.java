package io.gitops4j.core.appset;

/**
 * Bounds on one generation of an ApplicationSet, so that a hostile or mistaken set fails with a
 * clear error instead of exhausting the controller.
 *
 * @param maxParameterSets the most parameter sets one generator (including a matrix's product)
 *     may produce, and the most Applications a set may generate
 * @param maxNesting how deep matrix and merge generators may nest (Argo CD allows a matrix or
 *     merge inside a top-level one: 2)
 * @param maxTemplateOutput the most characters one rendered string may have
 * @param maxTemplateSteps the most steps one Go template may take
 * @param maxFiles the most files a git files generator may read
 * @param maxFileSize the largest file (in bytes) a git files generator reads
 */
public record GenerationLimits(int maxParameterSets, int maxNesting, int maxTemplateOutput, long maxTemplateSteps,
        int maxFiles, long maxFileSize) {

    /**
     * Checks that every limit is positive.
     *
     * @param maxParameterSets the most parameter sets one generator (including a matrix's product) may
     *     produce, and the most Applications a set may generate
     * @param maxNesting how deep matrix and merge generators may nest (Argo CD allows a matrix or merge
     *     inside a top-level one: 2)
     * @param maxTemplateOutput the most characters one rendered string may have
     * @param maxTemplateSteps the most steps one Go template may take
     * @param maxFiles the most files a git files generator may read
     * @param maxFileSize the largest file (in bytes) a git files generator reads
     * @throws IllegalArgumentException when a limit is below 1
     */
    public GenerationLimits {
        if (maxParameterSets < 1 || maxNesting < 1 || maxTemplateOutput < 1 || maxTemplateSteps < 1 || maxFiles < 1
                || maxFileSize < 1) {
            throw new IllegalArgumentException("generation limits must be positive");
        }
    }

    /**
     * {@return the default limits: 10,000 parameter sets, nesting 2, 256 KiB per rendered string, a
     * million template steps, 10,000 files of at most 1 MiB}
     */
    public static GenerationLimits defaults() {
        return new GenerationLimits(10_000, 2, 256 * 1024, 1_000_000, 10_000, 1 << 20);
    }

    /**
     * The same limits with another number of parameter sets.
     *
     * @param value the most parameter sets one generator may produce, at least 1
     * @return a copy of these limits with {@code value}
     */
    public GenerationLimits withMaxParameterSets(int value) {
        return new GenerationLimits(value, maxNesting, maxTemplateOutput, maxTemplateSteps, maxFiles, maxFileSize);
    }

    /**
     * The same limits with another nesting depth.
     *
     * @param value how deep matrix and merge generators may nest, at least 1
     * @return a copy of these limits with {@code value}
     */
    public GenerationLimits withMaxNesting(int value) {
        return new GenerationLimits(maxParameterSets, value, maxTemplateOutput, maxTemplateSteps, maxFiles, maxFileSize);
    }

    /**
     * The same limits with another output size.
     *
     * @param value the most characters one rendered string may have, at least 1
     * @return a copy of these limits with {@code value}
     */
    public GenerationLimits withMaxTemplateOutput(int value) {
        return new GenerationLimits(maxParameterSets, maxNesting, value, maxTemplateSteps, maxFiles, maxFileSize);
    }

    /**
     * The same limits with another number of files.
     *
     * @param value the most files a git files generator may read, at least 1
     * @return a copy of these limits with {@code value}
     */
    public GenerationLimits withMaxFiles(int value) {
        return new GenerationLimits(maxParameterSets, maxNesting, maxTemplateOutput, maxTemplateSteps, value, maxFileSize);
    }

    /**
     * The same limits with another file size.
     *
     * @param value the largest file in bytes a git files generator reads, at least 1
     * @return a copy of these limits with {@code value}
     */
    public GenerationLimits withMaxFileSize(long value) {
        return new GenerationLimits(maxParameterSets, maxNesting, maxTemplateOutput, maxTemplateSteps, maxFiles, value);
    }
}
