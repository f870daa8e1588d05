-- wrk script for the resident's form POST (tests/bench/feedback_post.py, QUALITY.md P5).
-- Arguments after "--": the token file, the body without its render token, the Cookie
-- header, and the number of wrk threads. Each thread posts its own share of the
-- pre-signed render tokens, each once; when they run out it posts its first again
-- (a replay, which the app does not store: it shows up as a lost answer).
-- Prints wrk's summary as one JSON line like report.lua, plus the statuses counted.

local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  local path, prefix, cookie, count = args[1], args[2], args[3], tonumber(args[4])
  tokens = {}
  local i = 0
  for line in io.lines(path) do
    if i % count == id then tokens[#tokens + 1] = line end
    i = i + 1
  end
  position = 1
  body_prefix = prefix
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["Cookie"] = cookie
  redirects, shown_again, other, reused, sent = 0, 0, 0, 0, 0
end

function request()
  local token = tokens[position]
  if token == nil then
    token = tokens[1]
    reused = reused + 1
  end
  position = position + 1
  sent = sent + 1
  return wrk.format(nil, nil, nil, body_prefix .. token)
end

function response(status, headers, body)
  if status == 303 then
    redirects = redirects + 1
  elseif status == 200 then
    shown_again = shown_again + 1
  else
    other = other + 1
  end
end

done = function(summary, latency, requests)
  local r, s, o, u, n = 0, 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    r = r + thread:get("redirects")
    s = s + thread:get("shown_again")
    o = o + thread:get("other")
    u = u + thread:get("reused")
    n = n + thread:get("sent")
  end
  local errors = summary.errors
  local seconds = summary.duration / 1000000
  io.write("BENCH_RESULT ")
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "requests_per_s": %.2f, '
      .. '"latency_mean_us": %.1f, "latency_p50_us": %d, "latency_p95_us": %d, '
      .. '"latency_p99_us": %d, "latency_max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}, '
      .. '"statuses": {"303": %d, "200": %d, "other": %d}, "tokens_reused": %d, "sent": %d}\n',
    summary.requests, summary.duration, summary.bytes, summary.requests / seconds,
    latency.mean, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max, errors.connect, errors.read, errors.write, errors.timeout, errors.status,
    r, s, o, u, n
  ))
end
