-- String functions: normalise the state's case, format progress with one decimal, tidy the message.
local state = string.lower(obj.status and obj.status.state or "queued")
local progress = (obj.status and obj.status.completedEpochs or 0) / obj.spec.epochs * 100
if state == "failed" then
  local reason = string.gsub(obj.status.message or "", "%s+", " ")
  return {status = "Degraded", message = "Training failed: " .. reason}
end
if state == "completed" then
  return {status = "Healthy", message = string.upper(string.sub(state, 1, 1)) .. string.sub(state, 2)}
end
return {status = "Progressing", message = string.format("%s %.1f%%", state, progress)}
