/**
 * The controller's HTTP port: {@link io.gitops4j.core.server.ControllerHttpServer} serves Git
 * push webhooks ({@code POST /api/webhook}), the engine's metrics in Prometheus text
 * ({@code GET /metrics}) and {@code GET /healthz}.
 */
package io.gitops4j.core.server;
