package io.gitops4j.render.helm;

import com.marcnuri.helm.jni.NativeLibrary;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code helm template} in a worker JVM of its own ({@link HelmTemplateWorker}) rather than
 * in this one. helm-java 0.0.21 templates in Helm's "dry run none" mode, in which the {@code lookup}
 * template function queries the cluster of the kubeconfig its native code finds in the process
 * environment ({@code KUBECONFIG}, {@code ~/.kube/config}, the in-cluster service account, or
 * {@code localhost:8080}); its Java API cannot pass another mode or kubeconfig, and the native
 * code reads the environment once, when the library loads. So the worker is started with an
 * environment of our making: no variables of this process, a home and Helm directories of its own,
 * and a {@code KUBECONFIG} that points at the worker's {@link EmptyKubernetesApi}. Lookups find
 * nothing, as in {@code helm template}; no cluster and no chart repository is contacted.
 *
 * <p>The worker is started on first use and kept for later calls (loading Helm takes a second or
 * two), one call at a time; a call that takes longer than {@link HelmLimits#timeout()} stops it,
 * as does any failure of the process itself, and the next call starts a new one. Calls and answers
 * travel over a Unix socket in a private directory, so nothing Helm prints can disturb them.
 *
 * <p>Helm's native library is not a dependency of gitops-render: the application adds helm-java's
 * jar for its platform ({@code com.marcnuri.helm-java:linux-amd64} and so on). Without it no worker
 * is started and the call fails with a {@link HelmException} naming the jar to add.
 */
final class HelmProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HelmProcess.class);
    private static final String SKIP_REMOTE_NATIVE_JAR = "com.marcnuri.jkube-helm.skipRemoteJar";
    private static final int LOG_TAIL = 2000;
    /** How long the worker may take to start and load Helm, whatever the templating limit. */
    private static final Duration STARTUP = Duration.ofMinutes(2);

    /** Unix socket paths are limited to about 108 bytes. */
    private static final int MAX_SOCKET_PATH = 100;

    private final HelmLimits limits;
    private final Path temporary;
    private Worker worker;
    private boolean closed;

    /**
     * @param temporary where the worker's directory is made (the system's temporary directory when
     *     a socket there would have too long a path)
     */
    HelmProcess(HelmLimits limits, Path temporary) {
        this.limits = limits;
        this.temporary = temporary;
    }

    /** A running worker: its process, directory and connection. */
    private record Worker(Process process, Path directory, SocketChannel channel, DataInputStream in,
            DataOutputStream out) {
    }

    /**
     * @param chartName the chart, for messages
     * @return what {@code helm template} printed
     * @throws HelmException with Helm's message when the chart fails, or naming the limit or the
     *     worker failure
     */
    synchronized String template(TemplateCall call, String chartName) {
        if (closed) {
            throw new HelmException("the Helm renderer is closed");
        }
        Worker current = running();
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = stopAfter(limits.timeout(), current, timedOut);
        try {
            call.write(current.out());
            current.out().flush();
            byte status = current.in().readByte();
            byte[] answer = TemplateCall.readBytes(current.in(), limits.maxOutputBytes());
            String text = new String(answer, StandardCharsets.UTF_8);
            if (status != HelmTemplateWorker.SUCCEEDED) {
                throw new HelmException("helm template of " + chartName + " failed: " + firstLine(text));
            }
            return text;
        } catch (IOException e) {
            stop();
            if (timedOut.get()) {
                throw new HelmException("helm template of " + chartName + " did not finish within "
                        + limits.timeout().toSeconds() + " s; it was stopped (HelmLimits.timeout)", e);
            }
            throw new HelmException("the Helm process stopped while templating " + chartName + ": " + describe(e)
                    + logTail(current), e);
        } finally {
            watchdog.cancel(false);
        }
    }

    private Worker running() {
        if (worker != null && worker.process().isAlive()) {
            return worker;
        }
        stop();
        worker = start();
        return worker;
    }

    private Worker start() {
        requireNativeLibrary(ServiceLoader.load(NativeLibrary.class, NativeLibrary.class.getClassLoader()),
                System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        Path directory;
        try {
            Path parent = temporary.toAbsolutePath().toString().length() + 50 > MAX_SOCKET_PATH
                    ? Path.of(System.getProperty("java.io.tmpdir")) : temporary;
            directory = Files.createTempDirectory(Files.createDirectories(parent), "gitops4j-helm-worker-");
        } catch (IOException e) {
            throw new HelmException("cannot start the Helm process: " + e.getMessage(), e);
        }
        Process process = null;
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            Path socket = directory.resolve("socket");
            server.bind(UnixDomainSocketAddress.of(socket));
            process = launch(directory, socket);
            AtomicBoolean timedOut = new AtomicBoolean();
            Process started = process;
            CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> { },
                    CompletableFuture.delayedExecutor(STARTUP.toMillis(), TimeUnit.MILLISECONDS))
                    .thenRun(() -> {
                        timedOut.set(true);
                        started.destroyForcibly();
                        close(server);
                    });
            started.onExit().thenRun(() -> close(server));
            try {
                SocketChannel channel = server.accept();
                DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
                Worker ready = new Worker(process, directory, channel, in, out);
                if (in.readInt() != HelmTemplateWorker.READY) {
                    throw new IOException("the Helm process answered something unexpected");
                }
                return ready;
            } catch (IOException e) {
                throw timedOut.get() ? new IOException("it did not start within " + STARTUP.toSeconds() + " s", e) : e;
            } finally {
                watchdog.cancel(false);
            }
        } catch (IOException e) {
            Worker failed = new Worker(process, directory, null, null, null);
            String tail = logTail(failed);
            stop(failed);
            throw new HelmException("cannot start the Helm process: " + describe(e) + tail, e);
        }
    }

    /**
     * Refuses to start a worker when no native Helm library is on the class path: helm-java would
     * otherwise fail inside the worker, or fetch the jar from Maven Central at run time.
     *
     * @param libraries the native libraries found (helm-java's {@link NativeLibrary} services)
     * @throws HelmException naming the artifact to add for this platform
     */
    static void requireNativeLibrary(Iterable<? extends NativeLibrary> libraries, String osName, String osArch) {
        if (libraries.iterator().hasNext()) {
            return;
        }
        String platform = platform(osName, osArch);
        String coordinates = "com.marcnuri.helm-java:" + (platform.isEmpty() ? "<platform>" : platform) + ":"
                + helmJavaVersion();
        throw new HelmException("Helm charts need Helm's native library, which is not on the class path: add the "
                + "dependency " + coordinates + " (runtime scope" + (platform.isEmpty() ? "; one of linux-amd64, "
                + "linux-arm64, darwin-amd64, darwin-arm64, windows-amd64" : ", for " + osName + " " + osArch) + ")");
    }

    /** helm-java's name for a platform's native jar, or empty when it publishes none for it. */
    static String platform(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> "";
        };
        String system = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "darwin"
                : os.startsWith("windows") ? "windows" : "";
        if (arch.isEmpty() || system.isEmpty() || system.equals("windows") && arch.equals("arm64")) {
            return "";
        }
        return system + "-" + arch;
    }

    /** The version of helm-java in use, which its native jar must match. */
    private static String helmJavaVersion() {
        try (InputStream in = NativeLibrary.class.getResourceAsStream(
                "/META-INF/maven/com.marcnuri.helm-java/lib-api/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "<helm-java's version>");
            }
        } catch (IOException e) {
            // the version is only for the message
        }
        return "<helm-java's version>";
    }

    private Process launch(Path directory, Path socket) throws IOException {
        Path home = Files.createDirectories(directory.resolve("home"));
        Path temporary = Files.createDirectories(directory.resolve("tmp"));
        List<String> command = new ArrayList<>();
        command.add(WorkerClasspath.javaExecutable().toString());
        command.add("-Xmx" + ((128L << 20) + 4 * limits.maxOutputBytes()));
        command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Djna.encoding=UTF-8",
                "-Djava.io.tmpdir=" + temporary, "-Djna.tmpdir=" + temporary, "-D" + SKIP_REMOTE_NATIVE_JAR + "=true",
                "-cp", WorkerClasspath.of(), HelmTemplateWorker.class.getName(), socket.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(directory.resolve("worker.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("KUBECONFIG", directory.resolve("kubeconfig").toString());
        env.put("HOME", home.toString());
        env.put("HELM_CACHE_HOME", home.resolve("cache").toString());
        env.put("HELM_CONFIG_HOME", home.resolve("config").toString());
        env.put("HELM_DATA_HOME", home.resolve("data").toString());
        env.put("TMPDIR", temporary.toString());
        env.put("NO_PROXY", "*");
        LOG.debug("starting the Helm process in {}", directory);
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    private CompletableFuture<Void> stopAfter(Duration timeout, Worker current, AtomicBoolean timedOut) {
        return CompletableFuture.runAsync(() -> { },
                CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)).thenRun(() -> {
                    timedOut.set(true);
                    current.process().destroyForcibly();
                    close(current.channel());
                });
    }

    private void stop() {
        if (worker != null) {
            stop(worker);
            worker = null;
        }
    }

    private static void stop(Worker worker) {
        if (worker.channel() != null) {
            close(worker.channel());
        }
        Process process = worker.process();
        if (process != null) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        DirectoryTrees.delete(worker.directory());
    }

    private static String logTail(Worker worker) {
        Path log = worker.directory().resolve("worker.log");
        try {
            String text = Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8).strip() : "";
            if (text.isEmpty()) {
                return "";
            }
            return "; it printed: " + (text.length() <= LOG_TAIL ? text : "..." + text.substring(text.length() - LOG_TAIL));
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is how a stuck call is interrupted; nothing more to do
        }
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String firstLine(String message) {
        String trimmed = message.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
    }

    /** Stops the worker; a later call is refused. */
    @Override
    public synchronized void close() {
        closed = true;
        stop();
    }
}
