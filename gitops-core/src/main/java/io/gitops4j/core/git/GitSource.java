package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Git repositories as sources of manifests, through JGit, with a local cache.
 *
 * <p>Each repository is mirrored once into a bare repository under the cache folder and fetched
 * again on every {@link #checkout} (branches, tags and the remote's {@code HEAD}; refs deleted
 * upstream are deleted here). {@code https://}, {@code ssh://}, {@code file://} URLs and local
 * paths all work. The files of a commit are extracted once into {@code checkouts/<sha>} and
 * shared by every later checkout of that commit. Safe for concurrent use: work on one repository
 * is serialized, different repositories proceed in parallel.
 *
 * <p>A checkout never writes outside its folder and refuses commits whose tree {@code git} would
 * not write or whose symbolic links leave the repository ({@link TreeExtractor}). Credentials
 * never reach text: every message, log line and exception is redacted ({@link CredentialRedactor}).
 */
public final class GitSource {

    private static final Logger LOG = LoggerFactory.getLogger(GitSource.class);

    private final Path mirrors;
    private final Path checkouts;
    private final Optional<CredentialsProvider> credentials;
    private final CredentialRedactor redactor = new CredentialRedactor();
    private final ConcurrentMap<Path, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param cacheDirectory where mirrors and checkouts are kept; created when missing
     */
    public GitSource(Path cacheDirectory) {
        this(cacheDirectory, Optional.empty());
    }

    /**
     * @param cacheDirectory where mirrors and checkouts are kept; created when missing
     * @param credentials credentials for private repositories
     */
    public GitSource(Path cacheDirectory, Optional<CredentialsProvider> credentials) {
        this.mirrors = cacheDirectory.resolve("repos");
        this.checkouts = cacheDirectory.resolve("checkouts");
        this.credentials = credentials.map(redactor::recording);
    }

    /**
     * Fetches the repository, resolves the revision and returns the commit's files.
     *
     * @param repoURL the repository
     * @param targetRevision a branch, tag, commit SHA (full or abbreviated) or {@code HEAD}
     * @throws GitException when the repository cannot be fetched, the revision does not exist, or
     *     the commit holds entries a checkout refuses to write (then nothing is left in the cache)
     */
    public Checkout checkout(String repoURL, String targetRevision) {
        Path mirror = mirrors.resolve(folderName(repoURL));
        synchronized (locks.computeIfAbsent(mirror, m -> new Object())) {
            try (Git git = openOrInit(mirror, repoURL, targetRevision)) {
                fetch(git, repoURL, targetRevision);
                Repository repository = git.getRepository();
                ObjectId commitId = RevisionResolver.resolve(repository, targetRevision)
                        .or(() -> fetchCommit(git, repoURL, targetRevision))
                        .orElseThrow(() -> failure(repoURL, targetRevision, "revision '" + targetRevision
                                + "' not found in " + repoURL + ": it is not a branch, a tag or a commit there", null));
                return checkoutCommit(repository, commitId, repoURL, targetRevision);
            } catch (IOException e) {
                throw failure(repoURL, targetRevision, "cannot read " + repoURL + " at '" + targetRevision
                        + "' from the Git cache: " + e.getMessage(), e);
            }
        }
    }

    private Checkout checkoutCommit(Repository repository, ObjectId commitId, String repoURL, String revision)
            throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            try {
                Path directory = extracted(repository, commit);
                return new Checkout(Redaction.url(repoURL), commit.name(), directory, commit.getShortMessage());
            } catch (UnsafeTreeException e) {
                throw failure(repoURL, revision, "cannot check out " + repoURL + " at '" + revision + "' ("
                        + commit.abbreviate(7).name() + "): " + e.getMessage(), null);
            }
        }
    }

    /** A {@link GitException} with every credential this source knows about removed from its text. */
    private GitException failure(String repoURL, String revision, String message, Throwable cause) {
        return new GitException(repoURL, revision, redactor.text(message, repoURL),
                cause == null ? null : redactor.cause(cause, repoURL));
    }

    private Git openOrInit(Path mirror, String repoURL, String revision) throws IOException {
        try {
            if (Files.exists(mirror.resolve("HEAD"))) {
                return Git.open(mirror.toFile());
            }
            Files.createDirectories(mirror);
            return Git.init().setBare(true).setDirectory(mirror.toFile()).call();
        } catch (GitAPIException e) {
            throw failure(repoURL, revision, "cannot create the Git cache at " + mirror + ": " + e.getMessage(), e);
        }
    }

    private void fetch(Git git, String repoURL, String revision) {
        requireLocalRepositoryExists(repoURL, revision);
        try {
            var fetch = git.fetch()
                    .setRemote(repoURL)
                    .setRefSpecs(new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"),
                            new RefSpec("+HEAD:" + RevisionResolver.REMOTE_HEAD))
                    .setRemoveDeletedRefs(true);
            credentials.ifPresent(fetch::setCredentialsProvider);
            fetch.call();
            LOG.debug("fetched {}", redactor.text(repoURL, repoURL));
        } catch (GitAPIException | RuntimeException e) {
            throw failure(repoURL, revision, "cannot fetch " + repoURL + ": " + rootMessage(e)
                    + "; check that spec.source.repoURL is right, reachable and readable with the configured credentials", e);
        } finally {
            forgetFetchHead(git);
        }
    }

    /** Fetches a commit that no branch or tag reaches, when the server allows it. */
    private Optional<ObjectId> fetchCommit(Git git, String repoURL, String revision) {
        if (revision.length() != 40 || !RevisionResolver.looksLikeSha(revision)) {
            return Optional.empty();
        }
        try {
            var fetch = git.fetch().setRemote(repoURL).setRefSpecs(new RefSpec(revision + ":refs/gitops4j/" + revision));
            credentials.ifPresent(fetch::setCredentialsProvider);
            fetch.call();
            return RevisionResolver.resolve(git.getRepository(), revision);
        } catch (GitAPIException | IOException | RuntimeException e) {
            LOG.debug("fetching commit {} from {} failed: {}", revision, redactor.text(repoURL, repoURL),
                    redactor.text(String.valueOf(e.getMessage()), repoURL));
            return Optional.empty();
        } finally {
            forgetFetchHead(git);
        }
    }

    /**
     * Deletes {@code FETCH_HEAD}, which JGit writes with the repository URL (its user part may be a
     * token) and which nothing here reads.
     */
    private static void forgetFetchHead(Git git) {
        try {
            Files.deleteIfExists(git.getRepository().getDirectory().toPath().resolve("FETCH_HEAD"));
        } catch (IOException e) {
            LOG.warn("could not delete FETCH_HEAD in the Git cache: {}", e.getMessage());
        }
    }

    private Path extracted(Repository repository, RevCommit commit) throws IOException, UnsafeTreeException {
        Path target = checkouts.resolve(commit.name());
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(checkouts);
        Path temporary = Files.createTempDirectory(checkouts, "." + commit.name() + "-");
        try {
            TreeExtractor.extract(repository, commit, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        } finally {
            deleteRecursively(temporary);
        }
        return target;
    }

    private void requireLocalRepositoryExists(String repoURL, String revision) {
        boolean remote = repoURL.contains("://") && !repoURL.startsWith("file://") || repoURL.matches("^[^/]+@[^/]+:.*");
        if (remote) {
            return;
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(repoURL.startsWith("file://") ? repoURL.substring("file://".length()) : repoURL));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw failure(repoURL, revision, "cannot fetch " + repoURL + ": the repository does not exist; "
                    + "check spec.source.repoURL", null);
        }
    }

    /** A readable, unique folder name: the URL's last name (never its credentials or query) and a hash. */
    private static String folderName(String repoURL) {
        String readable = Redaction.url(repoURL).replaceAll("[?#].*$", "");
        String trimmed = readable.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        String base = trimmed.substring(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf(':')) + 1)
                .replaceAll("[^A-Za-z0-9._-]", "_");
        return (base.isEmpty() ? "repo" : base) + "-" + sha256(repoURL).substring(0, 16);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete temporary folder {}: {}", path, e.getMessage());
        }
    }
}
