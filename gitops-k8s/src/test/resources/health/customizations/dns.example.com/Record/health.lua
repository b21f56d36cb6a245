-- String patterns: the published name must be a fully qualified name under the zone, every address an IPv4.
local published = obj.status and obj.status.fqdn
if published == nil then
  return {status = "Progressing", message = "Not published yet"}
end
local zone = string.gsub(obj.spec.zone, "%.$", "")
if string.find(published, zone .. ".", 1, true) == nil then
  return {status = "Degraded", message = published .. " is outside zone " .. zone}
end
local bad = {}
for address in string.gmatch(obj.status.addresses or "", "[^,%s]+") do
  if not string.match(address, "^%d+%.%d+%.%d+%.%d+$") then
    bad[#bad + 1] = address
  end
end
if #bad > 0 then
  return {status = "Degraded", message = "invalid addresses: " .. table.concat(bad, ",")}
end
local label = string.match(published, "^([%w-]+)%.")
return {status = "Healthy", message = label .. " -> " .. obj.status.addresses}
