package io.gitops4j.core.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gitops4j.fake.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Git cache against a smart HTTP server in process that counts what it is asked: one bare
 * cache per repository, ls-remote first, a fetch only when the remote moved, shallow fetches,
 * threads and a second instance (another process) on one cache folder, cleanup on the clock.
 */
class GitCacheTest {

    private static final Duration REUSE = Duration.ofSeconds(5);

    @TempDir
    Path temp;

    private final ManualClock clock = new ManualClock(Instant.parse("2030-01-01T00:00:00Z"));
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private GitHttpServer server;
    private LocalRepository shop;
    private LocalRepository blog;
    private GitSource source;

    @BeforeEach
    void setUp() {
        shop = LocalRepository.init(temp.resolve("shop"));
        shop.write("app/cm.yaml", "version: 1\n").commit("first");
        blog = LocalRepository.init(temp.resolve("blog"));
        blog.write("app/cm.yaml", "blog: 1\n").commit("blog first");
        server = GitHttpServer.start().serve("shop", shop.directory()).serve("blog", blog.directory());
        source = source(temp.resolve("cache"), metrics);
    }

    @AfterEach
    void tearDown() {
        server.close();
        shop.close();
        blog.close();
    }

    private GitSource source(Path cache, SimpleMeterRegistry registry) {
        return GitSource.builder(cache).clock(clock).meterRegistry(registry)
                .options(GitOptions.defaults().withLsRemoteReuse(REUSE).withCleanupInterval(Duration.ofDays(365)))
                .build();
    }

    @Test
    void twoAppsSharingOneRepositoryFetchItOnceWhateverTheSpellingOfItsUrl() {
        String guestbook = server.url("", "shop");
        String sameRepository = server.base() + "SHOP/";

        Checkout first = source.checkout(guestbook, "main");
        Checkout second = source.checkout(sameRepository, "main");

        assertThat(second.directory()).isEqualTo(first.directory());
        assertThat(requests("fetch")).as("fetches").isEqualTo(1);
        assertThat(requests("ls-remote")).as("ls-remotes, the second answered by the first").isEqualTo(1);
        assertThat(server.uploads("shop")).isPositive();
        try (var folders = listing(temp.resolve("cache/repos"))) {
            assertThat(folders).as("one bare cache").hasSize(1);
        }
    }

    @Test
    void aRoundWithNoNewCommitMakesOneLsRemotePerRepositoryAndNoFetch() {
        round();
        clock.advance(REUSE.plusSeconds(1));
        int shopAdvertised = server.advertisements("shop");
        int blogAdvertised = server.advertisements("blog");
        int shopUploads = server.uploads("shop");
        int blogUploads = server.uploads("blog");

        List<Checkout> second = round();

        assertThat(server.advertisements("shop") - shopAdvertised).as("ls-remotes of shop").isEqualTo(1);
        assertThat(server.advertisements("blog") - blogAdvertised).as("ls-remotes of blog").isEqualTo(1);
        assertThat(server.uploads("shop") - shopUploads).as("fetches of shop").isZero();
        assertThat(server.uploads("blog") - blogUploads).as("fetches of blog").isZero();
        assertThat(second).extracting(Checkout::message).containsOnly("first", "blog first");
    }

    @Test
    void aNewCommitIsFetchedOnceForEveryAppOfTheRepository() {
        round();
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");
        clock.advance(REUSE.plusSeconds(1));
        double fetchesBefore = requests("fetch");

        List<Checkout> checkouts = round();

        assertThat(requests("fetch") - fetchesBefore).as("one fetch, for shop only").isEqualTo(1);
        assertThat(checkouts.subList(0, 3)).extracting(Checkout::revision).containsOnly(second);
        assertThat(checkouts.get(0).directory().resolve("app/cm.yaml")).hasContent("version: 2");
    }

    @Test
    void aBranchTipIsFetchedShallowly() throws Exception {
        String first = source.checkout(server.url("", "shop"), "main").revision();
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");
        String third = shop.write("app/cm.yaml", "version: 3\n").commit("third");
        clock.advance(REUSE.plusSeconds(1));

        source.checkout(server.url("", "shop"), "main");

        try (Repository mirror = mirror()) {
            assertThat(mirror.getObjectDatabase().has(ObjectId.fromString(third))).isTrue();
            assertThat(mirror.getObjectDatabase().has(ObjectId.fromString(second))).as("the commit between, never asked for").isFalse();
            assertThat(mirror.getObjectDatabase().has(ObjectId.fromString(first))).isTrue();
        }
        assertThat(source.checkout(server.url("", "shop"), second).directory().resolve("app/cm.yaml"))
                .as("a SHA that is no ref tip: fetched with the history").hasContent("version: 2");
    }

    @Test
    void resolvingNeedsNoFetchAndRefreshForgetsTheListedRefs() {
        String url = server.url("", "shop");
        ResolvedRevision head = source.resolve(url, "HEAD");
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");

        assertThat(source.resolve(url, "main").commit()).as("within the reuse time").isEqualTo(head.commit());
        source.refresh(url);
        ResolvedRevision main = source.resolve(url, "main");

        assertThat(main).isEqualTo(new ResolvedRevision(url, "main", second, "refs/heads/main"));
        assertThat(requests("fetch")).isZero();
        assertThat(requests("ls-remote")).isEqualTo(2);
    }

    @Test
    void refsListedSinceARoundBeganAnswerEveryRevisionOfTheRepositoryLocalOnesToo() {
        String url = server.url("", "shop");
        Instant roundStart = clock.instant();
        ResolvedRevision main = source.resolve(url, "main", roundStart);
        clock.advance(REUSE.multipliedBy(10));
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");

        assertThat(source.resolve(url, "HEAD", roundStart).commit()).as("same round, long after the reuse time")
                .isEqualTo(main.commit());
        assertThat(requests("ls-remote")).isEqualTo(1);
        assertThat(source.resolve(url, "main", clock.instant()).commit()).as("the next round lists again").isEqualTo(second);
        assertThat(requests("ls-remote")).isEqualTo(2);

        String local = shop.url();
        ResolvedRevision localHead = source.resolve(local, "HEAD", clock.instant());
        shop.write("app/cm.yaml", "version: 3\n").commit("third");
        assertThat(source.resolve(local, "main", clock.instant()).commit()).as("a local repository in the same round")
                .isEqualTo(localHead.commit());
        source.refresh(local);
        assertThat(source.resolve(local, "main", clock.instant()).commit()).as("after refresh").isNotEqualTo(localHead.commit());
    }

    @Test
    void aResolvedRevisionIsLeasedWithoutListingTheRemoteAgainAndFetchedShallowly() throws Exception {
        String url = server.url("", "shop");
        source.checkout(url, "main");
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");
        String third = shop.write("app/cm.yaml", "version: 3\n").commit("third");
        clock.advance(REUSE.plusSeconds(1));
        ResolvedRevision resolved = source.resolve(url, "main");
        double listings = requests("ls-remote");

        try (CheckoutLease lease = source.lease(url, resolved)) {
            assertThat(lease.checkout().revision()).isEqualTo(third);
            assertThat(lease.checkout().directory().resolve("app/cm.yaml")).hasContent("version: 3");
        }
        assertThat(requests("ls-remote")).isEqualTo(listings);
        try (Repository mirror = mirror()) {
            assertThat(mirror.getObjectDatabase().has(ObjectId.fromString(second))).as("fetched shallowly").isFalse();
        }
    }

    @Test
    void repositoriesAreTheSameWhateverTheSpellingOfTheirUrls() {
        assertThat(GitSource.sameRepository("https://GitHub.com/org/repo.git/", "https://github.com/org/repo")).isTrue();
        assertThat(GitSource.sameRepository("git@github.com:org/repo.git", "ssh://git@github.com/org/repo")).isTrue();
        assertThat(GitSource.sameRepository("https://token@github.com/org/repo", "https://github.com/org/repo")).isTrue();
        assertThat(GitSource.sameRepository("https://github.com/org/repo", "https://github.com/org/other")).isFalse();
    }

    @Test
    void concurrentCheckoutsOfOneRepositoryShareOneFetchAndOneFolder() throws Exception {
        GitSource otherProcess = source(temp.resolve("cache"), new SimpleMeterRegistry());
        String url = server.url("", "shop");
        ExecutorService threads = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Checkout>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                GitSource used = i % 4 == 3 ? otherProcess : source;
                Callable<Checkout> task = () -> {
                    start.await();
                    return used.checkout(url, "main");
                };
                results.add(threads.submit(task));
            }
            start.countDown();
            Set<Path> folders = results.stream().map(GitCacheTest::get).map(Checkout::directory).collect(Collectors.toSet());

            assertThat(folders).hasSize(1);
            assertThat(server.uploads("shop")).as("pack requests: one fetch in all").isEqualTo(1);
        } finally {
            threads.shutdown();
            assertThat(threads.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aSecondInstanceOnTheSameFolderUsesWhatTheFirstFetched() {
        String url = server.url("", "shop");
        Checkout first = source.checkout(url, "main");
        SimpleMeterRegistry otherMetrics = new SimpleMeterRegistry();

        Checkout again = source(temp.resolve("cache"), otherMetrics).checkout(url, "main");

        assertThat(again).isEqualTo(first);
        assertThat(otherMetrics.find("argocd.git.request").tag("request_type", "fetch").counter()).isNull();
        assertThat(otherMetrics.get("argocd.git.request").tag("request_type", "ls-remote").counter().count()).isEqualTo(1);
    }

    @Test
    void cleanupDeletesOldCheckoutsButNeverOneInUseHereOrInAnotherProcess() {
        String url = server.url("", "shop");
        GitSource otherProcess = source(temp.resolve("cache"), new SimpleMeterRegistry());
        CheckoutLease inUse = source.lease(url, "main");
        String second = shop.write("app/cm.yaml", "version: 2\n").commit("second");
        source.refresh(url);
        Checkout notInUse = source.checkout(url, "main");
        String third = shop.write("app/cm.yaml", "version: 3\n").commit("third");
        source.refresh(url);
        CheckoutLease inUseElsewhere = otherProcess.lease(url, "main");
        clock.advance(Duration.ofHours(2));

        CleanupReport report = source.cleanup();

        assertThat(report.checkouts().deleted()).containsExactly(second);
        assertThat(report.checkouts().keptInUse()).containsExactlyInAnyOrder(inUse.checkout().revision(), third);
        assertThat(notInUse.directory()).doesNotExist();
        assertThat(inUse.checkout().directory().resolve("app/cm.yaml")).hasContent("version: 1");
        assertThat(inUseElsewhere.checkout().directory().resolve("app/cm.yaml")).hasContent("version: 3");

        inUse.close();
        inUseElsewhere.close();
        clock.advance(Duration.ofMinutes(30));
        assertThat(source.cleanup().checkouts().deleted()).as("used 30 minutes ago: kept").isEmpty();
        clock.advance(Duration.ofMinutes(31));
        assertThat(source.cleanup().checkouts().deleted()).containsExactlyInAnyOrder(inUse.checkout().revision(), third);
    }

    @Test
    void cleanupKeepsAtMostTheMaximumNumberOfCheckouts() {
        GitSource bounded = GitSource.builder(temp.resolve("cache")).clock(clock)
                .options(GitOptions.defaults().withMaxCheckouts(2).withCleanupInterval(Duration.ofDays(365))).build();
        List<String> commits = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            commits.add(bounded.checkout(shop.url(), "main").revision());
            shop.write("app/cm.yaml", "version: " + i + "\n").commit("commit " + i);
            clock.advance(Duration.ofMinutes(1));
        }

        CleanupReport report = bounded.cleanup();

        assertThat(report.checkouts().deleted()).containsExactly(commits.get(0));
        assertThat(report.checkouts().remaining()).isEqualTo(2);
    }

    @Test
    void aFailedFetchKeepsTheCacheAndTheLastGoodCheckout() throws Exception {
        String url = server.url("", "shop");
        CheckoutLease lastGood = source.lease(url, "main");
        shop.write("app/cm.yaml", "version: 2\n").commit("second");
        server.close();
        source.refresh(url);

        assertThatThrownBy(() -> source.checkout(url, "main"))
                .isInstanceOf(GitException.class)
                .hasMessageStartingWith("cannot fetch " + url + ": ");

        assertThat(lastGood.checkout().directory().resolve("app/cm.yaml")).hasContent("version: 1");
        assertThat(source.checkout(url, lastGood.checkout().revision())).as("by SHA, from the cache, offline")
                .isEqualTo(lastGood.checkout());
        assertThat(metrics.get("argocd.git.lsremote.fail").tag("revision", "main").counter().count()).isEqualTo(1);
        try (Repository mirror = mirror()) {
            assertThat(mirror.getObjectDatabase().has(ObjectId.fromString(lastGood.checkout().revision()))).isTrue();
        }
        lastGood.close();
    }

    @Test
    void garbageCollectionAfterAFetchRunsWithinItNotInTheBackground() throws Exception {
        source.checkout(server.url("", "shop"), "main");

        try (Repository mirror = mirror()) {
            assertThat(mirror.getConfig().getBoolean("gc", "autoDetach", true)).isFalse();
        }
    }

    @Test
    void aFileWrittenIntoTheCacheByAnotherHandDoesNotMakeItLookUnused() throws Exception {
        // JGit's detached GC (gc.log.lock) and its probe of the file system did this after a checkout:
        // the folder's time became the wall clock's, and the cleanup deleted a cache just used
        Checkout checkout = source.checkout(server.url("", "shop"), "main");
        Path folder;
        try (Repository mirror = mirror()) {
            folder = mirror.getDirectory().toPath();
        }
        Files.delete(Files.createFile(folder.resolve("gc.log.lock")));

        assertThat(source.cleanup().deletedRepositories()).as("used just now: kept").isEmpty();
        assertThat(source.checkout(server.url("", "shop"), checkout.revision())).isEqualTo(checkout);
        assertThat(requests("fetch")).as("from the cache").isEqualTo(1);
    }

    @Test
    void metricsCarryArgoCdsNamesAndTheRepositoryWithoutCredentials() {
        source.checkout(server.url("alice:s3cret-pass", "shop"), "main");

        var lsRemote = metrics.get("argocd.git.request").tag("request_type", "ls-remote").counter();
        assertThat(lsRemote.getId().getTag("repo")).isEqualTo(server.url("***", "shop"));
        assertThat(metrics.get("argocd.git.request.duration").tag("request_type", "fetch").timer().count()).isEqualTo(1);
    }

    /** Three apps of shop, two of blog. */
    private List<Checkout> round() {
        List<Checkout> checkouts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            checkouts.add(source.checkout(server.url("", "shop"), "main"));
        }
        for (int i = 0; i < 2; i++) {
            checkouts.add(source.checkout(server.url("", "blog"), "HEAD"));
        }
        return checkouts;
    }

    private double requests(String type) {
        return metrics.find("argocd.git.request").tag("request_type", type).counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private Repository mirror() throws Exception {
        try (var folders = listing(temp.resolve("cache/repos"))) {
            Path folder = folders.filter(p -> p.getFileName().toString().startsWith("shop-")).findFirst().orElseThrow();
            return new FileRepositoryBuilder().setGitDir(folder.toFile()).setMustExist(true).build();
        }
    }

    private static java.util.stream.Stream<Path> listing(Path folder) {
        try {
            return Files.list(folder);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
