-- Numbers: compare ready shards and replicas with what the spec asks for.
local spec, status = obj.spec, obj.status or {}
local wanted = spec.shards * (1 + (spec.replicasPerShard or 0))
local ready = status.readyNodes or 0
if status.slotsAssigned ~= nil and status.slotsAssigned < 16384 then
  return {status = "Degraded", message = string.format("only %d of 16384 hash slots assigned", status.slotsAssigned)}
end
if ready < wanted then
  return {status = "Progressing", message = string.format("%d/%d nodes ready", ready, wanted)}
end
return {status = "Healthy", message = string.format("%d/%d nodes ready", ready, wanted)}
