package io.gitops4j.core.appset;

import io.gitops4j.core.appset.gotemplate.GoTemplate;
import java.util.List;
import java.util.Map;

/** Runs one generator of an ApplicationSet written in YAML and returns its parameter sets, as Argo CD's generator tests call GenerateParams. */
final class Harness {

    private Harness() {
    }

    static String appSet(boolean goTemplate, String generatorYaml) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: set
                  namespace: argocd
                  uid: 1234-5678
                spec:
                  goTemplate: %s
                  generators:
                %s
                  template:
                    metadata:
                      name: app
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/repo.git
                        path: x
                      destination:
                        namespace: y
                """.formatted(goTemplate, generatorYaml.indent(2).stripTrailing());
    }

    static List<Map<String, Object>> params(boolean goTemplate, String generatorYaml, List<Cluster> clusters,
            RepositoryFiles repositories) {
        ApplicationSet set = ApplicationSets.readOne(appSet(goTemplate, generatorYaml), "appset.yaml");
        GenerationLimits limits = GenerationLimits.defaults();
        Generation generation = new Generation(set, clusters, true, repositories, limits, false,
                new StringRenderer(goTemplate, new GoTemplate.Options(false, limits.maxTemplateOutput(),
                        limits.maxTemplateSteps()).withGoTemplateOptions(set.goTemplateOptions())));
        List<Generators.Result> results = new Generators(generation).transform(set.generators().get(0),
                "spec.generators[0]", Map.of(), set.template(), 0);
        return results.get(0).params();
    }

    static List<Map<String, Object>> params(boolean goTemplate, String generatorYaml) {
        return params(goTemplate, generatorYaml, List.of(), InMemoryRepository.withDirectories());
    }
}
