-- Ready decides; while not ready, an Issuing condition says we are making progress.
-- A certificate that expires within 7 days of its renewal time is Degraded.
local hs = {status = "Progressing", message = "Waiting for the certificate to be issued"}
if obj.status == nil or obj.status.conditions == nil then
  return hs
end

local function condition(kind)
  for _, c in ipairs(obj.status.conditions) do
    if c.type == kind then
      return c
    end
  end
  return nil
end

local function epoch(timestamp)
  local y, mo, d, h, mi, s = string.match(timestamp, "^(%d%d%d%d)-(%d%d)-(%d%d)T(%d%d):(%d%d):(%d%d)Z$")
  if y == nil then
    return nil
  end
  return os.time({year = y, month = mo, day = d, hour = h, min = mi, sec = s})
end

local ready = condition("Ready")
if ready ~= nil and ready.status == "True" then
  if obj.status.notAfter ~= nil and obj.status.renewalTime ~= nil then
    local left = os.difftime(epoch(obj.status.notAfter), epoch(obj.status.renewalTime))
    if left < 7 * 24 * 3600 then
      hs.status = "Degraded"
      hs.message = string.format("Renewal is only %d days before expiry", math.floor(left / 86400))
      return hs
    end
  end
  hs.status = "Healthy"
  hs.message = ready.message
  return hs
end

local issuing = condition("Issuing")
if issuing ~= nil and issuing.status == "True" then
  hs.message = issuing.message
  return hs
end
if ready ~= nil then
  hs.status = "Degraded"
  hs.message = ready.reason .. ": " .. ready.message
end
return hs
