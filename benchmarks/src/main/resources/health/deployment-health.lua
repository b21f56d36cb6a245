-- The Deployment rules written as a Lua health script, to time a script on a large live object.
local hs = {}
if obj.spec.paused then
  return {status = "Suspended", message = "Deployment is paused"}
end
local status = obj.status or {}
if (obj.metadata.generation or 0) > (status.observedGeneration or 0) then
  return {status = "Progressing", message = "Waiting for rollout to finish: observed deployment generation less than desired generation"}
end
for _, c in ipairs(status.conditions or {}) do
  if c.type == "Progressing" and c.reason == "ProgressDeadlineExceeded" then
    return {status = "Degraded", message = string.format("Deployment %q exceeded its progress deadline", obj.metadata.name)}
  end
end
local updated, replicas, available = status.updatedReplicas or 0, status.replicas or 0, status.availableReplicas or 0
if obj.spec.replicas ~= nil and updated < obj.spec.replicas then
  return {status = "Progressing", message = string.format("Waiting for rollout to finish: %d out of %d new replicas have been updated...", updated, obj.spec.replicas)}
end
if replicas > updated then
  return {status = "Progressing", message = string.format("Waiting for rollout to finish: %d old replicas are pending termination...", replicas - updated)}
end
if available < updated then
  return {status = "Progressing", message = string.format("Waiting for rollout to finish: %d of %d updated replicas are available...", available, updated)}
end
hs.status = "Healthy"
return hs
