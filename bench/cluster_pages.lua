-- bench/cluster_bench.py: each wrk connection cycles through these reader pages.
local paths = {
  "/", "/faq/", "/toolkit/", "/toolkit/templates/", "/toolkit/examples/",
  "/guidance/providers/", "/guidance/customers/", "/search/?q=shared+services",
}
local counter = 0

request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end
