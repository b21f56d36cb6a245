/**
 * The steps of one reconcile of an application, shared by the one-shot facade
 * ({@code io.gitops4j.core.GitOps}) and the application controller
 * ({@code io.gitops4j.core.engine}): resolve the revision, render it, compare with the cluster
 * ({@link io.gitops4j.core.reconcile.AppStateManager}, Argo CD's app state manager), and Argo CD's
 * automated sync rules ({@link io.gitops4j.core.reconcile.AutoSyncDecision}).
 */
package io.gitops4j.core.reconcile;
