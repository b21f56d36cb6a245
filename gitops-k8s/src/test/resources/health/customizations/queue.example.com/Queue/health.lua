-- Phases: a table from phase to verdict; unknown phases are Unknown with the phase named.
local verdicts = {
  Pending = "Progressing",
  Provisioning = "Progressing",
  Active = "Healthy",
  Paused = "Suspended",
  Failed = "Degraded",
}
local phase = obj.status and obj.status.phase or "Pending"
local verdict = verdicts[phase]
if verdict == nil then
  return {status = "Unknown", message = "Unexpected phase " .. phase}
end
local message = phase
if obj.status and obj.status.reason then
  message = phase .. " (" .. obj.status.reason .. ")"
end
return {status = verdict, message = message}
