package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git repositories as sources of manifests, through JGit, with a cache shared by every
 * application, as Argo CD's repo server and Flux's source controller keep one.
 *
 * <p><b>One bare cache per repository</b> under {@code repos/}, whatever the spelling of its URL
 * (Argo CD's normalization: {@code https://GitHub.com/a/b} and {@code https://github.com/a/b.git}
 * are one repository). <b>ls-remote first</b>: resolving a revision lists the remote's refs once
 * (answers are reused by every application of the repository for
 * {@link GitOptions#lsRemoteReuse()}), and fetches only when the commit is not in the cache yet,
 * shallowly where it can ({@link Mirror}). Revisions are resolved as Argo CD resolves them:
 * branch, tag, full or abbreviated SHA, {@code HEAD}, and semantic version constraints on tags
 * ({@link RevisionResolver}). {@code https://}, {@code ssh://}, {@code git@host:path},
 * {@code file://} URLs and local paths all work; credentials come from
 * {@link RepositoryCredentials} by URL or URL prefix.
 *
 * <p><b>Checkouts</b>: the files of a commit are extracted once into {@code checkouts/<sha>} and
 * shared; {@link #lease} holds one in use, {@link #checkout} returns one without holding it (its
 * folder is then kept for {@link GitOptions#checkoutRetention()} after the call). {@link #cleanup()}
 * (also run by itself every {@link GitOptions#cleanupInterval()}) deletes checkouts not in use and
 * unused for the retention time or beyond the maximum count, and bare caches unused for
 * {@link GitOptions#repositoryRetention()}.
 *
 * <p><b>Concurrency</b>: safe for any number of threads, and for several processes (or
 * instances) sharing one cache folder: work on one repository is serialized by a lock on it held
 * across processes (an operating system record lock, {@link CacheLocks}), different repositories
 * proceed in parallel; checkouts appear by atomic rename and are leased with shared locks.
 *
 * <p><b>Failures</b> throw a {@link GitException} that names the repository without credentials;
 * nothing in the cache is deleted by a failure, so the last good checkout stays usable (by SHA,
 * {@link #checkout} needs no network when the commit is cached). A checkout never writes outside
 * its folder and refuses commits whose tree {@code git} would not write or whose symbolic links
 * leave the repository ({@link TreeExtractor}). Credentials never reach text: every message, log
 * line and exception is redacted ({@link CredentialRedactor}). Every network operation is bounded
 * by {@link GitOptions#timeout()} and counted in Argo CD's metrics ({@link GitMetrics}).
 */
public final class GitSource {

    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final Path mirrors;
    private final Path repositoryLocks;
    private final GitOptions options;
    private final Clock clock;
    private final CredentialRedactor redactor;
    private final GitTransport transport;
    private final CheckoutStore checkouts;
    private final ConcurrentMap<String, RemoteState> remotes = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastCleanup = new AtomicReference<>(Instant.MIN);
    private final AtomicBoolean cleaning = new AtomicBoolean();

    /** The refs last listed for one repository, and the lock that makes one ls-remote serve many callers. */
    private static final class RemoteState {
        final ReentrantLock lock = new ReentrantLock();
        volatile Optional<RemoteRefs> refs = Optional.empty();
    }

    /**
     * A source with no credentials, the default options and the system clock.
     *
     * @param cacheDirectory where bare caches and checkouts are kept; created when missing
     */
    public GitSource(Path cacheDirectory) {
        this(builder(cacheDirectory));
    }

    private GitSource(Builder builder) {
        Path cache = builder.cacheDirectory;
        this.mirrors = cache.resolve("repos");
        this.repositoryLocks = cache.resolve("locks").resolve("repositories.lock");
        this.options = builder.options;
        this.clock = builder.clock;
        this.redactor = new CredentialRedactor(builder.credentials);
        this.transport = new GitTransport(builder.credentials, new SshSessions(cache.resolve("ssh-home")), redactor,
                options, new GitMetrics(builder.meterRegistry), clock);
        this.checkouts = new CheckoutStore(cache.resolve("checkouts"), cache.resolve("locks").resolve("checkouts.lock"),
                clock);
    }

    /**
     * Starts configuring a source that keeps its cache in the folder (created when missing).
     *
     * @param cacheDirectory the folder of bare caches and checkouts
     * @return a new builder
     */
    public static Builder builder(Path cacheDirectory) {
        return new Builder(cacheDirectory);
    }

    /**
     * The commit a revision names now, without checking it out: one {@code ls-remote} (or a recent
     * one's answer, see {@link GitOptions#lsRemoteReuse()}); nothing is fetched unless the
     * revision is an abbreviated SHA or a tag the server does not peel. A full SHA is itself.
     *
     * @param repoURL the repository
     * @param targetRevision a branch, tag, commit SHA (full or abbreviated), {@code HEAD} (or empty), or a
     *     semantic version constraint on tags
     * @return the full commit SHA and the ref it resolved through
     * @throws GitException when the remote cannot be listed or the revision names nothing there
     */
    public ResolvedRevision resolve(String repoURL, String targetRevision) {
        return resolve(repoURL, targetRevision, Optional.empty());
    }

    /**
     * As {@link #resolve(String, String)}, reusing the refs of a listing made at or after
     * {@code refsListedSince} whatever {@link GitOptions#lsRemoteReuse()} says (local repositories
     * too), and listing them again when the last listing is older: so the application controller
     * lists each repository once per refresh round however many applications and revisions use
     * it. {@link #refresh(String)} still forgets the listing at once.
     *
     * @param repoURL the repository
     * @param targetRevision a branch, tag, commit SHA (full or abbreviated), {@code HEAD} (or empty), or a
     *     semantic version constraint on tags
     * @param refsListedSince the oldest listing that may be reused
     * @return the full commit SHA and the ref it resolved through
     */
    public ResolvedRevision resolve(String repoURL, String targetRevision, Instant refsListedSince) {
        return resolve(repoURL, targetRevision, Optional.of(Objects.requireNonNull(refsListedSince, "refsListedSince")));
    }

    private ResolvedRevision resolve(String repoURL, String targetRevision, Optional<Instant> refsListedSince) {
        RevisionResolver.Resolution resolution = commitResolution(repoURL, targetRevision,
                resolution(repoURL, targetRevision, refsListedSince));
        return new ResolvedRevision(Redaction.url(repoURL), targetRevision, resolution.value(), resolution.refName());
    }

    /**
     * The files of a commit {@link #resolve} answered, held in use until the lease is closed,
     * without listing the remote again: a commit not in the cache yet is fetched through the ref
     * it was resolved from (shallowly). When that ref moved on meanwhile, the lease holds the
     * commit it moved to ({@link Checkout#revision()} says which).
     *
     * @param repoURL the repository, as given to {@link #resolve} (with any credentials it carries)
     * @param resolved what {@link #resolve} answered for it
     * @return a lease on the commit's files; close it when done
     * @throws GitException as {@link #lease(String, String)}
     */
    public CheckoutLease lease(String repoURL, ResolvedRevision resolved) {
        return lease(repoURL, resolved.revision(), new RevisionResolver.Resolution(RevisionResolver.Kind.COMMIT,
                resolved.commit(), resolved.ref(), false, ""));
    }

    /**
     * Whether two URLs name one repository, as Argo CD compares them ({@code git.SameURL}: case of
     * the host, a {@code .git} suffix, {@code git@host:path} and {@code ssh://git@host/path}, a
     * trailing slash); credentials in either are ignored.
     *
     * @param repoURL a repository URL
     * @param otherURL another repository URL
     * @return {@code true} when both name the same repository
     */
    public static boolean sameRepository(String repoURL, String otherURL) {
        return RepoUrls.identity(repoURL).equals(RepoUrls.identity(otherURL));
    }

    /**
     * The commit's files, held in use until the lease is closed: no cleanup deletes them meanwhile.
     *
     * @param repoURL the repository
     * @param targetRevision a branch, tag, commit SHA (full or abbreviated), {@code HEAD} (or
     *     empty), or a semantic version constraint on tags ({@code 1.2.*}, {@code >=1.0.0 <2.0.0})
     * @return a lease on the commit's files; close it when done
     * @throws GitException when the repository cannot be fetched, the revision does not exist, or
     *     the commit holds entries a checkout refuses to write (then nothing is left in the cache)
     */
    public CheckoutLease lease(String repoURL, String targetRevision) {
        return lease(repoURL, targetRevision, commitResolution(repoURL, targetRevision,
                resolution(repoURL, targetRevision, Optional.empty())));
    }

    private CheckoutLease lease(String repoURL, String targetRevision, RevisionResolver.Resolution resolved) {
        RevisionResolver.Resolution resolution = resolved;
        for (int attempt = 0; attempt < 3; attempt++) {
            String sha = resolution.value();
            CacheLocks.Held held = acquire(repoURL, targetRevision, () -> checkouts.lease(sha));
            try {
                RevisionResolver.Resolution wanted = resolution;
                Object found = withMirror(repoURL, targetRevision, mirror -> {
                    ObjectId commit = mirror.ensure(wanted);
                    return commit.name().equals(sha) ? materialize(mirror, commit, repoURL, targetRevision) : commit.name();
                });
                if (found instanceof Checkout checkout) {
                    checkouts.touch(checkout.directory());
                    maybeCleanup();
                    return new CheckoutLease(checkout, () -> {
                        checkouts.touch(checkout.directory());
                        held.close();
                    });
                }
                held.close();
                LOG.debug("{} of {} moved on to {} while it was fetched", targetRevision, redactor.text(repoURL, repoURL), found);
                resolution = new RevisionResolver.Resolution(RevisionResolver.Kind.COMMIT, (String) found,
                        resolution.refName(), false, "");
            } catch (RuntimeException e) {
                held.close();
                throw e;
            }
        }
        throw new GitException(repoURL, targetRevision, redactor.text("'" + targetRevision + "' of " + repoURL
                + " kept moving while it was fetched; try again", repoURL), null);
    }

    /** The resolution with the commit SHA itself: abbreviated SHAs and unpeeled tags are looked up in the cache. */
    private RevisionResolver.Resolution commitResolution(String repoURL, String targetRevision,
            RevisionResolver.Resolution resolution) {
        if (resolution.kind() == RevisionResolver.Kind.COMMIT && !resolution.peel()) {
            return resolution;
        }
        String commit = withMirror(repoURL, targetRevision, mirror -> mirror.ensure(resolution).name());
        return new RevisionResolver.Resolution(RevisionResolver.Kind.COMMIT, commit, resolution.refName(), false, "");
    }

    /**
     * The commit's files, as {@link #lease} returns them, without holding them: the folder is
     * kept at least {@link GitOptions#checkoutRetention()} after this call, then may be deleted
     * by a cleanup. For work that takes long, use {@link #lease}.
     *
     * @param repoURL the repository
     * @param targetRevision a branch, tag, commit SHA (full or abbreviated), {@code HEAD} (or empty), or a
     *     semantic version constraint on tags
     * @return the commit's files
     */
    public Checkout checkout(String repoURL, String targetRevision) {
        try (CheckoutLease lease = lease(repoURL, targetRevision)) {
            return lease.checkout();
        }
    }

    /**
     * Forgets the refs last listed for the repository, so the next call asks the remote (a webhook said it
     * moved).
     *
     * @param repoURL the repository
     */
    public void refresh(String repoURL) {
        remotes.remove(RepoUrls.normalize(repoURL));
    }

    /**
     * Deletes now what the cache no longer needs: checkouts not in use that are unused for
     * {@link GitOptions#checkoutRetention()} or beyond {@link GitOptions#maxCheckouts()} (least
     * recently used first), and bare caches not in use and unused for
     * {@link GitOptions#repositoryRetention()}. Never one in use, by this process or another.
     *
     * @return what was deleted and what was kept in use
     */
    public CleanupReport cleanup() {
        Instant now = clock.instant();
        lastCleanup.set(now);
        try {
            CleanupReport.Checkouts deleted = checkouts.cleanup(now.minus(options.checkoutRetention()),
                    options.maxCheckouts());
            return new CleanupReport(deleted, cleanRepositories(now.minus(options.repositoryRetention())));
        } catch (IOException e) {
            throw new GitException("", "", "cannot clean the Git cache: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException("", "", "interrupted while cleaning the Git cache", e);
        }
    }

    private List<String> cleanRepositories(Instant expiredBefore) throws IOException, InterruptedException {
        List<String> deleted = new ArrayList<>();
        if (!Files.isDirectory(mirrors)) {
            return deleted;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(mirrors)) {
            for (Path mirror : entries) {
                String name = mirror.getFileName().toString();
                if (name.startsWith(".trash-")) {
                    FileTrees.deleteQuietly(mirror);
                    continue;
                }
                if (!Mirror.lastUsed(mirror).isBefore(expiredBefore)) {
                    continue;
                }
                Optional<CacheLocks.Held> lock = CacheLocks.tryExclusive(repositoryLocks, name);
                if (lock.isPresent()) {
                    try {
                        // used meanwhile by a process that held the lock: keep it
                        if (Mirror.lastUsed(mirror).isBefore(expiredBefore)) {
                            Path trash = mirrors.resolve(".trash-" + name + "-" + UUID.randomUUID());
                            Files.move(mirror, trash, StandardCopyOption.ATOMIC_MOVE);
                            FileTrees.deleteQuietly(trash);
                            deleted.add(name);
                        }
                    } finally {
                        lock.get().close();
                    }
                }
            }
        }
        return deleted;
    }

    private void maybeCleanup() {
        Instant last = lastCleanup.get();
        if (last.equals(Instant.MIN) || !clock.instant().isBefore(last.plus(options.cleanupInterval()))) {
            if (cleaning.compareAndSet(false, true)) {
                try {
                    cleanup();
                } catch (GitException e) {
                    LOG.warn("{}", e.getMessage());
                } finally {
                    cleaning.set(false);
                }
            }
        }
    }

    /** Resolves against the remote's refs, listing them at most once per {@link GitOptions#lsRemoteReuse()}. */
    private RevisionResolver.Resolution resolution(String repoURL, String targetRevision,
            Optional<Instant> refsListedSince) {
        Objects.requireNonNull(repoURL, "repoURL");
        Objects.requireNonNull(targetRevision, "targetRevision");
        if (RevisionResolver.isFullSha(targetRevision)) {
            return RevisionResolver.sha(targetRevision);
        }
        requireLocalRepositoryExists(repoURL, targetRevision);
        RemoteRefs refs = remoteRefs(repoURL, targetRevision, refsListedSince);
        RevisionResolver.Resolution resolution = RevisionResolver.resolve(targetRevision, refs);
        if (resolution.kind() == RevisionResolver.Kind.NOT_FOUND) {
            String reason = resolution.note().isEmpty() ? "it is not a branch, a tag or a commit there" : resolution.note();
            throw new GitException(repoURL, targetRevision, redactor.text("revision '" + targetRevision + "' not found in "
                    + repoURL + ": " + reason, repoURL), null);
        }
        return resolution;
    }

    private RemoteRefs remoteRefs(String repoURL, String targetRevision, Optional<Instant> refsListedSince) {
        RemoteState state = remotes.computeIfAbsent(RepoUrls.normalize(repoURL), key -> new RemoteState());
        state.lock.lock();
        try {
            Optional<RemoteRefs> cached = state.refs;
            if (cached.isPresent() && isFresh(cached.get(), repoURL, refsListedSince)) {
                return cached.get();
            }
            RemoteRefs listed = transport.lsRemote(repoURL, targetRevision);
            state.refs = Optional.of(listed);
            LOG.debug("listed {} refs of {}", listed.refs().size(), redactor.text(repoURL, repoURL));
            return listed;
        } finally {
            state.lock.unlock();
        }
    }

    private boolean isFresh(RemoteRefs refs, String repoURL, Optional<Instant> refsListedSince) {
        if (refsListedSince.isPresent()) {
            return !refs.listedAt().isBefore(refsListedSince.get());
        }
        return !RepoUrls.isLocal(repoURL) && clock.instant().isBefore(refs.listedAt().plus(options.lsRemoteReuse()));
    }

    /** Work on the repository's bare cache with its lock held (across threads and processes). */
    private <T> T withMirror(String repoURL, String revision, MirrorWork<T> work) {
        String folder = RepoUrls.folderName(repoURL);
        CacheLocks.Held held = acquire(repoURL, revision, () -> CacheLocks.exclusive(repositoryLocks, folder));
        try (Mirror mirror = Mirror.open(mirrors.resolve(folder), repoURL, revision, transport, redactor)) {
            try {
                return work.run(mirror);
            } finally {
                Mirror.recordUse(mirrors.resolve(folder), clock.instant());
            }
        } catch (IOException e) {
            throw new GitException(repoURL, revision, redactor.text("cannot read " + repoURL + " at '" + revision
                    + "' from the Git cache: " + e.getMessage(), repoURL), redactor.cause(e, repoURL));
        } finally {
            held.close();
        }
    }

    private Checkout materialize(Mirror mirror, ObjectId commitId, String repoURL, String revision) throws IOException {
        try (RevWalk walk = new RevWalk(mirror.repository())) {
            RevCommit commit = walk.parseCommit(commitId);
            try {
                Path directory = checkouts.materialize(mirror.repository(), commit);
                return new Checkout(Redaction.url(repoURL), commit.name(), directory, commit.getShortMessage());
            } catch (UnsafeTreeException e) {
                throw new GitException(repoURL, revision, redactor.text("cannot check out " + repoURL + " at '"
                        + revision + "' (" + commit.abbreviate(7).name() + "): " + e.getMessage(), repoURL), null);
            }
        }
    }

    private CacheLocks.Held acquire(String repoURL, String revision, LockAction action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new GitException(repoURL, revision, redactor.text("cannot lock the Git cache of " + repoURL + ": "
                    + e.getMessage(), repoURL), redactor.cause(e, repoURL));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitException(repoURL, revision, redactor.text("interrupted while waiting for the Git cache of "
                    + repoURL, repoURL), null);
        }
    }

    private void requireLocalRepositoryExists(String repoURL, String revision) {
        if (!RepoUrls.isLocal(repoURL)) {
            return;
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(repoURL.startsWith("file://") ? repoURL.substring("file://".length()) : repoURL));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw new GitException(repoURL, revision, redactor.text("cannot fetch " + repoURL
                    + ": the repository does not exist; check spec.source.repoURL", repoURL), null);
        }
    }

    private interface MirrorWork<T> {
        T run(Mirror mirror) throws IOException;
    }

    private interface LockAction {
        CacheLocks.Held run() throws IOException, InterruptedException;
    }

    /** Configures a {@link GitSource}. */
    public static final class Builder {
        private final Path cacheDirectory;
        private RepositoryCredentials credentials = RepositoryCredentials.none();
        private GitOptions options = GitOptions.defaults();
        private Clock clock = Clock.systemUTC();
        private Optional<MeterRegistry> meterRegistry = Optional.empty();

        private Builder(Path cacheDirectory) {
            this.cacheDirectory = Objects.requireNonNull(cacheDirectory, "cacheDirectory");
        }

        /**
         * Credentials by repository URL and URL prefix (default: none).
         *
         * @param value the credentials
         * @return this builder
         */
        public Builder credentials(RepositoryCredentials value) {
            this.credentials = Objects.requireNonNull(value, "credentials");
            return this;
        }

        /**
         * Timeouts, reuse of ls-remote answers, retention of checkouts and caches (default: {@link
         * GitOptions#defaults()}).
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(GitOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /**
         * The clock of every duration and last-use time (default: the system clock in UTC).
         *
         * @param value the clock
         * @return this builder
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Where Argo CD's Git metrics go ({@code argocd_git_request_total}, ...; see the class
         * Javadoc). Default: nowhere; pass {@code Metrics.globalRegistry} for Micrometer's global one.
         *
         * @param value the Micrometer registry
         * @return this builder
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = Optional.of(Objects.requireNonNull(value, "meterRegistry"));
            return this;
        }

        /**
         * Builds the source; the cache folder is created when missing.
         *
         * @return the Git source
         */
        public GitSource build() {
            return new GitSource(this);
        }
    }
}
