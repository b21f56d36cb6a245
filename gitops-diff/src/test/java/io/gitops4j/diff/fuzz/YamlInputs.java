package io.gitops4j.diff.fuzz;

import java.util.List;
import java.util.Random;

/**
 * Generated YAML for fuzzing the readers: realistic manifests mutated at random, YAML built from
 * its hardest features (anchors, aliases, merge keys, tags, block scalars, flow collections,
 * tabs, deep nesting), and plain noise over YAML's indicator characters.
 */
public final class YamlInputs {

    /** Realistic seeds, each exercising a few features. */
    public static final List<String> SEEDS = List.of("""
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: &labels {app: web, tier: "front"}
            spec:
              replicas: 3
              selector:
                matchLabels: *labels
              template:
                metadata:
                  labels: *labels
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    args: [--port, "8080"]
                    env:
                    - {name: A, value: 'x'}
                    resources: {limits: {cpu: 500m, memory: 1Gi}}
            """, """
            apiVersion: v1
            kind: ConfigMap
            metadata:\t
              name: cfg
              annotations:
                note: >
                  folded
                  text
            data:
              script: |
                #!/bin/sh
                echo "$HOME"\t
              mode: 0755
              enabled: yes
              when: 2024-01-01
            ---
            base: &base {a: 1, b: [1, 2]}
            derived:
              <<: [*base, {c: 3}]
              a: 2
            """, """
            {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "svc"},
             "spec": {"ports": [{"port": 80, "targetPort": 8080}], "selector": {"app": "web"}}}
            """, """
            %YAML 1.1
            --- !!map
            ? complex
            : value
            key: !!str 12
            bin: !!binary aGVsbG8=
            list:
            - - nested
              - &n 1.5e3
            - *n
            "quoted \\t \\u00e9": 'single ''quote'''
            ...
            """);

    private static final String ALPHABET = " \t\n:-?[]{},#&*!|>'\"%@`\\<.0123456789abcyYnN~\r\u00e9\uFEFF\u0085";

    private YamlInputs() {
    }

    /** One input: a mutated seed, a structured document or noise. */
    public static String any(Random random) {
        int kind = random.nextInt(10);
        if (kind < 6) {
            return mutate(random, SEEDS.get(random.nextInt(SEEDS.size())));
        }
        return kind < 9 ? structured(random) : noise(random, 1 + random.nextInt(400));
    }

    /** Applies one to eight random edits. */
    public static String mutate(Random random, String text) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(8);
        for (int e = 0; e < edits; e++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length());
            switch (random.nextInt(7)) {
                case 0 -> out.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 1 -> out.delete(at, Math.min(out.length(), at + 1 + random.nextInt(20)));
                case 2 -> {
                    int end = Math.min(out.length(), at + 1 + random.nextInt(200));
                    String piece = out.substring(at, end);
                    out.insert(at, piece.repeat(1 + random.nextInt(5)));
                }
                case 3 -> out.insert(at, random.nextBoolean() ? " &a " : " *a ");
                case 4 -> out.insert(at, "\n<<: *a\n");
                case 5 -> out.insert(at, noise(random, 1 + random.nextInt(10)));
                default -> {
                    if (at < out.length()) {
                        out.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                }
            }
        }
        return out.toString();
    }

    /** A document built from anchors, aliases, merges, nesting and scalars of every style. */
    public static String structured(Random random) {
        StringBuilder out = new StringBuilder();
        int anchors = 0;
        int entries = 1 + random.nextInt(12);
        for (int i = 0; i < entries; i++) {
            out.append("k").append(i).append(": ");
            switch (random.nextInt(8)) {
                case 0 -> {
                    out.append("&a").append(anchors++).append(' ').append(flow(random, 1 + random.nextInt(3)));
                }
                case 1 -> {
                    if (anchors > 0) {
                        out.append('[');
                        int fan = 1 + random.nextInt(12);
                        for (int f = 0; f < fan; f++) {
                            out.append(f == 0 ? "" : ", ").append("*a").append(random.nextInt(anchors));
                        }
                        out.append(']');
                        out.insert(out.lastIndexOf(": ") + 2, "&a" + anchors++ + " ");
                    } else {
                        out.append("~");
                    }
                }
                case 2 -> out.append("\n  <<: ").append(anchors > 0 ? "*a" + random.nextInt(anchors) : "{m: 1}")
                        .append("\n  own: 1");
                case 3 -> out.append("[".repeat(random.nextInt(8) == 0 ? random.nextInt(1_100) : random.nextInt(40)))
                        .append('x');
                case 4 -> out.append("|").append(random.nextBoolean() ? "-" : "+").append("\n  ")
                        .append("line\t".repeat(random.nextInt(50)));
                case 5 -> out.append('"').append(noise(random, random.nextInt(30)).replace("\"", "\\\"")).append('"');
                case 6 -> out.append(scalar(random));
                default -> out.append("x".repeat(random.nextInt(20_000)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String flow(Random random, int depth) {
        if (depth == 0) {
            return scalar(random);
        }
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "{" : "[");
        boolean mapping = out.charAt(0) == '{';
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            out.append(i == 0 ? "" : ", ");
            if (mapping) {
                out.append(scalar(random)).append(": ");
            }
            out.append(flow(random, depth - 1));
        }
        return out.append(mapping ? "}" : "]").toString();
    }

    private static String scalar(Random random) {
        String[] scalars = {"yes", "n", "0755", "0o17", "1e400", ".inf", "~", "2024-1-2", "<<", "!!int 3",
            "!!bool maybe", "'q'", "1_000", "-0b101", "0x", "3.0", "on", "\"\\u00e9\"", "!custom x", "18446744073709551616"};
        return scalars[random.nextInt(scalars.length)];
    }

    /** Characters drawn from YAML's indicators, digits and a few letters. */
    public static String noise(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
