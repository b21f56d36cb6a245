package io.gitops4j.core.git;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (fetch only) on {@code 127.0.0.1}, on JGit's {@link UploadPack} and
 * the JDK's HTTP server, for tests that need a remote a URL with credentials can point at.
 * {@code /<name>.git} (or {@code /<name>}, {@code /<name>/}, in any case, as GitHub answers)
 * serves the repository registered under that name to anyone, or only with the Basic
 * credentials it was registered with; {@code /private.git} always answers 401 (so JGit asks for
 * credentials); everything else is 404. Every {@code Authorization} header received is kept,
 * decoded, and the ref advertisements ({@code ls-remote}, and the first step of a fetch) and
 * pack uploads (fetches) of each repository are counted.
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String INFO_REFS = "/info/refs";
    private static final String UPLOAD_PACK = "/git-upload-pack";

    private final HttpServer server;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final Map<String, String> required = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> advertisements = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uploads = new ConcurrentHashMap<>();

    private GitHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts a server on a free port of the loopback address. */
    public static GitHttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            GitHttpServer git = new GitHttpServer(server);
            server.createContext("/", git::handle);
            server.start();
            return git;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the repository (bare or not) in the folder as {@code /<name>.git}. */
    public GitHttpServer serve(String name, Path folder) {
        try {
            Repository repository = new FileRepositoryBuilder().findGitDir(folder.toFile()).setMustExist(true).build();
            repositories.put(name.toLowerCase(Locale.ROOT), repository);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the repository only to requests with these Basic credentials; others get 401. */
    public GitHttpServer servePrivately(String name, Path folder, String user, String password) {
        required.put(name.toLowerCase(Locale.ROOT), user + ":" + password);
        return serve(name, folder);
    }

    /** How many times the refs of the repository were advertised (each ls-remote, and each fetch's first step). */
    public int advertisements(String name) {
        return advertisements.getOrDefault(name.toLowerCase(Locale.ROOT), new AtomicInteger()).get();
    }

    /** How many pack requests the repository answered (one or more per fetch, none for an ls-remote). */
    public int uploads(String name) {
        return uploads.getOrDefault(name.toLowerCase(Locale.ROOT), new AtomicInteger()).get();
    }

    /** {@code http://127.0.0.1:<port>/}. */
    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** {@code http://<userInfo>@127.0.0.1:<port>/<name>.git}; no user info when it is empty. */
    public String url(String userInfo, String name) {
        String at = userInfo.isEmpty() ? "" : userInfo + "@";
        return "http://" + at + "127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".git";
    }

    /** The decoded {@code user:password} of every Basic {@code Authorization} header received. */
    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
        repositories.values().forEach(Repository::close);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            String basic = "";
            if (authorization != null && authorization.startsWith("Basic ")) {
                basic = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
                authorizations.add(basic);
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/private.git/")) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            String rest = path.endsWith(INFO_REFS) ? INFO_REFS : path.endsWith(UPLOAD_PACK) ? UPLOAD_PACK : "";
            String name = path.substring(0, path.length() - rest.length()).replaceAll("^/+|/+$", "")
                    .replaceAll("\\.git$", "").toLowerCase(Locale.ROOT);
            Repository repository = rest.isEmpty() ? null : repositories.get(name);
            if (repository != null && required.containsKey(name) && !required.get(name).equals(basic)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            if (repository != null && rest.equals(INFO_REFS) && "service=git-upload-pack".equals(exchange.getRequestURI().getQuery())) {
                advertisements.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                advertise(exchange, repository);
            } else if (repository != null && rest.equals(UPLOAD_PACK) && exchange.getRequestMethod().equals("POST")) {
                uploads.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                upload(exchange, repository);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void advertise(HttpExchange exchange, Repository repository) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-advertisement");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream body = exchange.getResponseBody(); UploadPack uploadPack = new UploadPack(repository)) {
            PacketLineOut packets = new PacketLineOut(body);
            packets.writeString("# service=git-upload-pack\n");
            packets.end();
            uploadPack.setBiDirectionalPipe(false);
            uploadPack.sendAdvertisedRefs(new RefAdvertiser.PacketLineOutRefAdvertiser(packets));
        }
    }

    private static void upload(HttpExchange exchange, Repository repository) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/x-git-upload-pack-result");
        exchange.sendResponseHeaders(200, 0);
        InputStream request = exchange.getRequestBody();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            request = new GZIPInputStream(request);
        }
        try (OutputStream body = exchange.getResponseBody(); UploadPack uploadPack = new UploadPack(repository)) {
            uploadPack.setBiDirectionalPipe(false);
            uploadPack.upload(request, body, null);
        }
    }
}
