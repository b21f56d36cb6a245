package io.gitops4j.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest ({@code development} when run from classes). */
final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"gitops4j " + (version == null ? "development" : version)};
    }
}
