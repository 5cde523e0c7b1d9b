-- fill.lua: the wrk script of bench/search.py that files dossiers through the API. Each
-- request is one intake at a random commune with a random Vietnamese name built from the
-- lists in $FILL_NAMES (lines: family names, middle names, given names; "|"-separated,
-- repeated by frequency), random phone and identity numbers. A wrk thread files at most
-- $FILL_QUOTA dossiers, then only asks GET /healthz. Token: $FILL_TOKEN (province).
local template = io.open(os.getenv("FILL_BODY")):read("*a")
local quota = tonumber(os.getenv("FILL_QUOTA"))
local lists = {}
for line in io.lines(os.getenv("FILL_NAMES")) do
  local l = {}
  for w in line:gmatch("[^|]+") do table.insert(l, w) end
  table.insert(lists, l)
end
local communes = {}
for c in os.getenv("FILL_UNITS"):gmatch("[^,]+") do table.insert(communes, c) end
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("FILL_TOKEN")}
local threads, sent = {}, 0
local id = 0

function setup(thread)
  id = id + 1
  thread:set("tid", id)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 100 + tid)
  counts = {}
end

local function pick(l) return l[math.random(#l)] end

function request()
  if sent >= quota then
    return wrk.format("GET", "/healthz")
  end
  sent = sent + 1
  local name = pick(lists[1]) .. " " .. pick(lists[2]) .. " " .. pick(lists[3])
  local body = template:gsub("@NAME@", name):gsub("@UNIT@", pick(communes))
      :gsub("@PHONE@", string.format("09%08d", math.random(0, 99999999)))
      :gsub("@ID@", string.format("045%09d", math.random(0, 999999999)))
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end

function response(status, hdrs, body)
  if status ~= 200 then counts[status] = (counts[status] or 0) + 1 end
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
  io.write(string.format("latency p50_us %d p99_us %d\n", latency:percentile(50),
                         latency:percentile(99)))
  io.write(string.format("errors connect %d read %d write %d timeout %d\n", summary.errors.connect,
                         summary.errors.read, summary.errors.write, summary.errors.timeout))
end
