-- Deterministic Lua workload for the allocscheck benchmarks: allocation-heavy
-- trees (GC and table internals), string building and pattern matching,
-- sorting with a Lua comparator, closures and coroutines.  Prints checksums
-- only, so that every build's output can be compared byte for byte.
local scale = tonumber(arg and arg[1]) or 1

local function bottom_up(d)
  if d == 0 then return {} end
  d = d - 1
  return { bottom_up(d), bottom_up(d) }
end

local function check(t)
  if t[1] then return 1 + check(t[1]) + check(t[2]) end
  return 1
end

local function trees(maxdepth)
  local total = 0
  for d = 4, maxdepth, 2 do
    local iters = 1 << (maxdepth - d + 4)
    for _ = 1, iters do total = total + check(bottom_up(d)) end
  end
  return total
end

local function strings(n)
  local parts, h = {}, 0
  for i = 1, n do
    parts[#parts + 1] = string.format("%d:%s;", i * 7919 % 10007, ("x"):rep(i % 13))
  end
  local s = table.concat(parts)
  for num, xs in s:gmatch("(%d+):(x*);") do
    h = (h * 31 + tonumber(num) + #xs) % 2147483647
  end
  local replaced = s:gsub("x+", function(m) return #m end)
  return h, #s, #replaced
end

local function sorting(n)
  local seed, t = 12345, {}
  for i = 1, n do
    seed = (seed * 1103515245 + 12345) % 2147483648
    t[i] = { key = seed % 100000, name = "k" .. seed % 977 }
  end
  table.sort(t, function(a, b)
    if a.key ~= b.key then return a.key < b.key end
    return a.name < b.name
  end)
  local h = 0
  for i = 1, n, 97 do h = (h * 17 + t[i].key) % 1000000007 end
  return h
end

local function closures(n)
  local co = coroutine.wrap(function()
    for i = 1, n do coroutine.yield(function(x) return x + i end) end
  end)
  local acc = 0
  for _ = 1, n do acc = (acc + co()(acc % 1000)) % 1000003 end
  return acc
end

print("trees", trees(13 + scale))
print("strings", strings(40000 * scale))
print("sorting", sorting(50000 * scale))
print("closures", closures(100000 * scale))
