/**
 * Fleets in embedded mode, on top of the application controller: app-of-apps (Application
 * manifests rendered from Git become applications of the engine) and the ApplicationSet
 * reconciler (generated Applications created, updated and deleted as the set's policy allows).
 * {@link io.gitops4j.core.fleet.Fleet} is the entry point.
 */
package io.gitops4j.core.fleet;
