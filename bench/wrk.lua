-- wrk script for bench/bench_site.py: with BENCH_PATHS set, each request asks for a
-- random line of that file (the article page over real slugs); otherwise the path
-- given on the command line. Prints the figures as one JSON line at the end.
local paths = {}
local file = os.getenv("BENCH_PATHS")
if file then
  for line in io.lines(file) do
    if line ~= "" then paths[#paths + 1] = line end
  end
end

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(id or os.time())
end

function request()
  if #paths > 0 then
    return wrk.format(nil, paths[math.random(#paths)])
  end
  return wrk.format(nil)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"p50_us": %d, "p99_us": %d, "requests": %d, "duration_us": %d, ' ..
    '"errors": %d, "non_2xx_3xx": %d}\n',
    latency:percentile(50), latency:percentile(99), summary.requests,
    summary.duration, e.connect + e.read + e.write + e.timeout, e.status))
end
