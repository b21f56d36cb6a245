-- Agents say what went wrong in status.reason.
if obj.status ~= nil and obj.status.phase == "Crashed" then
  return {status = "Degraded", message = obj.status.reason}
end
return {status = "Healthy", message = "running"}
