-- Nested status: a primary with an endpoint, and a list of instances each reporting readiness.
local hs = {}
local status = obj.status
if status == nil or status.instances == nil then
  return {status = "Progressing", message = "Waiting for the operator to report instances"}
end
local ready, total, notReady = 0, 0, {}
for _, instance in ipairs(status.instances) do
  total = total + 1
  if instance.ready then
    ready = ready + 1
  else
    table.insert(notReady, instance.name)
  end
end
if status.primary == nil or status.primary.endpoint == nil then
  hs.status = "Degraded"
  hs.message = "No primary elected; " .. ready .. " of " .. total .. " instances ready"
  return hs
end
if ready < obj.spec.instances then
  hs.status = "Progressing"
  hs.message = string.format("%d/%d instances ready, waiting for %s", ready, obj.spec.instances,
    table.concat(notReady, ", "))
  return hs
end
hs.status = "Healthy"
hs.message = "Primary " .. status.primary.name .. " at " .. status.primary.endpoint
return hs
