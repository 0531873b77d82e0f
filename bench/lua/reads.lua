-- wrk script: first-time readers of the public pages a launch moment draws (home, the pledge
-- page, leaderboards, the API), no cookie, paced to a total of RATE reads a second.
-- Arguments (after --): rate threads path [path ...] (a path listed twice is read twice as often)
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_usec; } launch_timeval;
int gettimeofday(launch_timeval *tv, void *tz);
]]
local clock = ffi.new("launch_timeval")
local function now_ms()
  ffi.C.gettimeofday(clock, nil)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_usec) / 1000
end

local threads, counter = {}, 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local requests_by_path, interval, next_at = {}, 0, nil
failed = 0 -- a global: done() reads it from each thread

function init(args)
  local rate, count = tonumber(args[1]), tonumber(args[2])
  interval = (rate > 0) and (1000 * count / rate) or 0
  for i = 3, #args do
    table.insert(requests_by_path, wrk.format("GET", args[i], {
      ["Accept-Language"] = "en", ["Accept-Encoding"] = "gzip",
    }))
  end
  math.randomseed(number * 104729)
end

function delay()
  if interval == 0 then return 0 end
  local now = now_ms()
  next_at = (next_at or now) + interval
  if next_at < now - 1000 then next_at = now end
  return math.max(0, next_at - now)
end

function request()
  return requests_by_path[math.random(#requests_by_path)]
end

function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local total_failed = 0
  for _, thread in ipairs(threads) do total_failed = total_failed + thread:get("failed") end
  io.write(string.format(
    "LAUNCH {\"requests\": %d, \"failed\": %d, \"p50_ms\": %.2f, \"p99_ms\": %.2f, " ..
    "\"max_ms\": %.2f, \"seconds\": %.3f, \"errors\": {\"connect\": %d, \"read\": %d, " ..
    "\"write\": %d, \"timeout\": %d, \"status\": %d}}\n",
    summary.requests, total_failed, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
