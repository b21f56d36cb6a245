package io.gitops4j.render.helm;

import java.nio.file.Path;

/**
 * A chart archive fetched from a chart repository or an OCI registry, with the version it was
 * published as: {@code helm dependency build} names a dependency's archive {@code NAME-VERSION.tgz},
 * and the order of those names decides which archive Helm takes for a dependency listed twice.
 *
 * @param archive the cached archive
 * @param version the version chosen (the index entry's version, or the OCI tag's)
 */
record FetchedChart(Path archive, String version) {
}
