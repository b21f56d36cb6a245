-- Written for Lua 5.1 (as Argo CD runs it): unpack and table.getn.
local counts = obj.status and obj.status.counts or {}
if table.getn(counts) < 3 then
  return {status = "Progressing", message = "waiting for counts"}
end
local ok, warning, failing = unpack(counts)
if failing > 0 then
  return {status = "Degraded", message = failing .. " failing, " .. warning .. " warning, " .. ok .. " ok"}
end
return {status = "Healthy", message = ok .. " ok"}
