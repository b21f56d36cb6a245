package io.gitops4j.render.helm;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS settings of a chart repository's {@link HelmRepositoryCredentials}: its client
 * certificate (PEM chain and key: PKCS #8, PKCS #1 RSA or SEC 1 EC) and, with {@code insecure},
 * a trust manager that accepts any server certificate for any host name, as Go's
 * {@code InsecureSkipVerify} does. Errors name the repository and the field, never a key's content.
 */
final class RepositoryTls {

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
        (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private RepositoryTls() {
    }

    /**
     * The SSL context for a repository's credentials.
     *
     * @param repository the repository, credentials removed, for messages
     * @throws HelmException when the certificate or key cannot be read
     */
    static SSLContext context(HelmRepositoryCredentials credentials, String repository) {
        try {
            KeyManager[] keys = null;
            if (credentials.hasClientCertificate()) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                Certificate[] chain = certificates(credentials.tlsClientCertData(), repository);
                store.setKeyEntry("client", privateKey(credentials.tlsClientCertKey(), repository), new char[0], chain);
                KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                factory.init(store, new char[0]);
                keys = factory.getKeyManagers();
            }
            TrustManager[] trust = credentials.insecure() ? new TrustManager[] {new TrustingEveryone()} : null;
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, new SecureRandom());
            return context;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new HelmException("cannot use the TLS client certificate of the chart repository " + repository
                    + ": " + e.getClass().getSimpleName() + "; check tlsClientCertData and tlsClientCertKey", e);
        }
    }

    private static Certificate[] certificates(String pem, String repository) throws GeneralSecurityException {
        List<? extends Certificate> chain = List.copyOf(CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        if (chain.isEmpty()) {
            throw new HelmException("tlsClientCertData of the chart repository " + repository + " holds no PEM certificate");
        }
        return chain.toArray(new Certificate[0]);
    }

    /** A PEM private key: PKCS #8 ({@code PRIVATE KEY}), PKCS #1 ({@code RSA PRIVATE KEY}) or SEC 1 ({@code EC PRIVATE KEY}). */
    static PrivateKey privateKey(String pem, String repository) {
        Matcher block = PEM.matcher(pem);
        if (!block.find()) {
            throw new HelmException("tlsClientCertKey of the chart repository " + repository + " is not a PEM private key");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(block.group(2));
            return decode(block.group(1), der, repository);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | GeneralSecurityException e) {
            throw new HelmException("tlsClientCertKey of the chart repository " + repository + " is not a valid PEM "
                    + block.group(1), e);
        }
    }

    private static PrivateKey decode(String type, byte[] der, String repository) throws GeneralSecurityException {
        return switch (type) {
            case "PRIVATE KEY" -> pkcs8(der, repository);
            case "RSA PRIVATE KEY" -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tagged(0x04, der)))));
            case "EC PRIVATE KEY" -> KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    sequence(concat(new byte[] {0x02, 0x01, 0x00}, sequence(concat(EC_PUBLIC_KEY, curve(der, repository))),
                            tagged(0x04, der)))));
            default -> throw new HelmException("tlsClientCertKey of the chart repository " + repository + " is a PEM '"
                    + type + "'; give an unencrypted PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
        };
    }

    private static PrivateKey pkcs8(byte[] der, String repository) throws GeneralSecurityException {
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "EdDSA")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new HelmException("tlsClientCertKey of the chart repository " + repository
                + " is not an RSA, EC or Ed25519 PKCS #8 key");
    }

    /** The named curve's OID (TLV) in a SEC 1 key: {@code SEQUENCE {INTEGER, OCTET STRING, [0] OID, ...}}. */
    private static byte[] curve(byte[] sec1, String repository) {
        int[] position = {0};
        int end = enter(sec1, position, 0x30);
        skip(sec1, position);   // version
        skip(sec1, position);   // the private key
        while (position[0] < end) {
            if ((sec1[position[0]] & 0xff) == 0xa0) {
                int contentEnd = enter(sec1, position, 0xa0);
                return java.util.Arrays.copyOfRange(sec1, position[0], contentEnd);
            }
            skip(sec1, position);
        }
        throw new HelmException("tlsClientCertKey of the chart repository " + repository
                + " is an EC key without its curve; give it as PKCS #8 (BEGIN PRIVATE KEY)");
    }

    /** Reads a tag and length at {@code position}, leaves it at the content and returns the content's end. */
    private static int enter(byte[] der, int[] position, int tag) {
        if (position[0] >= der.length || (der[position[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("not DER");
        }
        position[0]++;
        int length = der[position[0]++] & 0xff;
        if (length > 0x80) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[position[0]++] & 0xff);
            }
        }
        int end = position[0] + length;
        if (end > der.length || length < 0) {
            throw new IllegalArgumentException("not DER");
        }
        return end;
    }

    private static void skip(byte[] der, int[] position) {
        position[0] = enter(der, position, der[position[0]] & 0xff);
    }

    private static byte[] sequence(byte[] content) {
        return tagged(0x30, content);
    }

    private static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffffff ? 4 : length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 + bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Accepts every server certificate and host name: {@code insecure: "true"}. */
    private static final class TrustingEveryone extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // a client's trust manager is never asked about clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            // insecure: any server
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // a client's trust manager is never asked about clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            // insecure: any server
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // a client's trust manager is never asked about clients
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // insecure: any server
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
