package io.gitops4j.fake.internal.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate made for one fake API server when it starts: an ECDSA P-256 key and a self-signed
 * X.509 v3 certificate for {@code 127.0.0.1} and {@code localhost} (subject alternative names, as Go
 * clients require), which is its own certificate authority, so that a kubeconfig's
 * {@code certificate-authority-data} holding it is all kubectl and fabric8 need to trust the server.
 * The JDK has no public API to write a certificate, so its DER is written here (RFC 5280); the key
 * never leaves the process. Internal: not API.
 *
 * @param certificate the certificate
 * @param sslContext a TLS context serving with the certificate and its key
 */
public record SelfSignedCertificate(X509Certificate certificate, SSLContext sslContext) {

    private static final String CN = "gitops4j-fake";
    private static final byte[] ECDSA_WITH_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] COMMON_NAME = oid(2, 5, 4, 3);
    private static final byte[] BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final byte[] KEY_USAGE = oid(2, 5, 29, 15);
    private static final byte[] EXTENDED_KEY_USAGE = oid(2, 5, 29, 37);
    private static final byte[] SUBJECT_ALT_NAME = oid(2, 5, 29, 17);
    private static final byte[] SERVER_AUTH = oid(1, 3, 6, 1, 5, 5, 7, 3, 1);

    /**
     * Makes a key and a certificate valid from a day before {@code now} for a year.
     *
     * @param now the time the certificate's validity is counted from (the wall clock: clients check
     *     it against theirs)
     * @return the certificate and a TLS context serving with it
     * @throws IllegalStateException when the JDK offers no EC keys, ECDSA or TLS (never on a
     *     standard JDK)
     */
    public static SelfSignedCertificate create(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair keys = generator.generateKeyPair();
            byte[] tbs = tbsCertificate(keys, now);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] der = sequence(tbs, sequence(tlv(0x06, ECDSA_WITH_SHA256)), bitString(signer.sign()));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("server", keys.getPrivate(), password, new X509Certificate[] {certificate});
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(managers.getKeyManagers(), null, new SecureRandom());
            return new SelfSignedCertificate(certificate, context);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot make a certificate for the fake API server: " + e.getMessage(), e);
        }
    }

    /** {@return the certificate in PEM, as a kubeconfig's {@code certificate-authority-data} holds it (base64 of this)} */
    public String pem() {
        try {
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the fake API server's certificate", e);
        }
    }

    private static byte[] tbsCertificate(KeyPair keys, Instant now) {
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] = (byte) ((serial[0] & 0x7f) | 0x40);   // positive, and sixteen bytes long
        byte[] name = sequence(set(sequence(tlv(0x06, COMMON_NAME), tlv(0x0c, CN.getBytes(StandardCharsets.UTF_8)))));
        byte[] validity = sequence(time(now.minusSeconds(86_400)), time(now.plusSeconds(365L * 86_400)));
        byte[] extensions = sequence(
                extension(BASIC_CONSTRAINTS, true, sequence(tlv(0x01, new byte[] {(byte) 0xff}))),
                // digitalSignature (bit 0) and keyCertSign (bit 5): 1000 0100, two unused bits
                extension(KEY_USAGE, true, tlv(0x03, new byte[] {2, (byte) 0x84})),
                extension(EXTENDED_KEY_USAGE, false, sequence(tlv(0x06, SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, sequence(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                        tlv(0x87, new byte[] {127, 0, 0, 1}))));
        return sequence(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, new BigInteger(serial).toByteArray()),
                sequence(tlv(0x06, ECDSA_WITH_SHA256)), name, validity, name, keys.getPublic().getEncoded(),
                tlv(0xa3, extensions));
    }

    private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
        return critical ? sequence(tlv(0x06, oid), tlv(0x01, new byte[] {(byte) 0xff}), tlv(0x04, value))
                : sequence(tlv(0x06, oid), tlv(0x04, value));
    }

    /** UTCTime before 2050, GeneralizedTime from then on (RFC 5280 4.1.2.5). */
    private static byte[] time(Instant instant) {
        var utc = instant.atOffset(ZoneOffset.UTC);
        boolean utcTime = utc.getYear() < 2050;
        String text = utc.format(DateTimeFormatter.ofPattern(utcTime ? "yyMMddHHmmss'Z'" : "yyyyMMddHHmmss'Z'"));
        return tlv(utcTime ? 0x17 : 0x18, text.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bitString(byte[] bits) {
        byte[] content = new byte[bits.length + 1];
        System.arraycopy(bits, 0, content, 1, bits.length);
        return tlv(0x03, content);
    }

    private static byte[] sequence(byte[]... parts) {
        return tlv(0x30, concat(parts));
    }

    private static byte[] set(byte[]... parts) {
        return tlv(0x31, concat(parts));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** One DER tag-length-value. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** An object identifier's DER content. */
    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(arcs[0] * 40 + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int groups = Math.max(1, (32 - Integer.numberOfLeadingZeros(arc) + 6) / 7);
            for (int g = groups - 1; g >= 0; g--) {
                out.write(((arc >>> (7 * g)) & 0x7f) | (g == 0 ? 0 : 0x80));
            }
        }
        return out.toByteArray();
    }
}
