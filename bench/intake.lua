-- intake.lua: the wrk script of bench/intake.py. Each request POSTs one dossier intake
-- (body template from $INTAKE_BODY, applicant name varied from a small list) with the bearer
-- token from $INTAKE_TOKEN; done() prints "status N count" lines counted by response().
local template = io.open(os.getenv("INTAKE_BODY")):read("*a")
local names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thị Dung", "Hoàng Văn Đạt",
               "Võ Thị Hạnh", "Đặng Quốc Huy", "Bùi Thị Lan", "Đỗ Minh Khoa", "Hồ Thị Mai"}
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("INTAKE_TOKEN")}
local threads = {}
local i = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function request()
  i = i + 1
  local body = template:gsub("@NAME@", names[i % #names + 1])
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end

function response(status, hdrs, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d %d\n", status, n))
  end
  io.write(string.format("latency p50_us %d p99_us %d\n", latency:percentile(50),
                         latency:percentile(99)))
  io.write(string.format("errors connect %d read %d write %d timeout %d\n", summary.errors.connect,
                         summary.errors.read, summary.errors.write, summary.errors.timeout))
end
