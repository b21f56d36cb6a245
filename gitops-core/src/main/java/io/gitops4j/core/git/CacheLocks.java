package io.gitops4j.core.git;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;

/**
 * Shared and exclusive locks on names (a repository, a commit), held across threads and across
 * processes that share one Git cache folder: each name is one byte of a lock file (its position
 * is a hash of the name), locked with the operating system's record locks ({@code fcntl} on
 * Linux), which the system releases when a process dies.
 *
 * <p>The operating system grants a record lock to a process, and Java to the whole JVM (a second
 * lock on the same bytes in the same JVM is refused, not queued). So this registry is JVM-wide
 * (the only static state of the Git source, on purpose): threads and {@link GitSource}
 * instances of one JVM queue here, and only the first holder of a name in the JVM takes the
 * system lock, the last one releases it. Each lock file is opened once per JVM and never closed
 * (closing any channel of a file drops every lock the process holds on it). The system lock is
 * taken through an {@link AsynchronousFileChannel}, so an interrupted waiter never closes the
 * channel (as it would close a {@code FileChannel}); a lock granted after its waiter gave up is
 * released at once.
 */
final class CacheLocks {

    private static final ConcurrentMap<Path, LockFile> FILES = new ConcurrentHashMap<>();

    /** A held lock; closing it releases it (once). */
    interface Held extends AutoCloseable {
        @Override
        void close();
    }

    private CacheLocks() {
    }

    /** Waits for the exclusive lock of the name. */
    static Held exclusive(Path lockFile, String name) throws IOException, InterruptedException {
        return file(lockFile).acquire(position(name), false, true).orElseThrow();
    }

    /** The exclusive lock of the name if nobody, in this JVM or another process, holds it now. */
    static Optional<Held> tryExclusive(Path lockFile, String name) throws IOException, InterruptedException {
        return file(lockFile).acquire(position(name), false, false);
    }

    /** Waits for a shared lock of the name (any number of holders; no exclusive one). */
    static Held shared(Path lockFile, String name) throws IOException, InterruptedException {
        return file(lockFile).acquire(position(name), true, true).orElseThrow();
    }

    private static long position(String name) {
        return Long.parseLong(RepoUrls.sha256(name).substring(0, 15), 16);
    }

    private static LockFile file(Path lockFile) throws IOException {
        Path parent = Files.createDirectories(lockFile.toAbsolutePath().getParent()).toRealPath();
        Path key = parent.resolve(lockFile.getFileName());
        try {
            return FILES.computeIfAbsent(key, path -> {
                try {
                    return new LockFile(AsynchronousFileChannel.open(path, StandardOpenOption.READ,
                            StandardOpenOption.WRITE, StandardOpenOption.CREATE));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One lock file and the state of the names locked in it by this JVM. */
    private static final class LockFile {
        private final AsynchronousFileChannel channel;
        private final ConcurrentMap<Long, Region> regions = new ConcurrentHashMap<>();

        LockFile(AsynchronousFileChannel channel) {
            this.channel = channel;
        }

        Optional<Held> acquire(long position, boolean shared, boolean wait) throws IOException, InterruptedException {
            Region region = regions.compute(position, (p, r) -> {
                Region result = r == null ? new Region() : r;
                result.users++;
                return result;
            });
            boolean acquired = false;
            try {
                synchronized (region) {
                    while (region.exclusive || !shared && region.shared > 0) {
                        if (!wait) {
                            return Optional.empty();
                        }
                        region.wait();
                    }
                    if (shared && region.shared > 0) {
                        region.shared++;
                    } else {
                        Optional<FileLock> system = systemLock(region, position, shared, wait);
                        if (system.isEmpty()) {
                            return Optional.empty();
                        }
                        region.system = system.get();
                        if (shared) {
                            region.shared = 1;
                        } else {
                            region.exclusive = true;
                        }
                    }
                    acquired = true;
                    return Optional.of(new Release(this, position, region, shared));
                }
            } finally {
                if (!acquired) {
                    leave(position);
                }
            }
        }

        private Optional<FileLock> systemLock(Region region, long position, boolean shared, boolean wait)
                throws IOException, InterruptedException {
            if (region.abandoned != null) {
                awaitQuietly(region.abandoned);
                region.abandoned = null;
            }
            if (!wait) {
                return Optional.ofNullable(channel.tryLock(position, 1, shared));
            }
            CompletableFuture<FileLock> granted = new CompletableFuture<>();
            channel.lock(position, 1, shared, null, new CompletionHandler<FileLock, Void>() {
                @Override
                public void completed(FileLock lock, Void attachment) {
                    granted.complete(lock);
                }

                @Override
                public void failed(Throwable failure, Void attachment) {
                    granted.completeExceptionally(failure);
                }
            });
            try {
                return Optional.of(granted.get());
            } catch (InterruptedException e) {
                region.abandoned = granted.handle((lock, failure) -> {
                    releaseQuietly(lock);
                    return null;
                });
                throw e;
            } catch (ExecutionException e) {
                throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
            }
        }

        void release(long position, Region region, boolean shared) {
            synchronized (region) {
                if (shared) {
                    region.shared--;
                } else {
                    region.exclusive = false;
                }
                if (region.shared == 0 && !region.exclusive) {
                    releaseQuietly(region.system);
                    region.system = null;
                }
                region.notifyAll();
            }
            leave(position);
        }

        private void leave(long position) {
            regions.computeIfPresent(position, (p, r) -> --r.users == 0 && settled(r) ? null : r);
        }

        /** Whether no abandoned system lock of the region may still be granted (a new region would collide with it). */
        private static boolean settled(Region region) {
            synchronized (region) {
                return region.abandoned == null || region.abandoned.isDone();
            }
        }

        private static void awaitQuietly(CompletableFuture<?> future) throws InterruptedException {
            try {
                future.get();
            } catch (ExecutionException e) {
                // released or failed: either way nothing is held any more
            }
        }

        private static void releaseQuietly(FileLock lock) {
            if (lock == null) {
                return;
            }
            try {
                lock.release();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot release a lock of the Git cache", e);
            }
        }
    }

    /** The state of one name in this JVM; guarded by its own monitor, except {@code users}. */
    private static final class Region {
        int users;
        int shared;
        boolean exclusive;
        FileLock system;
        CompletableFuture<Void> abandoned;
    }

    /** Releases one holder of a region once. */
    private static final class Release implements Held {
        private final LockFile file;
        private final long position;
        private final Region region;
        private final boolean shared;
        private boolean released;

        Release(LockFile file, long position, Region region, boolean shared) {
            this.file = file;
            this.position = position;
            this.region = region;
            this.shared = shared;
        }

        @Override
        public synchronized void close() {
            if (!released) {
                released = true;
                file.release(position, region, shared);
            }
        }
    }
}
