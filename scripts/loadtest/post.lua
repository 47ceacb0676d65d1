-- wrk script: POSTs pre-signed Discord interactions to /interactions, one after another.
--
-- LOADTEST_BODIES names a file written by scripts/loadtest/run: one request a line,
-- "<signature hex>\t<timestamp>\t<JSON body>". Signing happens before wrk starts, so the client
-- only sends bytes. With LOADTEST_CYCLE=0 the bodies are sent once each (never repeated): wrk
-- stops its thread when they run out, and the run reports how many were sent.

local path = os.getenv("LOADTEST_BODIES")
local cycle = os.getenv("LOADTEST_CYCLE") ~= "0"
local requests = {}

for line in io.lines(path) do
  local signature, timestamp, body = line:match("^(%x+)\t(%d+)\t(.*)$")
  if signature then
    requests[#requests + 1] = wrk.format("POST", "/interactions", {
      ["Content-Type"] = "application/json",
      ["X-Signature-Ed25519"] = signature,
      ["X-Signature-Timestamp"] = timestamp,
    }, body)
  end
end

if #requests == 0 then
  error("no signed requests in " .. tostring(path))
end

local next_request = 0

function request()
  next_request = next_request + 1
  if next_request > #requests then
    if not cycle then
      wrk.thread:stop()
    end
    next_request = 1
  end
  return requests[next_request]
end
