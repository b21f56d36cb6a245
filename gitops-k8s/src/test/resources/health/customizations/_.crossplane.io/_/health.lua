-- Any kind of any *.crossplane.io group: Synced and Ready conditions, Crossplane style.
local synced, ready
if obj.status ~= nil and obj.status.conditions ~= nil then
  for _, c in ipairs(obj.status.conditions) do
    if c.type == "Synced" then synced = c end
    if c.type == "Ready" then ready = c end
  end
end
if synced ~= nil and synced.status == "False" then
  return {status = "Degraded", message = synced.message}
end
if ready ~= nil and ready.status == "True" then
  return {status = "Healthy", message = obj.kind .. " is available"}
end
if ready ~= nil and ready.reason == "Unavailable" then
  return {status = "Degraded", message = ready.message or "Unavailable"}
end
return {status = "Progressing", message = "Waiting for " .. obj.kind .. " to become ready"}
