"""The Lua scripts of the Redis store: each runs inside Redis, whole or not at all.

A room is run by one worker at a time: the one that holds its lease (`owner:CODE`, a worker
id that expires unless renewed). Every write of a room checks the lease in the same script
that makes it, so a worker that lost a room (stalled, cut off, or handed it over) can never
write to it again: its phones are told "not saved" and reconnect to the room's new worker.
"""

# ARGV: worker id, lease ms, key prefix, JSON list of writes. Returns one outcome per write:
# "" (done), "taken" (another worker runs the room), "exists" (a new room's code is taken),
# "missing" (a "me too" to no question) or "counted" (this token said "me too" already).
WRITE = """
local me, ttl, p = ARGV[1], ARGV[2], ARGV[3]
local ops = cjson.decode(ARGV[4])
local out, owned = {}, {}
local function mine(code)
  if owned[code] == nil then
    local key = p .. 'owner:' .. code
    local owner = redis.call('GET', key)
    if not owner then  -- nobody runs it (e.g. Redis restarted after the lease ran out)
      redis.call('SET', key, me, 'PX', ttl)
      owner = me
    end
    owned[code] = owner == me
  end
  return owned[code]
end
for i, op in ipairs(ops) do
  local kind, code = op[1], op[2]
  out[i] = ''
  if kind == 'meta' then
    redis.call('HSET', p .. 'meta', op[2], op[3])
  elseif kind == 'create' then
    if redis.call('EXISTS', p .. 'room:' .. code) == 1 then
      out[i] = 'exists'
    else
      redis.call('SET', p .. 'owner:' .. code, me, 'PX', ttl)
      owned[code] = true
      redis.call('SET', p .. 'room:' .. code, op[3])
      redis.call('ZADD', p .. 'codes', op[4], code)
      redis.call('ZADD', p .. 'updated', op[5], code)
      if op[6] ~= '' then redis.call('SET', p .. 'lesson:' .. code, op[6]) end
    end
  elseif not mine(code) then
    out[i] = 'taken'
  elseif kind == 'room' then
    redis.call('SET', p .. 'room:' .. code, op[3])
    redis.call('ZADD', p .. 'updated', op[4], code)
    if op[5] ~= '' then redis.call('ZADD', p .. 'ended', op[5], code) end
  elseif kind == 'person' then
    redis.call('SADD', p .. 'people:' .. code, op[3])
  elseif kind == 'answer' then
    redis.call('SADD', p .. 'steps:' .. code, op[3])
    redis.call('HSET', p .. 'answers:' .. code .. ':' .. op[3], op[4], op[5])
    if op[6] ~= '' then redis.call('ZADD', p .. 'updated', op[6], code) end
  elseif kind == 'forget' then
    redis.call('DEL', p .. 'answers:' .. code .. ':' .. op[3])
    redis.call('SREM', p .. 'steps:' .. code, op[3])
  elseif kind == 'results' then  -- what an ended room's report may show
    redis.call('SET', p .. 'results:' .. code, op[3])
  elseif kind == 'question' then  -- the question box (redis_questions.py)
    redis.call('HSET', p .. 'questions:' .. code, op[3], op[4])
  elseif kind == 'unask' then
    redis.call('HDEL', p .. 'questions:' .. code, op[3])
    redis.call('DEL', p .. 'metoo:' .. code .. ':' .. op[3])
  elseif kind == 'metoo' then
    local row = redis.call('HGET', p .. 'questions:' .. code, op[3])
    if not row then
      out[i] = 'missing'
    elseif redis.call('SADD', p .. 'metoo:' .. code .. ':' .. op[3], op[4]) == 0 then
      out[i] = 'counted'
    else
      local q = cjson.decode(row)
      q.me_too = q.me_too + 1
      redis.call('HSET', p .. 'questions:' .. code, op[3], cjson.encode(q))
    end
  elseif kind == 'unlink' then
    local rows = redis.call('HGETALL', p .. 'questions:' .. code)
    for j = 1, #rows, 2 do
      local q = cjson.decode(rows[j + 1])
      q.owner = ''
      redis.call('HSET', p .. 'questions:' .. code, rows[j], cjson.encode(q))
      redis.call('DEL', p .. 'metoo:' .. code .. ':' .. rows[j])
    end
  end
end
return out
"""

# KEYS: owner, wanted. ARGV: worker id, lease ms. 1: this worker runs the room now. 0: another
# does; it is asked to hand the room over (it lets go at its next renewal).
CLAIM = """
local owner = redis.call('GET', KEYS[1])
if not owner or owner == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
  redis.call('DEL', KEYS[2])
  return 1
end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
return 0
"""

# ARGV: worker id, lease ms, key prefix, codes... Returns the codes this worker no longer runs:
# another took them, or asked for them (then the lease is freed for it at once).
RENEW = """
local me, ttl, p = ARGV[1], ARGV[2], ARGV[3]
local lost = {}
for i = 4, #ARGV do
  local code = ARGV[i]
  local key = p .. 'owner:' .. code
  local owner = redis.call('GET', key)
  if not owner then
    redis.call('SET', key, me, 'PX', ttl)
  elseif owner ~= me then
    table.insert(lost, code)
  elseif redis.call('EXISTS', p .. 'wanted:' .. code) == 1 then
    redis.call('DEL', key)
    table.insert(lost, code)
  else
    redis.call('PEXPIRE', key, ttl)
  end
end
return lost
"""

# KEYS: owner. ARGV: worker id. Free the lease if this worker holds it.
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""
