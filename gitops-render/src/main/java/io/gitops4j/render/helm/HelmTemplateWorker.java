package io.gitops4j.render.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The main class of the Helm worker process ({@link HelmProcess} starts it): loads helm-java's
 * native Helm, starts the {@link EmptyKubernetesApi} the environment's {@code KUBECONFIG} is made
 * to point at, connects to the renderer's socket and answers {@link TemplateCall}s one after the
 * other until the renderer closes the connection, then deletes its directory (the socket's). It
 * needs only the JDK and helm-java on its class path.
 */
final class HelmTemplateWorker {

    /** Sent once the native library is loaded and the worker takes calls. */
    static final int READY = 0x47344A48;
    static final byte SUCCEEDED = 0;
    static final byte FAILED = 1;

    private HelmTemplateWorker() {
    }

    /**
     * @param args the Unix socket to connect to
     */
    public static void main(String[] args) throws IOException {
        Path socket = Path.of(args[0]);
        Path kubeconfig = Path.of(System.getenv("KUBECONFIG"));
        try (EmptyKubernetesApi api = EmptyKubernetesApi.start(kubeconfig);
                SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            Helm.version().call();
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Channels.newOutputStream(channel)));
            out.writeInt(READY);
            out.flush();
            serve(in, out);
        } finally {
            DirectoryTrees.delete(socket.getParent());
        }
        System.exit(0);
    }

    private static void serve(DataInputStream in, DataOutputStream out) throws IOException {
        while (true) {
            TemplateCall call;
            try {
                call = TemplateCall.read(in);
            } catch (EOFException e) {
                return;
            }
            byte status;
            byte[] answer;
            try {
                answer = template(call).getBytes(StandardCharsets.UTF_8);
                status = SUCCEEDED;
                if (answer.length > call.maxOutputBytes()) {
                    status = FAILED;
                    answer = ("helm template printed " + answer.length + " bytes, more than the limit of "
                            + call.maxOutputBytes() + " (HelmLimits.maxOutputBytes)").getBytes(StandardCharsets.UTF_8);
                }
            } catch (RuntimeException | OutOfMemoryError e) {
                status = FAILED;
                answer = String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8);
            }
            out.writeByte(status);
            out.writeInt(answer.length);
            out.write(answer);
            out.flush();
        }
    }

    private static String template(TemplateCall call) {
        TemplateCommand command = new Helm(Path.of(call.chart())).template()
                .withName(call.releaseName())
                .withNamespace(call.namespace());
        if (!call.kubeVersion().isEmpty()) {
            command.withKubeVersion(call.kubeVersion());
        }
        for (String file : call.valuesFiles()) {
            command.withValuesFile(Path.of(file));
        }
        for (Map.Entry<String, String> value : call.values().entrySet()) {
            command.set(value.getKey(), value.getValue());
        }
        String output = command.call();
        return output == null ? "" : output;
    }
}
