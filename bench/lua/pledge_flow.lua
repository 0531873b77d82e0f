-- wrk script: the pledge flow of a new anonymous visitor at a national launch moment.
-- Each pledge is two requests on one connection: the page view (GET, no cookie: a first visit)
-- then the form sent as a browser sends it (POST with the site's Origin, which is the site's CSRF
-- check for this shared page, challenge/cross_origin.py). A 302 to the thank-you page is the
-- acknowledgement, counted here. (wrk keeps one Set-Cookie header of several, the session's, so
-- the participant cookie of each acknowledged pledge is read from nginx's access log instead,
-- bench/launch.py.) Paced to a total of RATE pledges a second over all threads.
-- Arguments (after --): path origin rate threads
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

local COUNTRIES = { "IN", "IN", "IN", "IN", "US", "JP", "AU", "GB", "ID", "PH" }
local threads, counter = {}, 0

function setup(thread)
  counter = counter + 1
  thread:set("number", counter)
  table.insert(threads, thread)
end

local path, origin, interval
local next_at, sending_post = nil, false
acknowledged, refused = 0, 0 -- globals: done() reads them from each thread

function init(args)
  path, origin = args[1], args[2]
  local rate, count = tonumber(args[3]), tonumber(args[4])
  -- Two requests a pledge; each thread carries its share of the rate.
  interval = (rate > 0) and (1000 * count / (2 * rate)) or 0
  math.randomseed(number * 7919)
end

function delay()
  if interval == 0 then return 0 end
  local now = now_ms()
  next_at = (next_at or now) + interval
  if next_at < now - 1000 then next_at = now end -- behind by a second: do not burst to catch up
  return math.max(0, next_at - now)
end

function request()
  sending_post = not sending_post
  if sending_post then
    return wrk.format("GET", path, { ["Accept-Language"] = "en", ["Accept-Encoding"] = "gzip" })
  end
  local body = "country=" .. COUNTRIES[math.random(#COUNTRIES)] .. "&display_name=&join_code="
  return wrk.format("POST", path, {
    ["Origin"] = origin,
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept-Language"] = "en",
  }, body)
end

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if location ~= nil and status == 302 and string.find(location, "/thanks$") then
    acknowledged = acknowledged + 1
  elseif status ~= 200 then
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_ack, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_ack = total_ack + thread:get("acknowledged")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format(
    "LAUNCH {\"requests\": %d, \"acknowledged\": %d, \"refused\": %d, \"p50_ms\": %.2f, " ..
    "\"p99_ms\": %.2f, \"max_ms\": %.2f, \"seconds\": %.3f, \"errors\": {\"connect\": %d, " ..
    "\"read\": %d, \"write\": %d, \"timeout\": %d, \"status\": %d}}\n",
    summary.requests, total_ack, total_refused, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, summary.duration / 1e6,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
end
