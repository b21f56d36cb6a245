package io.gitops4j.core.server;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body no longer than a limit, without reading on past it. */
final class PayloadReader {

    private PayloadReader() {
    }

    /** The body; empty when its {@code Content-Length} or its length passes {@code max} bytes. */
    static Optional<byte[]> read(HttpExchange exchange, long max) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > max) {
                    return Optional.empty();
                }
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > max) {
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
            }
        }
        return Optional.of(out.toByteArray());
    }
}
