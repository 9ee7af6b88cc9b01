-- Prints the 95th percentile, which wrk's --latency table leaves out (it has 50, 75, 90 and 99).
function done(summary, latency, requests)
  io.write(string.format("p95_us: %d\n", latency:percentile(95)))
end
