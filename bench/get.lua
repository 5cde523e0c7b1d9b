-- get.lua: the wrk script of bench/lookup.py: GET $GET_PATH on every request, the same for
-- motcua and for nginx; counting and the summary come from count.lua.
dofile(os.getenv("BENCH_LUA_DIR") .. "/count.lua")
local path = os.getenv("GET_PATH")

function request()
  return wrk.format("GET", path)
end
