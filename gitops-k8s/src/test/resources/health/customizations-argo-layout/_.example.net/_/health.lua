-- Any kind of any *.example.net group: ready or not.
local hs = {status = "Progressing", message = "waiting"}
if obj.status ~= nil and obj.status.ready == true then
  hs.status = "Healthy"
  hs.message = "ready"
end
return hs
