-- JSON in an annotation, decoded with the json module Argo CD's scripts may require.
local json = require("json")
local raw = obj.metadata.annotations and obj.metadata.annotations["flags.example.com/rollout"]
if raw == nil then
  return {status = "Healthy", message = "not rolled out gradually"}
end
local rollout = json.decode(raw)
if rollout.errors ~= nil and #rollout.errors > 0 then
  return {status = "Degraded", message = rollout.errors[1]}
end
if rollout.percent < 100 then
  return {status = "Progressing", message = "rolled out to " .. rollout.percent .. "% of " .. #rollout.segments .. " segments"}
end
return {status = "Healthy", message = "rolled out everywhere"}
