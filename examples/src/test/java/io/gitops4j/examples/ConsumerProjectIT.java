package io.gitops4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code examples/consumer}, a project written as a platform team would write it outside this
 * repository (it imports {@code gitops4j-bom} and pins no version of ours or of our libraries),
 * built by Maven against the artifacts this build publishes and nothing else: the BOM, the
 * parent POM and each library module's POM and jar are put in a local repository of their own,
 * beside the third-party libraries of the user's local repository (jars hard-linked), and
 * the consumer's code and its {@code @FakeKubernetes} test are compiled and run there, offline.
 * Skipped when no {@code mvn} is on the PATH.
 */
class ConsumerProjectIT {

    private static final List<String> PUBLISHED_MODULES = List.of("gitops-diff", "gitops-render", "gitops-cluster",
            "gitops-fake", "gitops-k8s", "gitops-test", "gitops-core");

    @TempDir
    Path temp;

    @Test
    void aProjectThatImportsTheBomBuildsAgainstThePublishedArtifactsOnly() throws Exception {
        Optional<Path> maven = onPath("mvn");
        assumeTrue(maven.isPresent(), "mvn is not on the PATH");
        String version = System.getProperty("gitops4j.version", "");
        assumeTrue(!version.isEmpty(), "run through Maven (failsafe passes gitops4j.version)");
        Path reactor = Path.of("").toAbsolutePath().getParent();
        Path repository = temp.resolve("repository");
        linkThirdPartyLibraries(Path.of(System.getProperty("user.home"), ".m2", "repository"), repository);
        publish(reactor, repository, version);
        Path consumer = temp.resolve("consumer");
        copy(reactor.resolve("examples/consumer"), consumer);

        Path log = temp.resolve("build.log");
        Process build = new ProcessBuilder(maven.get().toString(), "-B", "-ntp", "-o", "-q",
                "-Dmaven.repo.local=" + repository, "-Dgitops4j.version=" + version, "test")
                .directory(consumer.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }

        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(finished).as("the consumer's build finished within 10 minutes").isTrue();
        assertThat(build.exitValue()).as(output).isZero();
        assertThat(consumer.resolve("target/classes/com/example/platform/PlatformReconciler.class")).exists();
        assertThat(Files.readString(consumer.resolve(
                "target/surefire-reports/com.example.platform.PlatformReconcilerTest.txt")))
                .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
    }

    /** The BOM, the parent POM, and each library module's POM and jar, as a deploy would publish them. */
    private static void publish(Path reactor, Path repository, String version) throws IOException {
        install(reactor.resolve("gitops4j-bom/pom.xml"), repository, "gitops4j-bom", version, "pom");
        install(reactor.resolve("pom.xml"), repository, "gitops4j-parent", version, "pom");
        for (String module : PUBLISHED_MODULES) {
            Path jar = reactor.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
            assertThat(jar).as("built by the package phase before this test").exists();
            install(reactor.resolve(module).resolve("pom.xml"), repository, module, version, "pom");
            install(jar, repository, module, version, "jar");
        }
    }

    private static void install(Path file, Path repository, String artifactId, String version, String extension)
            throws IOException {
        Path directory = repository.resolve("io/gitops4j").resolve(artifactId).resolve(version);
        Files.createDirectories(directory);
        Files.copy(file, directory.resolve(artifactId + "-" + version + "." + extension),
                StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Every third-party artifact of the local repository, none of ours: jars hard-linked (Maven never
     * writes to them; copied where links fail), every other file copied, so that the resolver's
     * tracking files it may rewrite in place are the consumer's own.
     */
    private static void linkThirdPartyLibraries(Path from, Path to) throws IOException {
        Path ours = from.resolve("io/gitops4j");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).filter(file -> !file.startsWith(ours)).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                if (!file.getFileName().toString().endsWith(".jar")) {
                    Files.copy(file, target);
                    continue;
                }
                try {
                    Files.createLink(target, file);
                } catch (IOException | UnsupportedOperationException e) {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !from.relativize(f).startsWith("target"))
                    .toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
