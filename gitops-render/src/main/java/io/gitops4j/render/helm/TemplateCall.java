package io.gitops4j.render.helm;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One {@code helm template} for the Helm worker process, and how it travels there: every string as
 * its length and UTF-8 bytes. Used on both sides of the process boundary, so it needs nothing but
 * the JDK.
 *
 * @param chart the prepared chart directory in the workspace
 * @param releaseName the release name
 * @param namespace the release namespace
 * @param kubeVersion the Kubernetes version templates see; empty for Helm's default
 * @param valuesFiles values files in the workspace, in order
 * @param values {@code --set} parameters, in order
 * @param maxOutputBytes the largest output the worker may send back
 */
record TemplateCall(String chart, String releaseName, String namespace, String kubeVersion, List<String> valuesFiles,
        Map<String, String> values, long maxOutputBytes) {

    /** The largest string a call may carry. */
    static final int MAX_STRING_BYTES = 16 << 20;

    TemplateCall {
        valuesFiles = List.copyOf(valuesFiles);
        values = new LinkedHashMap<>(values);
    }

    void write(DataOutputStream out) throws IOException {
        writeString(out, chart);
        writeString(out, releaseName);
        writeString(out, namespace);
        writeString(out, kubeVersion);
        out.writeInt(valuesFiles.size());
        for (String file : valuesFiles) {
            writeString(out, file);
        }
        out.writeInt(values.size());
        for (Map.Entry<String, String> value : values.entrySet()) {
            writeString(out, value.getKey());
            writeString(out, value.getValue());
        }
        out.writeLong(maxOutputBytes);
    }

    static TemplateCall read(DataInputStream in) throws IOException {
        String chart = readString(in);
        String releaseName = readString(in);
        String namespace = readString(in);
        String kubeVersion = readString(in);
        List<String> valuesFiles = new ArrayList<>();
        for (int i = count(in); i > 0; i--) {
            valuesFiles.add(readString(in));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = count(in); i > 0; i--) {
            values.put(readString(in), readString(in));
        }
        return new TemplateCall(chart, releaseName, namespace, kubeVersion, valuesFiles, values, in.readLong());
    }

    static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(DataInputStream in) throws IOException {
        return new String(readBytes(in, MAX_STRING_BYTES), StandardCharsets.UTF_8);
    }

    /** A length-prefixed byte array no longer than {@code max}. */
    static byte[] readBytes(DataInputStream in, long max) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > max) {
            throw new IOException("a message of " + length + " bytes, more than " + max);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    private static int count(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("a list of " + count + " entries");
        }
        return count;
    }
}
