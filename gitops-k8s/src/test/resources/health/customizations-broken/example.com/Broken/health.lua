hs = {}
if obj.status then
return hs
