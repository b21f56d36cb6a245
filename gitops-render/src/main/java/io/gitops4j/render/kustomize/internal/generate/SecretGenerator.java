package io.gitops4j.render.kustomize.internal.generate;

import io.gitops4j.render.kustomize.internal.loader.KustomizationFiles;
import io.gitops4j.render.kustomize.internal.model.GeneratorArgs;
import io.gitops4j.render.kustomize.internal.resource.Generator;
import io.gitops4j.render.kustomize.internal.resource.Origin;
import io.gitops4j.render.kustomize.internal.resource.ResMap;

/**
 * Kustomize's {@code SecretGenerator} (each {@code secretGenerator} entry): a Secret whose data
 * (base64-encoded) comes from literals, files and env files, of the given {@code type}
 * ({@code Opaque} by default), marked for a content-hash suffix unless its options disable it.
 *
 * @param args the entry, its options already merged with the kustomization's {@code generatorOptions}
 * @param files where files and env files are read
 * @param origin where the generator is configured, for {@code originAnnotations}
 */
public record SecretGenerator(GeneratorArgs args, KustomizationFiles files, Origin origin) implements Generator {

    @Override
    public ResMap generate() {
        return ConfigGenerator.generate(args, true, files, origin);
    }
}
