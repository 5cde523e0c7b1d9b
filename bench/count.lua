-- count.lua: what the wrk scripts of bench/ share (loaded with dofile): responses counted by
-- status in each thread; done() prints "status S N" lines, the p50/p99 latency and the socket
-- errors, which benchlib.wrk reads.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
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
