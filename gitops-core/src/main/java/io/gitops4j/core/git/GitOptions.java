package io.gitops4j.core.git;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits and timings of the Git cache ({@link GitSource}); every duration is measured on the
 * source's clock.
 *
 * @param timeout how long one network operation ({@code ls-remote} or fetch) may go without an
 *     answer from the server (JGit's transport timeout, whole seconds, at least 1); default 90 s,
 *     as Argo CD's {@code ARGOCD_EXEC_TIMEOUT}
 * @param lsRemoteReuse how long the refs one {@code ls-remote} of a repository listed answer for
 *     every application of that repository, so a round of many applications costs one
 *     {@code ls-remote} per repository; default 5 s; {@link Duration#ZERO} asks every time.
 *     {@link GitSource#refresh(String)} forgets them at once (for webhooks)
 * @param checkoutRetention how long a checkout (the files of one commit) is kept after its last
 *     use; default 1 hour
 * @param maxCheckouts how many checkouts are kept at most, in use or not; beyond it the least
 *     recently used ones not in use are deleted first; default 500
 * @param repositoryRetention how long the bare cache of a repository is kept after its last
 *     use; default 7 days
 * @param cleanupInterval how often a checkout triggers a cleanup by itself; default 10 minutes
 *     ({@link GitSource#cleanup()} runs one now)
 */
public record GitOptions(Duration timeout, Duration lsRemoteReuse, Duration checkoutRetention, int maxCheckouts,
        Duration repositoryRetention, Duration cleanupInterval) {

    /**
     * Checks every limit.
     *
     * @param timeout how long one network operation ({@code ls-remote} or fetch) may go without an answer
     *     from the server (JGit's transport timeout, whole seconds, at least 1); default 90 s, as Argo CD's
     *     {@code ARGOCD_EXEC_TIMEOUT}
     * @param lsRemoteReuse how long the refs one {@code ls-remote} of a repository listed answer for every
     *     application of that repository, so a round of many applications costs one {@code ls-remote} per
     *     repository; default 5 s; {@link Duration#ZERO} asks every time. {@link GitSource#refresh(String)}
     *     forgets them at once (for webhooks)
     * @param checkoutRetention how long a checkout (the files of one commit) is kept after its last use;
     *     default 1 hour
     * @param maxCheckouts how many checkouts are kept at most, in use or not; beyond it the least recently
     *     used ones not in use are deleted first; default 500
     * @param repositoryRetention how long the bare cache of a repository is kept after its last use;
     *     default 7 days
     * @param cleanupInterval how often a checkout triggers a cleanup by itself; default 10 minutes ({@link
     *     GitSource#cleanup()} runs one now)
     * @throws IllegalArgumentException when a duration is negative or zero ({@code lsRemoteReuse} may be
     *     zero) or {@code maxCheckouts} is below 1
     */
    public GitOptions {
        requirePositive(timeout, "timeout");
        Objects.requireNonNull(lsRemoteReuse, "lsRemoteReuse");
        if (lsRemoteReuse.isNegative()) {
            throw new IllegalArgumentException("lsRemoteReuse must not be negative: " + lsRemoteReuse);
        }
        requirePositive(checkoutRetention, "checkoutRetention");
        requirePositive(repositoryRetention, "repositoryRetention");
        requirePositive(cleanupInterval, "cleanupInterval");
        if (maxCheckouts < 1) {
            throw new IllegalArgumentException("maxCheckouts must be at least 1: " + maxCheckouts);
        }
    }

    /**
     * The defaults named above.
     *
     * @return 90 s timeout, 5 s ls-remote reuse, 1 hour checkout retention, 500 checkouts, 7 days
     *     repository retention, a cleanup every 10 minutes
     */
    public static GitOptions defaults() {
        return new GitOptions(Duration.ofSeconds(90), Duration.ofSeconds(5), Duration.ofHours(1), 500,
                Duration.ofDays(7), Duration.ofMinutes(10));
    }

    /**
     * The same options with another timeout.
     *
     * @param value how long one network operation may go without an answer, at least 1 s
     * @return a copy of these options with {@code value}
     */
    public GitOptions withTimeout(Duration value) {
        return new GitOptions(value, lsRemoteReuse, checkoutRetention, maxCheckouts, repositoryRetention, cleanupInterval);
    }

    /**
     * The same options with another reuse time of ls-remote answers.
     *
     * @param value how long one listing of a repository's refs answers; zero asks every time
     * @return a copy of these options with {@code value}
     */
    public GitOptions withLsRemoteReuse(Duration value) {
        return new GitOptions(timeout, value, checkoutRetention, maxCheckouts, repositoryRetention, cleanupInterval);
    }

    /**
     * The same options with another checkout retention.
     *
     * @param value how long a checkout is kept after its last use
     * @return a copy of these options with {@code value}
     */
    public GitOptions withCheckoutRetention(Duration value) {
        return new GitOptions(timeout, lsRemoteReuse, value, maxCheckouts, repositoryRetention, cleanupInterval);
    }

    /**
     * The same options with another checkout limit.
     *
     * @param value how many checkouts are kept at most, at least 1
     * @return a copy of these options with {@code value}
     */
    public GitOptions withMaxCheckouts(int value) {
        return new GitOptions(timeout, lsRemoteReuse, checkoutRetention, value, repositoryRetention, cleanupInterval);
    }

    /**
     * The same options with another repository retention.
     *
     * @param value how long a bare cache is kept after its last use
     * @return a copy of these options with {@code value}
     */
    public GitOptions withRepositoryRetention(Duration value) {
        return new GitOptions(timeout, lsRemoteReuse, checkoutRetention, maxCheckouts, value, cleanupInterval);
    }

    /**
     * The same options with another cleanup interval.
     *
     * @param value how often a checkout triggers a cleanup by itself
     * @return a copy of these options with {@code value}
     */
    public GitOptions withCleanupInterval(Duration value) {
        return new GitOptions(timeout, lsRemoteReuse, checkoutRetention, maxCheckouts, repositoryRetention, value);
    }

    /** The timeout in whole seconds for JGit, rounded up. */
    int timeoutSeconds() {
        long seconds = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }
}
