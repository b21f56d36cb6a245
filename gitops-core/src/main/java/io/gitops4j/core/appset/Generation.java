package io.gitops4j.core.appset;

import java.util.List;

/**
 * What one generation of one ApplicationSet shares: the set, the clusters, the repositories,
 * the limits and the string renderer.
 */
final class Generation {

    final ApplicationSet set;
    final List<Cluster> clusters;
    final boolean inClusterDefault;
    final RepositoryFiles repositories;
    final GenerationLimits limits;
    final boolean newGitFileGlobbing;
    final StringRenderer strings;
    final TreeRenderer trees;

    Generation(ApplicationSet set, List<Cluster> clusters, boolean inClusterDefault, RepositoryFiles repositories,
            GenerationLimits limits, boolean newGitFileGlobbing, StringRenderer strings) {
        this.set = set;
        this.clusters = clusters;
        this.inClusterDefault = inClusterDefault;
        this.repositories = repositories;
        this.limits = limits;
        this.newGitFileGlobbing = newGitFileGlobbing;
        this.strings = strings;
        this.trees = new TreeRenderer(strings);
    }

    boolean goTemplate() {
        return set.goTemplate();
    }

    /** An error about a generator, naming the set and the generator's path. */
    ApplicationSetException error(String generator, String message) {
        return new ApplicationSetException("ApplicationSet " + set.qualifiedName() + ": " + generator + ": " + message);
    }

    /** Fails when a generator produced more parameter sets than allowed. */
    void checkCount(long count, String generator) {
        if (count > limits.maxParameterSets()) {
            throw error(generator, "produces " + count + " parameter sets, more than the limit of "
                    + limits.maxParameterSets() + "; narrow the generator or raise GenerationLimits.maxParameterSets");
        }
    }
}
