package io.gitops4j.benchmarks.engine;

import io.gitops4j.core.git.LocalRepository;
import java.nio.file.Path;

/**
 * The monorepo the fleet benchmarks deploy: folders {@code apps/app-N}, each a Service {@code web}
 * and ConfigMaps {@code config-1} .. {@code config-K}, in one commit.
 */
public final class FleetRepository {

    /** The text of ConfigMap {@code config-<index>} of folder {@code apps/app-<folder>}. */
    @FunctionalInterface
    public interface ConfigMapText {
        /**
         * @param index the ConfigMap's number, from 1
         * @param folder the folder's number, from 0
         * @return its YAML
         */
        String yaml(int index, int folder);
    }

    private FleetRepository() {
    }

    /**
     * @param index the ConfigMap's number
     * @param folder its folder's number
     * @param setting the value of its {@code setting} key (a commit changes it)
     * @return ConfigMap {@code config-<index>} with keys {@code folder} and {@code setting}
     */
    public static String configMap(int index, int folder, String setting) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: config-%d
                data:
                  folder: "%d"
                  setting: %s
                """.formatted(index, folder, setting);
    }

    /**
     * @param directory where the repository is made
     * @param folders how many application folders
     * @param configMaps how many ConfigMaps in each
     * @param configMap the text of each ConfigMap
     * @return the repository, its one commit made
     */
    public static LocalRepository create(Path directory, int folders, int configMaps, ConfigMapText configMap) {
        LocalRepository repo = LocalRepository.init(directory);
        for (int folder = 0; folder < folders; folder++) {
            repo.write("apps/app-" + folder + "/service.yaml", """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: web
                    spec:
                      selector:
                        app: web
                      ports:
                      - port: 80
                    """);
            for (int i = 1; i <= configMaps; i++) {
                repo.write("apps/app-" + folder + "/config-" + i + ".yaml", configMap.yaml(i, folder));
            }
        }
        repo.commit("the fleet");
        return repo;
    }
}
