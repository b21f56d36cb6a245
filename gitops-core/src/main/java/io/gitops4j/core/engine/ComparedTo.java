package io.gitops4j.core.engine;

import io.gitops4j.core.model.ApplicationDestination;
import io.gitops4j.core.model.ApplicationSource;
import io.gitops4j.diff.ignore.IgnoreRule;
import java.util.List;
import java.util.Objects;

/**
 * What a comparison compared the cluster with, Argo CD's {@code status.sync.comparedTo}.
 *
 * @param source the source rendered
 * @param destination the destination compared
 * @param ignoreDifferences the application's ignoreDifferences rules in force
 * @param sources the sources rendered, for an application with several ({@code comparedTo.sources});
 *     empty for one
 */
public record ComparedTo(ApplicationSource source, ApplicationDestination destination,
        List<IgnoreRule> ignoreDifferences, List<ApplicationSource> sources) {

    /**
     * Requires the source and destination and copies the lists.
     *
     * @param source the source rendered
     * @param destination the destination compared
     * @param ignoreDifferences the application's ignoreDifferences rules in force
     * @param sources the sources rendered, for an application with several ({@code comparedTo.sources});
     *     empty for one
     */
    public ComparedTo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        ignoreDifferences = List.copyOf(ignoreDifferences);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * What an application with one source was compared with.
     *
     * @param source the source rendered
     * @param destination the destination compared
     * @param ignoreDifferences the application's ignoreDifferences rules in force
     */
    public ComparedTo(ApplicationSource source, ApplicationDestination destination, List<IgnoreRule> ignoreDifferences) {
        this(source, destination, ignoreDifferences, List.of());
    }
}
