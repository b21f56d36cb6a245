/**
 * An Argo CD installation's own configuration, read as Argo CD reads it: {@link
 * io.gitops4j.core.argocd.ArgoCdSettings} from the {@code argocd-cm} ConfigMap and
 * {@code argocd-secret}, and {@link io.gitops4j.core.argocd.RepositorySecrets} from Secrets labelled
 * {@code argocd.argoproj.io/secret-type: repository} or {@code repo-creds}.
 */
package io.gitops4j.core.argocd;
