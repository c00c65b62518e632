/**
 * The bucket steps of src/services/rateLimitWindow.ts as one Lua script, so a reservation in Redis is
 * atomic across processes. Times are Redis' own clock (`TIME`) unless a test passes `now`.
 *
 * KEYS[1] the bucket. ARGV: op ("reserve" | "settle" | "giveBack"), keep ms, poll ms, now ("" for
 * TIME), ticket epoch, ticket counted ("1"/"0"), ticket reservedAt, outcome ("headers" | "noHeaders"
 * | "noResponse"), limit, remaining, reset-after.
 * Returns {1, epoch, counted, now} for a granted slot, {0, millis} to wait, {1} after settle/giveBack.
 */
export const bucketScript = `
local key = KEYS[1]
local op = ARGV[1]
local keep = tonumber(ARGV[2])
local poll = tonumber(ARGV[3])
local now = tonumber(ARGV[4])
if now == nil then
  local time = redis.call('TIME')
  now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
end
local f = redis.call('HMGET', key, 'limit', 'window', 'remaining', 'reset', 'confirmed', 'epoch', 'pending', 'unpaced', 'floor', 'carried')
if op == 'giveBack' and not f[1] then return {1} end
local limit = tonumber(f[1]) or 0
local window = tonumber(f[2]) or 0
local remaining = tonumber(f[3]) or 0
local reset = tonumber(f[4]) or 0
local confirmed = f[5] == '1'
local epoch = tonumber(f[6]) or 0
local pending = tonumber(f[7]) or 0
local unpaced = f[8] == '1'
local floor = tonumber(f[9]) or 0
local carried = tonumber(f[10]) or 0
local ticketEpoch = tonumber(ARGV[5])
local counted = ARGV[6] == '1'
local reservedAt = tonumber(ARGV[7])
local result = {1}

if op == 'reserve' then
  if unpaced then
    result = {1, epoch, 0, now}
  elseif limit == 0 then
    if pending == 0 then
      pending = 1
      result = {1, epoch, 1, now}
    else
      result = {0, poll}
    end
  else
    local waitFor = nil
    if now > reset then
      if (not confirmed) and pending > 0 then
        waitFor = poll
      else
        epoch = epoch + 1
        remaining = math.max(0, limit - pending - carried)
        carried = 0
        reset = now + math.max(1, window)
        floor = now + window
        confirmed = false
      end
    end
    if waitFor == nil then
      if remaining > 0 then
        remaining = remaining - 1
        pending = pending + 1
        result = {1, epoch, 1, now}
      else
        waitFor = reset + 1 - now
      end
    end
    if waitFor ~= nil then result = {0, math.max(1, waitFor)} end
  end
elseif op == 'settle' then
  if counted then pending = math.max(0, pending - 1) end
  local outcome = ARGV[8]
  if outcome == 'noHeaders' then
    unpaced = true
  elseif outcome == 'headers' then
    local taughtRemaining = tonumber(ARGV[10])
    local resetAfter = tonumber(ARGV[11])
    unpaced = false
    limit = tonumber(ARGV[9])
    window = math.max(window, resetAfter)
    local earliest = reservedAt + resetAfter
    local latest = now + resetAfter
    if reset == 0 or (confirmed and earliest > reset) then
      epoch = epoch + 1
      remaining = math.max(0, taughtRemaining - pending)
      carried = 0
      reset = latest
      floor = earliest
      confirmed = true
    elseif latest >= floor then
      remaining = math.min(remaining, taughtRemaining)
      if confirmed and now > floor then carried = carried + 1 end
      if confirmed then reset = math.min(reset, latest) else reset = latest end
      floor = math.max(floor, earliest)
      confirmed = true
    end
  end
elseif op == 'giveBack' then
  if counted then
    pending = math.max(0, pending - 1)
    if ticketEpoch == epoch and limit > 0 and not unpaced then remaining = math.min(limit, remaining + 1) end
  end
end

redis.call('HSET', key, 'limit', limit, 'window', window, 'remaining', remaining, 'reset', reset,
  'confirmed', confirmed and '1' or '0', 'epoch', epoch, 'pending', pending, 'unpaced', unpaced and '1' or '0',
  'floor', floor, 'carried', carried)
redis.call('PEXPIRE', key, math.max(reset - now, 0) + math.max(keep, window))
return result
`
