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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.RefAdvertiser;
import org.eclipse.jgit.transport.UploadPack;

/**
 * Git's smart HTTP protocol (fetch only) on {@code 127.0.0.1}, on JGit's {@link UploadPack} and
 * the JDK's HTTP server, for tests that need a remote a URL with credentials can point at.
 * {@code /<name>.git} serves the repository registered under that name to anyone;
 * {@code /private.git} always answers 401 (so JGit asks its CredentialsProvider); everything
 * else is 404. Every {@code Authorization} header received is kept, decoded.
 */
public final class GitHttpServer implements AutoCloseable {

    private static final String INFO_REFS = "/info/refs";
    private static final String UPLOAD_PACK = "/git-upload-pack";

    private final HttpServer server;
    private final Map<String, Repository> repositories = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

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
    public GitHttpServer serve(String name, java.nio.file.Path folder) {
        try {
            Repository repository = new FileRepositoryBuilder().findGitDir(folder.toFile()).setMustExist(true).build();
            repositories.put("/" + name + ".git", repository);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
            if (authorization != null && authorization.startsWith("Basic ")) {
                authorizations.add(new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8));
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/private.git/")) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            int end = path.indexOf(".git/");
            Repository repository = end < 0 ? null : repositories.get(path.substring(0, end + 4));
            String rest = end < 0 ? "" : path.substring(end + 4);
            if (repository != null && rest.equals(INFO_REFS) && "service=git-upload-pack".equals(exchange.getRequestURI().getQuery())) {
                advertise(exchange, repository);
            } else if (repository != null && rest.equals(UPLOAD_PACK) && exchange.getRequestMethod().equals("POST")) {
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
