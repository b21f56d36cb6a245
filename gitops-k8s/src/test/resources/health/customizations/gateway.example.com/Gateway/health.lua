-- Conditions nested per listener: every listener must be Programmed; a conflicted listener is Degraded.
local listeners = obj.status and obj.status.listeners
if listeners == nil or #listeners == 0 then
  return {status = "Progressing", message = "No listener status yet"}
end
local waiting = {}
for _, listener in ipairs(listeners) do
  for _, c in ipairs(listener.conditions or {}) do
    if c.type == "Conflicted" and c.status == "True" then
      return {status = "Degraded", message = "listener " .. listener.name .. ": " .. c.message}
    end
    if c.type == "Programmed" and c.status ~= "True" then
      waiting[#waiting + 1] = listener.name
    end
  end
end
if #waiting > 0 then
  return {status = "Progressing", message = "listeners not programmed yet: " .. table.concat(waiting, " ")}
end
return {status = "Healthy", message = #listeners .. " listeners programmed"}
