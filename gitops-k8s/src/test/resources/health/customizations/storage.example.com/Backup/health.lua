-- Dates: how long the last backup took, from two RFC 3339 timestamps, against the spec's limit.
local function seconds(timestamp)
  local y, mo, d, h, mi, s = string.match(timestamp, "(%d+)-(%d+)-(%d+)T(%d+):(%d+):(%d+)")
  return os.time({year = tonumber(y), month = tonumber(mo), day = tonumber(d),
                  hour = tonumber(h), min = tonumber(mi), sec = tonumber(s)})
end
local last = obj.status and obj.status.lastBackup
if last == nil then
  return {status = "Progressing", message = "No backup has run yet"}
end
if last.completionTime == nil then
  return {status = "Progressing", message = "Backup started at " .. last.startTime}
end
local took = os.difftime(seconds(last.completionTime), seconds(last.startTime))
local limit = obj.spec.maxDurationMinutes * 60
if took > limit then
  return {status = "Degraded", message = string.format("Last backup took %d min, more than the %d min allowed",
    took / 60, obj.spec.maxDurationMinutes)}
end
return {status = "Healthy", message = string.format("Last backup took %d min", took / 60)}
