package io.gitops4j.core.git;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;

/**
 * Strict host key checking against the {@code known_hosts} lines of one {@link GitCredentials.Ssh}
 * (never the user's {@code ~/.ssh}): the server's key must be listed for the host name it was
 * reached by ({@code host} on port 22, {@code [host]:port} otherwise; hashed names too) or for
 * its address, and not be marked {@code @revoked}. Nothing is ever added. With
 * {@code insecure} every key is accepted, as Argo CD's {@code insecure}.
 */
final class KnownHosts implements ServerKeyDatabase {

    /** One known host line with its key. */
    private record Entry(KnownHostEntry host, PublicKey key, boolean revoked) {
    }

    private final List<Entry> entries;
    private final boolean acceptAny;

    private KnownHosts(List<Entry> entries, boolean acceptAny) {
        this.entries = entries;
        this.acceptAny = acceptAny;
    }

    /**
     * @throws IllegalArgumentException naming the line that cannot be read (never the key material)
     */
    static KnownHosts of(GitCredentials.Ssh credentials) {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new StringReader(credentials.knownHosts()))) {
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                entries.add(entry(text, number));
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the known_hosts lines: " + e.getMessage(), e);
        }
        return new KnownHosts(List.copyOf(entries), credentials.insecure());
    }

    private static Entry entry(String line, int number) {
        try {
            KnownHostEntry host = KnownHostEntry.parseKnownHostEntry(line);
            if (host == null || host.getKeyEntry() == null) {
                throw new IllegalArgumentException("line " + number + " of the known_hosts is not 'host key-type key'");
            }
            PublicKey key = host.getKeyEntry().resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
            return new Entry(host, key, "revoked".equals(host.getMarker()));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("line " + number + " of the known_hosts cannot be read ("
                    + e.getClass().getSimpleName() + "); it must be 'host key-type base64-key' as ssh-keyscan prints", e);
        }
    }

    @Override
    public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
        return entries.stream().filter(e -> !e.revoked() && matches(e, connectAddress, remoteAddress))
                .map(Entry::key).toList();
    }

    @Override
    public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
            Configuration config, CredentialsProvider provider) {
        boolean listed = false;
        for (Entry entry : entries) {
            if (matches(entry, connectAddress, remoteAddress) && KeyUtils.compareKeys(serverKey, entry.key())) {
                if (entry.revoked()) {
                    return false;
                }
                listed = true;
            }
        }
        return listed || acceptAny;
    }

    /** The entry names the host as it was dialled ({@code host} or {@code [host]:port}), or its address. */
    private static boolean matches(Entry entry, String connectAddress, InetSocketAddress remoteAddress) {
        String host = connectAddress;
        int port = 22;
        if (connectAddress.startsWith("[") && connectAddress.contains("]:")) {
            host = connectAddress.substring(1, connectAddress.indexOf("]:"));
            port = Integer.parseInt(connectAddress.substring(connectAddress.indexOf("]:") + 2));
        }
        if (entry.host().isHostMatch(host, port)) {
            return true;
        }
        return remoteAddress.getAddress() != null
                && entry.host().isHostMatch(remoteAddress.getAddress().getHostAddress(), remoteAddress.getPort());
    }
}
