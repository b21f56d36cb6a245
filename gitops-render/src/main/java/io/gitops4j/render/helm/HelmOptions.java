package io.gitops4j.render.helm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * How a chart is templated: Argo CD's {@code spec.source.helm} fields.
 *
 * @param valueFiles values files, relative to the chart directory, inside the repository
 * @param ignoreMissingValueFiles skip value files that do not exist instead of failing
 * @param values inline values as YAML text; empty for none
 * @param valuesObject inline values as an object; used instead of {@code values} when present
 * @param parameters {@code --set} parameters, applied after the value files
 * @param releaseName the release name; empty means the application name
 * @param namespace the release namespace; empty means the destination namespace
 * @param kubeVersion the Kubernetes version templates see ({@code .Capabilities.KubeVersion}), as
 *     Argo CD passes the destination cluster's version to {@code --kube-version}; empty for
 *     {@link #DEFAULT_KUBE_VERSION}
 * @param apiVersions API versions templates see ({@code .Capabilities.APIVersions}); not
 *     supported by helm-java, so any value is refused
 * @param skipCrds leave out the chart's {@code crds/} directory
 * @param skipTests leave out test hooks ({@code helm.sh/hook: test})
 * @param passCredentials send an {@code https://} chart repository's credentials to every host its
 *     index names (Argo CD's {@code helm.passCredentials}, Helm's {@code --pass-credentials}), not
 *     only to the repository's own host
 */
public record HelmOptions(List<String> valueFiles, boolean ignoreMissingValueFiles, String values,
        Optional<ObjectNode> valuesObject, List<HelmParameter> parameters, String releaseName, String namespace,
        String kubeVersion, List<String> apiVersions, boolean skipCrds, boolean skipTests, boolean passCredentials) {

    /**
     * The Kubernetes version templates see when none is given: the one Helm v4.1 itself defaults
     * to ({@code helm template} without {@code --kube-version}). helm-java's native Helm would
     * otherwise report v1.20.0, which makes charts pick long-removed API versions.
     */
    public static final String DEFAULT_KUBE_VERSION = "v1.35.0";

    /** Helm's defaults: no values, the application's name and namespace, CRDs and tests included. */
    public static final HelmOptions DEFAULTS = new HelmOptions(List.of(), false, "", Optional.empty(), List.of(), "",
            "", "", List.of(), false, false, false);

    /**
     * Reads missing lists and values as empty, and copies them.
     *
     * @param valueFiles values files, relative to the chart directory, inside the repository
     * @param ignoreMissingValueFiles skip value files that do not exist instead of failing
     * @param values inline values as YAML text; empty for none
     * @param valuesObject inline values as an object; used instead of {@code values} when present
     * @param parameters {@code --set} parameters, applied after the value files
     * @param releaseName the release name; empty means the application name
     * @param namespace the release namespace; empty means the destination namespace
     * @param kubeVersion the Kubernetes version templates see ({@code .Capabilities.KubeVersion}), as Argo CD
     *     passes the destination cluster's version to {@code --kube-version}; empty for
     *     {@link #DEFAULT_KUBE_VERSION}
     * @param apiVersions API versions templates see ({@code .Capabilities.APIVersions}); not supported by
     *     helm-java, so any value is refused
     * @param skipCrds leave out the chart's {@code crds/} directory
     * @param skipTests leave out test hooks ({@code helm.sh/hook: test})
     * @param passCredentials send a chart repository's credentials to every host its index names
     */
    public HelmOptions {
        valueFiles = valueFiles == null ? List.of() : List.copyOf(valueFiles);
        values = values == null ? "" : values;
        valuesObject = valuesObject == null ? Optional.empty() : valuesObject.map(ObjectNode::deepCopy);
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
        releaseName = releaseName == null ? "" : releaseName;
        namespace = namespace == null ? "" : namespace;
        kubeVersion = kubeVersion == null ? "" : kubeVersion;
        apiVersions = apiVersions == null ? List.of() : List.copyOf(apiVersions);
    }

    /**
     * Options that send a chart repository's credentials to its own host only.
     *
     * @param valueFiles values files, relative to the chart directory, inside the repository
     * @param ignoreMissingValueFiles skip value files that do not exist instead of failing
     * @param values inline values as YAML text; empty for none
     * @param valuesObject inline values as an object; used instead of {@code values} when present
     * @param parameters {@code --set} parameters, applied after the value files
     * @param releaseName the release name; empty means the application name
     * @param namespace the release namespace; empty means the destination namespace
     * @param kubeVersion the Kubernetes version templates see; empty for {@link #DEFAULT_KUBE_VERSION}
     * @param apiVersions API versions templates see; any value is refused
     * @param skipCrds leave out the chart's {@code crds/} directory
     * @param skipTests leave out test hooks ({@code helm.sh/hook: test})
     */
    public HelmOptions(List<String> valueFiles, boolean ignoreMissingValueFiles, String values,
            Optional<ObjectNode> valuesObject, List<HelmParameter> parameters, String releaseName, String namespace,
            String kubeVersion, List<String> apiVersions, boolean skipCrds, boolean skipTests) {
        this(valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, releaseName, namespace, kubeVersion,
                apiVersions, skipCrds, skipTests, false);
    }

    /**
     * The same options with another release name.
     *
     * @param name the release name ({@code .Release.Name})
     * @return the new options
     */
    public HelmOptions withReleaseName(String name) {
        return new HelmOptions(valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, name, namespace,
                kubeVersion, apiVersions, skipCrds, skipTests, passCredentials);
    }

    /**
     * The same options with another Kubernetes version, as Argo CD passes the destination
     * cluster's version; for a caller that knows the cluster and was given no {@code kubeVersion}.
     *
     * @param value the Kubernetes version, for example {@code 1.30.0} ({@code .Capabilities.KubeVersion})
     * @return the new options
     */
    public HelmOptions withKubeVersion(String value) {
        return new HelmOptions(valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, releaseName,
                namespace, value, apiVersions, skipCrds, skipTests, passCredentials);
    }

    /**
     * The same options with another namespace.
     *
     * @param value the release namespace ({@code .Release.Namespace})
     * @return the new options
     */
    public HelmOptions withNamespace(String value) {
        return new HelmOptions(valueFiles, ignoreMissingValueFiles, values, valuesObject, parameters, releaseName, value,
                kubeVersion, apiVersions, skipCrds, skipTests, passCredentials);
    }
}
