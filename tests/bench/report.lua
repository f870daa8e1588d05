-- wrk script for tests/bench/run.py: prints wrk's summary as one JSON line,
-- prefixed with "BENCH_RESULT ", after wrk's own report. Times are in microseconds.
-- wrk counts a response with status 400 or above in errors.status.

done = function(summary, latency, requests)
  local errors = summary.errors
  local seconds = summary.duration / 1000000
  io.write("BENCH_RESULT ")
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "requests_per_s": %.2f, '
      .. '"latency_mean_us": %.1f, "latency_p50_us": %d, "latency_p95_us": %d, '
      .. '"latency_p99_us": %d, "latency_max_us": %d, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d, "status": %d}}\n',
    summary.requests,
    summary.duration,
    summary.bytes,
    summary.requests / seconds,
    latency.mean,
    latency:percentile(50),
    latency:percentile(95),
    latency:percentile(99),
    latency.max,
    errors.connect,
    errors.read,
    errors.write,
    errors.timeout,
    errors.status
  ))
end
