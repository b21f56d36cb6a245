-- A core-group kind: the folder is just the kind.
if obj.status ~= nil and obj.status.phase == "Terminating" then
  return {status = "Progressing", message = "Namespace " .. obj.metadata.name .. " is terminating"}
end
return {status = "Healthy"}
