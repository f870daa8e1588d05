-- wrk script for the "step edit round-trip" scenario (tests/bench/run.py): each
-- request POSTs an edit of one step of the 60-step bench map, as the board's
-- editor does with htmx, and gets the board and metrics fragment back. The
-- board version is read from each answer (data-version="N") and sent with the
-- next edit. Each thread edits its own steps in turn, so that edits in flight
-- at once touch different steps and none is refused as stale.
--
-- Environment: BENCH_STEPS (step ids, comma-separated), BENCH_EDIT_PATH (with
-- %d for the step id), BENCH_VERSION (the map's version at the start), BENCH_CSRF (the CSRF token), BENCH_REPORT (report.lua).

dofile(os.getenv("BENCH_REPORT"))

local counter = 0

function setup(thread)
  thread:set("offset", counter)
  counter = counter + 1
end

function init(args)
  steps = {}
  for id in string.gmatch(os.getenv("BENCH_STEPS"), "%d+") do
    table.insert(steps, id)
  end
  path_template = os.getenv("BENCH_EDIT_PATH")
  index = offset
  version = tonumber(os.getenv("BENCH_VERSION")) or 1
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  wrk.headers["HX-Request"] = "true"
  wrk.headers["X-CSRFToken"] = os.getenv("BENCH_CSRF")
end

function request()
  local step = steps[(index % #steps) + 1]
  index = index + 2 -- run.py starts wrk with two threads: each takes every other step
  local body = "version=" .. version
    .. "&title=Behandle+del+av+saken&description=&processing=1%2C5&processing_unit=hours"
    .. "&waiting=2&waiting_unit=days&people=2&it_system=ePhorte&error_rate=5"
    .. "&value_class=necessary&waste_types=waiting"
  return wrk.format("POST", string.format(path_template, step), nil, body)
end

function response(status, headers, body)
  local seen = body and tonumber(string.match(body, 'data%-version="(%d+)"'))
  if seen and seen > version then
    version = seen
  end
end
