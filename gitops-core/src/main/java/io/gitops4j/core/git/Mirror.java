package io.gitops4j.core.git;

import io.gitops4j.kube.Redaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.RefSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bare cache of one repository, opened for one operation while its lock is held. It fetches
 * only what a resolved revision needs and only when the commit is not there yet: a branch or
 * tag tip shallowly (depth 1; the whole history when the server refuses shallow fetches); a SHA
 * that no advertised ref points to, or an abbreviated one, by fetching every branch and tag with
 * their whole history, then the SHA itself when the server allows it. A failed fetch changes
 * nothing that was there: refs and objects are only added.
 */
final class Mirror implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);
    private static final List<RefSpec> ALL = List.of(new RefSpec("+refs/heads/*:refs/heads/*"),
            new RefSpec("+refs/tags/*:refs/tags/*"), new RefSpec("+HEAD:" + RevisionResolver.REMOTE_HEAD));

    private static final String LAST_USED = "gitops4j-last-used";

    private final Git git;
    private final String repoURL;
    private final String revision;
    private final GitTransport transport;
    private final CredentialRedactor redactor;

    private Mirror(Git git, String repoURL, String revision, GitTransport transport, CredentialRedactor redactor) {
        this.git = git;
        this.repoURL = repoURL;
        this.revision = revision;
        this.transport = transport;
        this.redactor = redactor;
    }

    /** Opens the bare repository in the folder, creating it when missing. */
    static Mirror open(Path folder, String repoURL, String revision, GitTransport transport, CredentialRedactor redactor)
            throws IOException {
        try {
            Git git = Files.exists(folder.resolve("HEAD")) ? Git.open(folder.toFile())
                    : Git.init().setBare(true).setDirectory(Files.createDirectories(folder).toFile()).call();
            collectGarbageInForeground(git.getRepository().getConfig());
            return new Mirror(git, repoURL, revision, transport, redactor);
        } catch (GitAPIException e) {
            throw new IOException("cannot create the Git cache at " + folder + ": " + e.getMessage(), e);
        }
    }

    /**
     * JGit runs its automatic garbage collection after a fetch in a background thread by default,
     * outside the cache's lock: it then repacks while another operation fetches, and writes into
     * the folder after its last use was recorded (a cleanup then took a cache in use for an
     * unused one). In the foreground it runs within the fetch, with the lock held.
     */
    private static void collectGarbageInForeground(StoredConfig config) throws IOException {
        if (config.getBoolean(ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true)) {
            config.setBoolean(ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
            config.save();
        }
    }

    /**
     * Records the cache's last use in a file of its own, which neither JGit nor Git writes: the
     * folder's own time changes whenever anything creates or deletes a file in it (a lock file,
     * JGit's probe of the file system's timestamp resolution, a {@code git gc} run by hand).
     */
    static void recordUse(Path folder, Instant when) throws IOException {
        Path marker = folder.resolve(LAST_USED);
        if (!Files.exists(marker)) {
            Files.createFile(marker);
        }
        Files.setLastModifiedTime(marker, FileTime.from(when));
    }

    /** When the cache was last used, as {@link #recordUse} recorded it (a cache made before: its folder's time). */
    static Instant lastUsed(Path folder) throws IOException {
        Path marker = folder.resolve(LAST_USED);
        return Files.getLastModifiedTime(Files.exists(marker) ? marker : folder).toInstant();
    }

    Repository repository() {
        return git.getRepository();
    }

    /** The commit the resolution names, fetched when it is not in the cache yet. */
    ObjectId ensure(RevisionResolver.Resolution resolution) throws IOException {
        if (resolution.kind() == RevisionResolver.Kind.ABBREVIATED) {
            Optional<ObjectId> local = RevisionResolver.abbreviated(repository(), resolution.value());
            if (local.isPresent()) {
                return local.get();
            }
            fetch(ALL, 0);
            return RevisionResolver.abbreviated(repository(), resolution.value()).orElseThrow(this::notFound);
        }
        ObjectId wanted = ObjectId.fromString(resolution.value());
        if (has(wanted)) {
            return commit(wanted);
        }
        if (!resolution.refName().isEmpty()) {
            fetchTip(resolution.refName());
            if (has(wanted)) {
                return commit(wanted);
            }
            Ref moved = repository().exactRef(localName(resolution.refName()));
            if (moved != null && moved.getObjectId() != null) {
                LOG.debug("{} moved on after ls-remote: {} is now {}", resolution.refName(), wanted.name(),
                        moved.getObjectId().name());
                return commit(moved.getObjectId());
            }
            throw notFound();
        }
        fetch(ALL, 0);
        if (!has(wanted)) {
            fetchCommit(wanted);
        }
        if (!has(wanted)) {
            throw notFound();
        }
        return commit(wanted);
    }

    /** A branch or tag tip, shallow first; the whole history when the server refuses a shallow fetch. */
    private void fetchTip(String refName) {
        List<RefSpec> spec = List.of(new RefSpec("+" + refName + ":" + localName(refName)));
        try {
            fetch(spec, 1);
        } catch (GitException e) {
            String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (!message.contains("shallow") && !message.contains("deepen")) {
                throw e;
            }
            LOG.debug("{} refuses a shallow fetch; fetching {} with its history", Redaction.url(repoURL), refName);
            fetch(spec, 0);
        }
    }

    /** Fetches a commit that no branch or tag reaches, when the server allows it. */
    private void fetchCommit(ObjectId id) {
        try {
            fetch(List.of(new RefSpec("+" + id.name() + ":refs/gitops4j/" + id.name())), 0);
        } catch (GitException e) {
            LOG.debug("fetching commit {} from {} failed: {}", id.name(), redactor.text(repoURL, repoURL),
                    redactor.text(String.valueOf(e.getMessage()), repoURL));
        }
    }

    private void fetch(List<RefSpec> specs, int depth) {
        try {
            transport.fetch(git, repoURL, revision, specs, depth, depth == 0 && isShallow());
        } finally {
            forgetFetchHead();
        }
    }

    private boolean isShallow() {
        try {
            return !repository().getObjectDatabase().getShallowCommits().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean has(ObjectId id) throws IOException {
        return repository().getObjectDatabase().has(id);
    }

    /** The commit an object is or points to (an annotated tag is peeled). */
    private ObjectId commit(ObjectId id) throws IOException {
        ObjectId commit = repository().resolve(id.name() + "^{commit}");
        if (commit == null) {
            throw notFound();
        }
        return commit;
    }

    private static String localName(String refName) {
        return refName.equals("HEAD") ? RevisionResolver.REMOTE_HEAD : refName;
    }

    private GitException notFound() {
        return new GitException(repoURL, revision, redactor.text("revision '" + revision + "' not found in "
                + repoURL + ": it is not a branch, a tag or a commit there", repoURL), null);
    }

    /**
     * Deletes {@code FETCH_HEAD}, which JGit writes with the repository URL (its user part may be a
     * token) and which nothing here reads.
     */
    private void forgetFetchHead() {
        try {
            Files.deleteIfExists(repository().getDirectory().toPath().resolve("FETCH_HEAD"));
        } catch (IOException e) {
            LOG.warn("could not delete FETCH_HEAD in the Git cache: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
