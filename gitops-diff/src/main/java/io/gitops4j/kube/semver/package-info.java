/**
 * Semantic versions and version constraints as Masterminds/semver v3 reads them: the library Argo
 * CD resolves a Git {@code targetRevision} with and Helm picks chart versions with
 * ({@link io.gitops4j.kube.semver.SemanticVersion}, {@link io.gitops4j.kube.semver.VersionConstraint}).
 */
package io.gitops4j.kube.semver;
