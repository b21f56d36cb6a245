package io.gitops4j.fake.internal.controllers;

import com.fasterxml.jackson.databind.JsonNode;
import io.gitops4j.kube.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes for generated names and ids: a stable short hash of a pod template, written with the characters Kubernetes uses for
 * generated names (no vowels, no confusable digits), like the {@code pod-template-hash} label.
 */
final class TemplateHash {

    private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

    private TemplateHash() {
    }

    /** The hex SHA-256 of a text, as image digests and container ids are written. */
    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    static String of(JsonNode template) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : Json.write(template).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        StringBuilder text = new StringBuilder();
        long value = hash & Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            text.append(ALPHABET.charAt((int) (value % ALPHABET.length())));
            value /= ALPHABET.length();
        }
        return text.toString();
    }
}
