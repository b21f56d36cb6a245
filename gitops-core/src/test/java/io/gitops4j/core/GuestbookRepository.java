package io.gitops4j.core;

import io.gitops4j.core.git.LocalRepository;
import java.nio.file.Path;

/** A Git repository holding a small guestbook app under {@code apps/guestbook}, for tests. */
final class GuestbookRepository {

    static final String PATH = "apps/guestbook";

    private GuestbookRepository() {
    }

    static LocalRepository create(Path directory) {
        LocalRepository repo = LocalRepository.init(directory);
        repo.write(PATH + "/namespace.yaml", """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: guestbook
                """);
        repo.write(PATH + "/deployment.yaml", deployment(2));
        repo.write(PATH + "/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata:
                  name: guestbook-ui
                spec:
                  selector:
                    app: guestbook-ui
                  ports:
                  - port: 80
                    targetPort: 80
                """);
        repo.write(PATH + "/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: guestbook-settings
                data:
                  greeting: hello
                """);
        repo.write(PATH + "/README.md", "The guestbook app.\n");
        repo.commit("add guestbook");
        return repo;
    }

    static String deployment(int replicas) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: guestbook-ui
                spec:
                  replicas: %d
                  selector:
                    matchLabels:
                      app: guestbook-ui
                  template:
                    metadata:
                      labels:
                        app: guestbook-ui
                    spec:
                      containers:
                      - name: guestbook-ui
                        image: gcr.io/heptio-images/ks-guestbook-demo:0.2
                        ports:
                        - containerPort: 80
                """.formatted(replicas);
    }
}
