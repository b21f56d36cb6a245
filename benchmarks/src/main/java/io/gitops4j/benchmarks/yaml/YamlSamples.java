package io.gitops4j.benchmarks.yaml;

/** The YAML texts the reading benchmarks parse, generated so that no fixture file is needed. */
final class YamlSamples {

    private YamlSamples() {
    }

    /**
     * A realistic multi-document file: {@code services} times a Deployment, a Service and a
     * ConfigMap, as an application's manifests directory or a rendered chart holds them.
     */
    static String manifests(int services) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < services; i++) {
            String name = "svc-" + i;
            out.append("""
                    ---
                    apiVersion: apps/v1
                    kind: Deployment
                    metadata:
                      name: %1$s
                      namespace: shop
                      labels:
                        app.kubernetes.io/name: %1$s
                        app.kubernetes.io/part-of: shop
                      annotations:
                        argocd.argoproj.io/sync-wave: "1"
                    spec:
                      replicas: 3
                      revisionHistoryLimit: 5
                      selector:
                        matchLabels:
                          app.kubernetes.io/name: %1$s
                      strategy:
                        type: RollingUpdate
                        rollingUpdate: {maxSurge: 25%%, maxUnavailable: 0}
                      template:
                        metadata:
                          labels:
                            app.kubernetes.io/name: %1$s
                        spec:
                          serviceAccountName: %1$s
                          securityContext: {runAsNonRoot: true, runAsUser: 10001}
                          containers:
                          - name: app
                            image: registry.example.com/shop/%1$s:1.4.%2$d
                            args: ["--port=8080", "--log-level=info"]
                            ports:
                            - {name: http, containerPort: 8080, protocol: TCP}
                            env:
                            - name: DATABASE_URL
                              valueFrom:
                                secretKeyRef: {name: %1$s-db, key: url}
                            - {name: FEATURE_FLAGS, value: "checkout,search"}
                            resources:
                              requests: {cpu: 100m, memory: 128Mi}
                              limits: {cpu: "1", memory: 512Mi}
                            readinessProbe:
                              httpGet: {path: /healthz, port: http}
                              periodSeconds: 10
                            volumeMounts:
                            - {name: config, mountPath: /etc/app}
                          volumes:
                          - name: config
                            configMap: {name: %1$s-config}
                    ---
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %1$s
                      namespace: shop
                      labels: {app.kubernetes.io/name: %1$s}
                    spec:
                      selector: {app.kubernetes.io/name: %1$s}
                      ports:
                      - name: http
                        port: 80
                        targetPort: http
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata:
                      name: %1$s-config
                      namespace: shop
                    data:
                      app.properties: |
                        server.port=8080
                        cache.ttl=60s
                        upstream=http://%1$s-backend.shop.svc:8080
                      mode: "0755"
                    """.formatted(name, i));
        }
        return out.toString();
    }

    /**
     * One large document: a ConfigMap whose value is one plain line of {@code characters}
     * characters (a minified bundle), the shape issue 12 found quadratic in the old reader.
     */
    static String largeScalar(int characters) {
        StringBuilder value = new StringBuilder(characters);
        String words = "the-quick-brown-fox-jumps-over-the-lazy-dog-0123456789-";
        while (value.length() < characters) {
            value.append(words);
        }
        value.setLength(characters);
        return "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bundle\ndata:\n  bundle.js: " + value + "\n";
    }

    /** One large document: a CustomResourceDefinition with a wide, nested schema. */
    static String largeCrd(int properties) {
        StringBuilder out = new StringBuilder("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata:
                  name: widgets.example.com
                spec:
                  group: example.com
                  names: {kind: Widget, plural: widgets}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                """);
        for (int i = 0; i < properties; i++) {
            out.append("""
                              field%1$d:
                                description: The field number %1$d of a widget, with enough words to look real.
                                type: object
                                properties:
                                  name: {type: string, maxLength: 63}
                                  replicas: {type: integer, minimum: 0, default: 1}
                                  selector:
                                    type: object
                                    additionalProperties: {type: string}
                                  ports:
                                    type: array
                                    items:
                                      type: object
                                      required: [port]
                                      properties:
                                        port: {type: integer}
                                        protocol: {type: string, enum: [TCP, UDP, SCTP]}
                    """.formatted(i));
        }
        return out.toString();
    }
}
