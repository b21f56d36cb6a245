package io.gitops4j.core.git;

import java.util.List;

/**
 * What one {@link GitSource#cleanup()} did.
 *
 * @param checkouts what happened to the checkouts
 * @param deletedRepositories the folder names of the bare caches deleted (unused for the
 *     repository retention time)
 */
public record CleanupReport(Checkouts checkouts, List<String> deletedRepositories) {

    /**
     * Copies the list.
     *
     * @param checkouts what happened to the checkouts
     * @param deletedRepositories the folder names of the bare caches deleted (unused for the repository
     *     retention time)
     */
    public CleanupReport {
        deletedRepositories = List.copyOf(deletedRepositories);
    }

    /**
     * @param deleted the commits whose checkouts were deleted
     * @param keptInUse the commits whose checkouts were due but kept, in use by a lease
     * @param remaining how many checkouts remain
     */
    public record Checkouts(List<String> deleted, List<String> keptInUse, int remaining) {

        /**
         * Copies both lists.
         *
         * @param deleted the commits whose checkouts were deleted
         * @param keptInUse the commits whose checkouts were due but kept, in use by a lease
         * @param remaining how many checkouts remain
         */
        public Checkouts {
            deleted = List.copyOf(deleted);
            keptInUse = List.copyOf(keptInUse);
        }
    }
}
