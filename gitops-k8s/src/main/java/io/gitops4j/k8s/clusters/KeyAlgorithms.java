package io.gitops4j.k8s.clusters;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The algorithm of a PEM client key, which fabric8 must be told ({@code clientKeyAlgo}, RSA by
 * default): from the PEM header ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}) or, for a PKCS#8
 * {@code PRIVATE KEY}, from which key factory accepts it. Never puts the key into text.
 */
final class KeyAlgorithms {

    private KeyAlgorithms() {
    }

    /** {@code RSA} or {@code EC} for the base64 of a PEM private key; {@code RSA} when it cannot tell. */
    static String of(String keyData) {
        String pem = new String(Base64.getMimeDecoder().decode(keyData), StandardCharsets.UTF_8);
        if (pem.contains("BEGIN EC PRIVATE KEY")) {
            return "EC";
        }
        int begin = pem.indexOf("-----BEGIN PRIVATE KEY-----");
        int end = pem.indexOf("-----END PRIVATE KEY-----");
        if (begin < 0 || end < begin) {
            return "RSA";
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(begin + "-----BEGIN PRIVATE KEY-----".length(), end).trim());
        } catch (IllegalArgumentException e) {
            return "RSA";
        }
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
                return algorithm;
            } catch (GeneralSecurityException e) {
                // not this algorithm
            }
        }
        return "RSA";
    }
}
