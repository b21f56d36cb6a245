-- Nested lists: stages with steps; names of failed steps are collected and reported.
local failed, running, done, total = {}, 0, 0, 0
for _, stage in ipairs(obj.status and obj.status.stages or {}) do
  for _, step in ipairs(stage.steps or {}) do
    total = total + 1
    if step.state == "Failed" then
      table.insert(failed, stage.name .. "/" .. step.name)
    elseif step.state == "Running" then
      running = running + 1
    elseif step.state == "Succeeded" then
      done = done + 1
    end
  end
end
if #failed > 0 then
  table.sort(failed)
  return {status = "Degraded", message = #failed .. " step(s) failed: " .. table.concat(failed, ", ")}
end
if total > 0 and done == total then
  return {status = "Healthy", message = string.format("all %d steps succeeded", total)}
end
return {status = "Progressing", message = string.format("%d of %d steps done, %d running", done, total, running)}
