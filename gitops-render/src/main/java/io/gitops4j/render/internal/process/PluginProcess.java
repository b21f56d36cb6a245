package io.gitops4j.render.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external program for the renderers (Kustomize's exec plugins and KRM functions, Argo
 * CD's config management plugins): no shell (the command is an argument list), a given working
 * directory, exactly the given environment, the input on stdin, at most a time limit (then it and
 * its descendants are killed) and an output limit (then likewise). Standard output is collected in
 * memory up to the limit, never in a file, so a program printing without end costs at most the
 * limit in heap and nothing on disk; its error output is kept, bounded (64 KiB), for the message
 * when it fails.
 */
public final class PluginProcess {

    /** How much of the error output goes into a message. */
    private static final int ERROR_TAIL = 2000;
    /** How much error output is kept while the program runs. */
    private static final int ERROR_KEPT = 64 * 1024;
    /** How long to wait for the pipes to drain once the program ended. */
    private static final long DRAIN_MILLIS = 5000;

    private PluginProcess() {
    }

    /**
     * Runs the program and returns its standard output.
     *
     * @param what names the plugin in messages ("exec plugin 'X'")
     * @param command the program (an absolute path) and its arguments
     * @param directory the working directory
     * @param environment the whole environment of the program
     * @param stdin what the program reads
     * @param timeout the time limit
     * @param maxOutput the output limit in bytes
     * @return what the program printed on stdout
     * @throws IllegalArgumentException naming the plugin when it cannot start, runs too long or
     *     prints too much; a {@link Failure} when it exits non-zero
     */
    public static byte[] run(String what, List<String> command, Path directory, Map<String, String> environment,
            byte[] stdin, Duration timeout, long maxOutput) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " could not run: " + e.getMessage(), e);
        }
        BoundedSink out = new BoundedSink(maxOutput, process);
        BoundedSink err = new BoundedSink(ERROR_KEPT, null);
        Thread outReader = pump(process.getInputStream(), out, "plugin-stdout");
        Thread errReader = pump(process.getErrorStream(), err, "plugin-stderr");
        Thread writer = feed(process.getOutputStream(), stdin);
        try {
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                // only then: destroying a Process also closes its pipes, losing output not yet read
                kill(process);
            }
            outReader.join(DRAIN_MILLIS);
            errReader.join(DRAIN_MILLIS);
            writer.join(DRAIN_MILLIS);
            if (!finished) {
                throw new IllegalArgumentException(what + " did not finish within " + describe(timeout)
                        + "; it was killed" + stderr(err));
            }
            if (out.overflowed()) {
                throw new IllegalArgumentException(what + " printed more than " + maxOutput
                        + " bytes; it was stopped (raise its output limit if that much output is expected)"
                        + stderr(err));
            }
            if (process.exitValue() != 0) {
                throw new Failure(what + " failed: exit status " + process.exitValue() + stderr(err), out.bytes(),
                        process.exitValue(), errorText(err));
            }
            return out.bytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            throw new IllegalArgumentException("interrupted while running " + what, e);
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    private static String stderr(BoundedSink err) {
        String text = errorText(err);
        return text.isEmpty() ? "" : "; its error output: " + text;
    }

    /** The last {@value #ERROR_TAIL} characters of the error output, stripped. */
    private static String errorText(BoundedSink err) {
        String text = new String(err.bytes(), StandardCharsets.UTF_8).strip();
        return text.length() > ERROR_TAIL ? "..." + text.substring(text.length() - ERROR_TAIL) : text;
    }

    private static Thread pump(InputStream in, BoundedSink sink, String name) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    sink.write(buffer, n);
                }
            } catch (IOException e) {
                // the program was killed or closed its end; what was read is kept
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static Thread feed(OutputStream stdin, byte[] input) {
        Thread thread = new Thread(() -> {
            try (stdin) {
                stdin.write(input);
            } catch (IOException e) {
                // the program does not read all of its input, as many generators do not
            }
        }, "plugin-stdin");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A program that ended with a non-zero exit status, with what it printed. */
    public static final class Failure extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final transient byte[] stdout;
        private final int exitStatus;
        private final String errorOutput;

        Failure(String message, byte[] stdout, int exitStatus, String errorOutput) {
            super(message);
            this.stdout = stdout;
            this.exitStatus = exitStatus;
            this.errorOutput = errorOutput;
        }

        /**
         * What the program printed on stdout, within the output limit.
         *
         * @return the bytes
         */
        public byte[] stdout() {
            return stdout.clone();
        }

        /**
         * The program's exit status.
         *
         * @return a non-zero status
         */
        public int exitStatus() {
            return exitStatus;
        }

        /**
         * The end of the program's error output, stripped; empty when it printed none.
         *
         * @return the text
         */
        public String errorOutput() {
            return errorOutput;
        }
    }

    /** Keeps at most {@code limit} bytes; past it, marks the overflow and kills the program, if given. */
    private static final class BoundedSink {
        private final long limit;
        private final Process process;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private boolean overflowed;

        BoundedSink(long limit, Process process) {
            this.limit = limit;
            this.process = process;
        }

        synchronized void write(byte[] data, int length) {
            long room = limit - buffer.size();
            if (length > room) {
                buffer.write(data, 0, (int) Math.max(0, room));
                if (!overflowed && process != null) {
                    overflowed = true;
                    kill(process);
                }
                return;
            }
            buffer.write(data, 0, length);
        }

        synchronized boolean overflowed() {
            return overflowed;
        }

        synchronized byte[] bytes() {
            return buffer.toByteArray();
        }
    }
}
