package io.gitops4j.benchmarks.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The inputs of the render benchmarks, written to a directory so that the same files can be
 * rendered in process (JMH) and by {@code kubectl kustomize} / {@code helm template} side by side:
 * {@code overlay/} is a 30-resource Kustomize overlay (10 services of a Deployment, a Service and
 * a ConfigMap each, with a prefix, labels, an image override, a generator and a JSON patch on a
 * base) and {@code chart/} a Helm chart of 10 services.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.gitops4j.benchmarks.render.RenderFixtures DIR}
 */
public final class RenderFixtures {

    static final int SERVICES = 10;

    private RenderFixtures() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: RenderFixtures DIR");
            System.exit(2);
        }
        write(Path.of(args[0]));
    }

    /** Writes {@code overlay/}, {@code base/} and {@code chart/} under {@code root}. */
    public static void write(Path root) {
        StringBuilder baseResources = new StringBuilder("resources:\n");
        for (int i = 0; i < SERVICES; i++) {
            String name = "svc" + i;
            file(root, "base/" + name + ".yaml", deployment(name) + "---\n" + service(name) + "---\n" + configMap(name));
            baseResources.append("- ").append(name).append(".yaml\n");
        }
        file(root, "base/kustomization.yaml", baseResources + "commonLabels:\n  app.kubernetes.io/part-of: shop\n");
        file(root, "overlay/kustomization.yaml", """
                resources:
                - ../base
                namespace: shop-prod
                namePrefix: prod-
                labels:
                - pairs: {env: prod}
                  includeSelectors: false
                commonAnnotations:
                  owner: team-shop
                images:
                - name: nginx
                  newName: registry.example.com/nginx
                  newTag: "1.27"
                replicas:
                - name: svc0
                  count: 5
                configMapGenerator:
                - name: svc1-config
                  behavior: merge
                  literals: [REGION=eu-west-1, TIER=gold]
                patches:
                - target: {kind: Deployment, name: svc2}
                  patch: |-
                    - op: add
                      path: /spec/template/spec/containers/0/args
                      value: [--verbose]
                """);
        writeChart(root.resolve("chart"));
    }

    private static void writeChart(Path chart) {
        file(chart, "Chart.yaml", "apiVersion: v2\nname: shop\nversion: 1.0.0\nappVersion: \"1.0\"\n");
        StringBuilder values = new StringBuilder("image: {repository: nginx, tag: \"1.27\"}\nservices:\n");
        for (int i = 0; i < SERVICES; i++) {
            values.append("  - {name: svc").append(i).append(", replicas: ").append(1 + i % 3).append(", port: ")
                    .append(8080 + i).append("}\n");
        }
        file(chart, "values.yaml", values.toString());
        file(chart, "templates/_helpers.tpl", """
                {{- define "shop.labels" -}}
                app.kubernetes.io/instance: {{ .Release.Name }}
                app.kubernetes.io/managed-by: {{ .Release.Service }}
                helm.sh/chart: {{ .Chart.Name }}-{{ .Chart.Version }}
                {{- end -}}
                """);
        file(chart, "templates/services.yaml", """
                {{- range .Values.services }}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: {{ $.Release.Name }}-{{ .name }}
                  labels:
                    {{- include "shop.labels" $ | nindent 4 }}
                spec:
                  replicas: {{ .replicas }}
                  selector:
                    matchLabels: {app: {{ .name }}}
                  template:
                    metadata:
                      labels: {app: {{ .name }}}
                    spec:
                      containers:
                      - name: {{ .name }}
                        image: "{{ $.Values.image.repository }}:{{ $.Values.image.tag }}"
                        ports: [{containerPort: {{ .port }}}]
                        envFrom: [{configMapRef: {name: {{ $.Release.Name }}-{{ .name }}}}]
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: {{ $.Release.Name }}-{{ .name }}
                  labels:
                    {{- include "shop.labels" $ | nindent 4 }}
                spec:
                  selector: {app: {{ .name }}}
                  ports: [{port: 80, targetPort: {{ .port }}}]
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: {{ $.Release.Name }}-{{ .name }}
                data:
                  PORT: {{ .port | quote }}
                {{- end }}
                """);
    }

    private static String deployment(String name) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %1$s
                spec:
                  replicas: 2
                  selector:
                    matchLabels: {app: %1$s}
                  template:
                    metadata:
                      labels: {app: %1$s}
                    spec:
                      containers:
                      - name: %1$s
                        image: nginx:1.25
                        ports: [{containerPort: 8080}]
                        envFrom: [{configMapRef: {name: %1$s-config}}]
                        resources:
                          requests: {cpu: 100m, memory: 128Mi}
                """.formatted(name);
    }

    private static String service(String name) {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: %1$s
                spec:
                  selector: {app: %1$s}
                  ports: [{port: 80, targetPort: 8080}]
                """.formatted(name);
    }

    private static String configMap(String name) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: %1$s-config
                data:
                  LOG_LEVEL: info
                  PORT: "8080"
                """.formatted(name);
    }

    private static void file(Path root, String path, String content) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
