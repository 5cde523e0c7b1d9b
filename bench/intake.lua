-- intake.lua: the wrk script of bench/intake.py. Each request POSTs one dossier intake
-- (body template from $INTAKE_BODY, applicant name varied from a small list) with the bearer
-- token from $INTAKE_TOKEN; counting and the summary come from count.lua.
dofile(os.getenv("BENCH_LUA_DIR") .. "/count.lua")
local template = io.open(os.getenv("INTAKE_BODY")):read("*a")
local names = {"Nguyễn Văn An", "Trần Thị Bình", "Lê Đức Cường", "Phạm Thị Dung", "Hoàng Văn Đạt",
               "Võ Thị Hạnh", "Đặng Quốc Huy", "Bùi Thị Lan", "Đỗ Minh Khoa", "Hồ Thị Mai"}
local headers = {["Content-Type"] = "application/json",
                 ["Authorization"] = "Bearer " .. os.getenv("INTAKE_TOKEN")}
local i = 0

function request()
  i = i + 1
  local body = template:gsub("@NAME@", names[i % #names + 1])
  return wrk.format("POST", "/api/v1/dossiers", headers, body)
end
