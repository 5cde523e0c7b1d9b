-- get.lua: the wrk script of bench/lookup.py: GET a path drawn at random from the lines of
-- $GET_PATHS on every request (motcua: look-ups of dossiers spread over the whole store), or
-- $GET_PATH every time (nginx: its one file); counting and the summary come from count.lua.
dofile(os.getenv("BENCH_LUA_DIR") .. "/count.lua")
local paths = {}
if os.getenv("GET_PATHS") then
  for line in io.lines(os.getenv("GET_PATHS")) do
    table.insert(paths, line)
  end
else
  paths[1] = os.getenv("GET_PATH")
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
