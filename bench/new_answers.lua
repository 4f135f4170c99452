-- wrk: each request asks the preview with an arrival date not asked before (in all
-- likelihood), so that neither the page cache nor the assembled steps help: the
-- preview's cold path. The address given to wrk ends with "&arrival=".
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local date = string.format("%04d-%02d-%02d", math.random(2031, 2060), math.random(1, 12), math.random(1, 28))
  return wrk.format(nil, wrk.path .. date)
end
