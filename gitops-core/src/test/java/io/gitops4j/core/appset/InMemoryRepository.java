package io.gitops4j.core.appset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Files of one commit held in memory, standing in for a repository (Argo CD's tests mock the repo server the same way). */
final class InMemoryRepository implements RepositoryFiles {

    private final Map<String, String> files = new TreeMap<>();
    private final TreeSet<String> directories = new TreeSet<>();
    int opened;

    static InMemoryRepository withDirectories(String... paths) {
        InMemoryRepository repo = new InMemoryRepository();
        for (String path : paths) {
            repo.directory(path);
        }
        return repo;
    }

    InMemoryRepository file(String path, String content) {
        files.put(path, content);
        int slash = path.lastIndexOf('/');
        if (slash > 0) {
            directory(path.substring(0, slash));
        }
        return this;
    }

    InMemoryRepository directory(String path) {
        String[] segments = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (String segment : segments) {
            prefix.append(prefix.length() == 0 ? "" : "/").append(segment);
            directories.add(prefix.toString());
        }
        return this;
    }

    @Override
    public Tree open(String repoURL, String revision) {
        opened++;
        return new Tree() {
            @Override
            public List<String> directories() {
                return new ArrayList<>(directories);
            }

            @Override
            public List<String> files() {
                return new ArrayList<>(files.keySet());
            }

            @Override
            public byte[] read(String path, long maxBytes) {
                byte[] content = files.get(path).getBytes(StandardCharsets.UTF_8);
                if (content.length > maxBytes) {
                    throw new ApplicationSetException(path + " is too large");
                }
                return content;
            }

            @Override
            public void close() {
            }
        };
    }
}
