-- P1 load for wrk: each request submits one prepared ballot (one line of the bodies file, a JSON body with its own
-- token). Usage: wrk ... -s bench/p1-submit.lua URL -- BODIES_FILE THREADS
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

function init(args)
  local threads = tonumber(args[2])
  bodies = {}
  local line_number = 0
  -- Threads take alternate lines, so no token is sent twice.
  for line in io.lines(args[1]) do
    if line_number % threads == id then
      bodies[#bodies + 1] = line
    end
    line_number = line_number + 1
  end
  sent = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  sent = sent + 1
  -- Past the end the bodies repeat and are answered 409, which wrk counts as not 2xx.
  return wrk.format(nil, nil, nil, bodies[((sent - 1) % #bodies) + 1])
end

function done(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95)))
end
