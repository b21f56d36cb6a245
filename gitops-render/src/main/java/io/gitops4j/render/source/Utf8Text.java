package io.gitops4j.render.source;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that must be UTF-8, as Kubernetes manifests, kustomizations and values files are: decoded
 * strictly, so that a file saved in another encoding is refused with its name and the place of
 * its first invalid byte rather than read with replacement characters or reported as
 * "Input length = 1".
 */
public final class Utf8Text {

    private Utf8Text() {
    }

    /**
     * @param bytes the raw content
     * @param source the file (relative to the repository root) or command the bytes came from
     * @return the text
     * @throws RenderException naming {@code source}, the byte offset and the line of the first
     *     byte that is not valid UTF-8
     */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, (long) bytes.length + 1));
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw invalid(bytes, in.position(), source);
        }
        result = decoder.flush(out);
        if (result.isError()) {
            throw invalid(bytes, in.position(), source);
        }
        return out.flip().toString();
    }

    /**
     * Whether the bytes are valid UTF-8.
     *
     * @param bytes the bytes
     * @return whether they decode without a malformed or unmappable sequence
     */
    public static boolean isValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static RenderException invalid(byte[] bytes, int offset, String source) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return new RenderException(source + " is not valid UTF-8: byte 0x"
                + String.format("%02X", bytes[offset] & 0xff) + " at byte offset " + offset + " (line " + line
                + ") is not part of a UTF-8 character; convert it to UTF-8");
    }
}
