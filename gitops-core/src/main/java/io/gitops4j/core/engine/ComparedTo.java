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
 */
public record ComparedTo(ApplicationSource source, ApplicationDestination destination,
        List<IgnoreRule> ignoreDifferences) {

    public ComparedTo {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        ignoreDifferences = List.copyOf(ignoreDifferences);
    }
}
