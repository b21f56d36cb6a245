package io.gitops4j.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Shared-secret checks of webhook requests, in constant time. */
final class Signatures {

    private Signatures() {
    }

    /** Whether {@code hexSignature} is the HMAC-SHA256 of {@code body} under {@code secret} (hex, any case). */
    static boolean hmacSha256Matches(String secret, byte[] body, String hexSignature) {
        byte[] expected = HexFormat.of().formatHex(hmacSha256(secret, body)).getBytes(StandardCharsets.US_ASCII);
        return sameBytes(expected, hexSignature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether two texts are equal, in time that depends on neither's content nor length. */
    static boolean sameText(String expected, String given) {
        return sameBytes(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameBytes(byte[] expected, byte[] given) {
        // Digests first, so the comparison's time does not depend on the lengths either.
        return MessageDigest.isEqual(sha256(expected), sha256(given));
    }

    private static byte[] hmacSha256(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is always available", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
