-- wrk script for `scripts/bench.sh ingest` (a benchmark; not a test).
-- Posts the bodies written by ingest_bodies.py in turn, and makes every request.id unique: each body
-- holds, per entry, 16 characters of MARKER that are replaced per request by
--   run (4 hex) .. wrk thread (4 hex) .. request counter of that thread (8 hex);
-- the entry's position in its body follows in the id, so no two entries ever share an id.
-- Each request is built once at start-up (wrk.format: method, path, headers, Content-Length) and
-- split at the markers, so a request costs one table fill and one concatenation.
--
-- Arguments (after `--`): <bodies file> <run number> <path> [bearer token]

local MARKER = string.rep("@", 16)
local threads = 0

function setup(thread)
   threads = threads + 1
   thread:set("thread_number", threads)
end

local requests = {}   -- per body: array of pieces, markers at the even indexes
local markers = {}    -- per body: the even indexes
local next_body, counter, run = 1, 0, 0

function init(args)
   local file, path, token = args[1], args[3], args[4]
   run = tonumber(args[2])
   local headers = { ["Content-Type"] = "application/json" }
   if token and token ~= "" then
      headers["Authorization"] = "Bearer " .. token
   end
   for body in io.lines(file) do
      local h = {}
      for k, v in pairs(headers) do h[k] = v end
      local whole = wrk.format("POST", path, h, body)
      local pieces, slots, from = {}, {}, 1
      while true do
         local at = string.find(whole, MARKER, from, true)
         if not at then break end
         pieces[#pieces + 1] = string.sub(whole, from, at - 1)
         pieces[#pieces + 1] = MARKER
         slots[#slots + 1] = #pieces
         from = at + #MARKER
      end
      pieces[#pieces + 1] = string.sub(whole, from)
      requests[#requests + 1] = pieces
      markers[#markers + 1] = slots
   end
   -- threads start at different bodies so they do not post the same entries side by side
   next_body = ((thread_number or 1) - 1) * 7919 % #requests + 1
end

function request()
   counter = counter + 1
   local id = string.format("%04x%04x%08x", run % 65536, thread_number or 1, counter % 4294967296)
   local pieces, slots = requests[next_body], markers[next_body]
   for i = 1, #slots do
      pieces[slots[i]] = id
   end
   next_body = next_body % #requests + 1
   return table.concat(pieces)
end
