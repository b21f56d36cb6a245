package io.gitops4j.render.helm;

import java.util.Objects;

/**
 * A user name and password (or token) for an OCI registry, as {@code helm registry login} takes
 * them. Its {@code toString} never shows the password.
 *
 * @param username the user name
 * @param password the password or access token
 */
public record RegistryLogin(String username, String password) {

    /**
     * Checks that both parts are given.
     *
     * @param username the user name
     * @param password the password or access token
     * @throws NullPointerException when a part is {@code null}
     */
    public RegistryLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RegistryLogin[username=" + username + ", password=***]";
    }
}
