package io.gitops4j.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checkouts of the Git cache: {@code checkouts/<commit sha>} holds the files of one commit,
 * extracted once (into a temporary folder, then renamed into place, so no one ever sees half a
 * checkout) and shared by every user of that commit, from any repository and any process.
 *
 * <p>A checkout is in use while someone holds a lease on it: a shared lock on its commit
 * ({@link CacheLocks}, across threads and processes). Its folder's modification time is its last
 * use on the source's clock (set when a lease starts and ends). {@link #cleanup} deletes, with
 * the commit's exclusive lock so never one in use, the checkouts unused for the retention time,
 * then the least recently used ones beyond the maximum count; it renames a folder aside before
 * deleting it, so a crash never leaves half a checkout under its name. Temporary folders of
 * extractions that died with their process are deleted with their commit.
 */
final class CheckoutStore {

    private static final Logger LOG = LoggerFactory.getLogger(CheckoutStore.class);
    private static final String TRASH = ".trash-";

    private final Path root;
    private final Path lockFile;
    private final Clock clock;

    CheckoutStore(Path root, Path lockFile, Clock clock) {
        this.root = root;
        this.lockFile = lockFile;
        this.clock = clock;
    }

    /** Waits until the commit's checkout is not being deleted and holds it against deletion. */
    CacheLocks.Held lease(String sha) throws IOException, InterruptedException {
        return CacheLocks.shared(lockFile, sha);
    }

    /** The checkout of the commit, extracted now when missing; the caller holds a lease on it. */
    Path materialize(Repository repository, RevCommit commit) throws IOException, UnsafeTreeException {
        Path target = root.resolve(commit.name());
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(root);
        Path temporary = Files.createTempDirectory(root, "." + commit.name() + "-");
        try {
            TreeExtractor.extract(repository, commit, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
        } finally {
            FileTrees.deleteQuietly(temporary);
        }
        return target;
    }

    /** Records a use of the checkout now, on the clock. */
    void touch(Path checkout) {
        try {
            Files.setLastModifiedTime(checkout, FileTime.from(clock.instant()));
        } catch (IOException e) {
            LOG.warn("cannot record the use of the checkout {}: {}", checkout.getFileName(), e.getMessage());
        }
    }

    /**
     * Deletes the checkouts not in use that were last used before {@code now - retention}, then
     * the least recently used ones not in use until at most {@code maxCheckouts} remain.
     */
    CleanupReport.Checkouts cleanup(Instant expiredBefore, int maxCheckouts) throws IOException, InterruptedException {
        if (!Files.isDirectory(root)) {
            return new CleanupReport.Checkouts(List.of(), List.of(), 0);
        }
        List<Path> checkouts = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TRASH)) {
                    FileTrees.deleteQuietly(entry);
                } else if (!name.startsWith(".") && Files.isDirectory(entry)) {
                    checkouts.add(entry);
                }
            }
        }
        checkouts.sort(Comparator.comparing(CheckoutStore::lastUse));
        List<String> deleted = new ArrayList<>();
        List<String> inUse = new ArrayList<>();
        int remaining = checkouts.size();
        for (Path checkout : checkouts) {
            boolean expired = lastUse(checkout).toInstant().isBefore(expiredBefore);
            if (!expired && remaining <= maxCheckouts) {
                continue;
            }
            String sha = checkout.getFileName().toString();
            var lock = CacheLocks.tryExclusive(lockFile, sha);
            if (lock.isEmpty()) {
                inUse.add(sha);
                continue;
            }
            try {
                if (expired && !lastUse(checkout).toInstant().isBefore(expiredBefore) && remaining <= maxCheckouts) {
                    continue; // used meanwhile by a lease that has ended since
                }
                Path trash = root.resolve(TRASH + sha + "-" + UUID.randomUUID());
                Files.move(checkout, trash, StandardCopyOption.ATOMIC_MOVE);
                FileTrees.deleteQuietly(trash);
                deleteAbandonedExtractions(sha);
                deleted.add(sha);
                remaining--;
            } finally {
                lock.get().close();
            }
        }
        return new CleanupReport.Checkouts(List.copyOf(deleted), List.copyOf(inUse), remaining);
    }

    /** Temporary folders of the commit left by an extraction that died; called with the commit's exclusive lock. */
    private void deleteAbandonedExtractions(String sha) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            entries.filter(p -> p.getFileName().toString().startsWith("." + sha + "-")).forEach(FileTrees::deleteQuietly);
        }
    }

    private static FileTime lastUse(Path checkout) {
        try {
            return Files.getLastModifiedTime(checkout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
