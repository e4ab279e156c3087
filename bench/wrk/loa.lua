-- wrk script of bench/http_load.py: a signed-in commune user reading the dashboard (GET)
-- or logging activities through the web form (POST), with an optional think time.
--
-- Read from the environment (bench/http_load.py sets them):
--   LOA_WRK_MODE       "get" or "post"
--   LOA_WRK_PROFILES   file, one signed-in user a line, tab-separated:
--                      path  cookie  csrf-token  unit-id  task-ids(comma)
--   LOA_WRK_THINK_MS   pause of a connection between its requests (0: none, saturation)
--   LOA_WRK_EXPECT     the one status that counts as success (200 for the page; the form
--                      answers 302 to the new activity, and 200 only to show its errors)
--   LOA_WRK_TAG        start of every logged activity's title, so the run finds its rows
--   LOA_WRK_FIRST_DAY  first date (YYYY-MM-DD) of the activities; they spread over
--   LOA_WRK_DAYS       this many days from it
-- done() prints one line "LOA_RESULT {json}" with exact percentiles and every count.

local mode = os.getenv("LOA_WRK_MODE") or "get"
local think_ms = tonumber(os.getenv("LOA_WRK_THINK_MS") or "0")
local expect = tonumber(os.getenv("LOA_WRK_EXPECT") or "200")
local tag = os.getenv("LOA_WRK_TAG") or "bench"
local days = tonumber(os.getenv("LOA_WRK_DAYS") or "1")
local channels = { "radio", "mobile_loudspeaker" }
local boundary = "----loabench7MA4YWxkTrZu0gW"

local function split(text, sep)
  local parts = {}
  for part in string.gmatch(text, "([^" .. sep .. "]+)") do
    parts[#parts + 1] = part
  end
  return parts
end

local function read_profiles(file)
  local profiles = {}
  for line in io.lines(file) do
    local f = split(line, "\t")
    if #f >= 5 then
      profiles[#profiles + 1] = { path = f[1], cookie = f[2], csrf = f[3], unit = f[4], tasks = split(f[5], ",") }
    end
  end
  assert(#profiles > 0, "no profile in " .. file)
  return profiles
end

local function epoch_of(iso)
  local y, m, d = string.match(iso, "(%d+)-(%d+)-(%d+)")
  return os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
end

local first_epoch = epoch_of(os.getenv("LOA_WRK_FIRST_DAY") or "2026-01-01")

-- Each thread of wrk runs this file in its own Lua state; the counters below are that
-- thread's, gathered by done() through the thread objects setup() kept.
local threads = {}
local thread_number = 0

function setup(thread)
  thread_number = thread_number + 1
  thread:set("thread_id", thread_number)
  threads[#threads + 1] = thread
end

function init(args)
  profiles = read_profiles(os.getenv("LOA_WRK_PROFILES"))
  sent, answered, ok, unexpected = 0, 0, 0, 0
  statuses = {}
  math.randomseed(thread_id * 7919)
end

local function field(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n"
    .. value .. "\r\n"
end

local function activity_body(profile)
  local day = os.date("%Y-%m-%d", first_epoch + math.random(0, days - 1) * 86400)
  local channel = channels[math.random(#channels)]
  return field("unit", profile.unit)
    .. field("task", profile.tasks[math.random(#profile.tasks)])
    .. field("occurrence", "")
    .. field("happened_on", day)
    .. field("channel", channel)
    .. field("title", tag .. " " .. thread_id .. "-" .. sent .. " phát thanh tuyên truyền CCHC")
    .. field("quantity", tostring(math.random(5, 30)))
    .. field("measure", "minutes")
    .. field("link", "")
    .. field("cost", "0")
    .. field("note", "")
    -- A browser sends the empty file input too.
    .. "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"\"\r\n"
    .. "Content-Type: application/octet-stream\r\n\r\n\r\n"
    .. "--" .. boundary .. "--\r\n"
end

function request()
  sent = sent + 1
  local profile = profiles[(sent % #profiles) + 1]
  local headers = { ["Cookie"] = profile.cookie, ["Host"] = "127.0.0.1" }
  if mode == "post" then
    headers["Content-Type"] = "multipart/form-data; boundary=" .. boundary
    headers["X-CSRFToken"] = profile.csrf
    headers["Referer"] = "http://127.0.0.1" .. profile.path
    return wrk.format("POST", profile.path, headers, activity_body(profile))
  end
  return wrk.format("GET", profile.path, headers)
end

function response(status, headers, body)
  answered = answered + 1
  statuses[status] = (statuses[status] or 0) + 1
  if status == expect then
    ok = ok + 1
  else
    unexpected = unexpected + 1
  end
end

-- Each pause is drawn uniformly between half and one and a half think times: clerks do
-- not act in step, and a fixed pause would keep the 20 connections firing together, so
-- every burst would queue behind itself (a closed-loop artefact, not a server delay).
if think_ms > 0 then
  function delay()
    return math.random(math.floor(think_ms / 2), math.floor(think_ms * 3 / 2))
  end
end

function done(summary, latency, requests)
  local totals = { sent = 0, answered = 0, ok = 0, unexpected = 0 }
  local by_status = {}
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + thread:get(name)
    end
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local status_parts = {}
  for status, count in pairs(by_status) do
    status_parts[#status_parts + 1] = string.format('"%d": %d', status, count)
  end
  local e = summary.errors
  io.write(string.format(
    'LOA_RESULT {"duration_us": %d, "requests": %d, "bytes": %d, "sent": %d, "answered": %d, '
      .. '"ok": %d, "unexpected": %d, "statuses": {%s}, '
      .. '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, "status_errors": %d, '
      .. '"latency_us": {"min": %d, "mean": %.1f, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}}\n',
    summary.duration, summary.requests, summary.bytes, totals.sent, totals.answered,
    totals.ok, totals.unexpected, table.concat(status_parts, ", "),
    e.connect, e.read, e.write, e.timeout, e.status,
    latency.min, latency.mean, latency:percentile(50), latency:percentile(90),
    latency:percentile(95), latency:percentile(99), latency.max
  ))
end
