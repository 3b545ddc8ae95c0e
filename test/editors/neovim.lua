-- Drives Iltizam from a real headless Neovim (test/editors/neovim.test.ts):
-- the README's configuration has started the server on the opened text;
-- this asks for a hover, the outline and the code actions at the first
-- entity, runs the "Accept" action as Neovim runs a code action's command,
-- and writes what came back as JSON to $ILTIZAM_NVIM_RESULTS, then quits.
local results = {}
local timeout = tonumber(os.getenv('ILTIZAM_NVIM_TIMEOUT_MS') or '60000')
local deadline = vim.loop.now() + timeout

local function remaining()
  return math.max(1, deadline - vim.loop.now())
end

-- Asks until the answer passes `ok` (the server may still be analysing), polling within the deadline.
local function ask(client, method, params, ok)
  while true do
    local response = client.request_sync(method, params, remaining(), 0)
    if response and not response.err and ok(response.result) then return response.result end
    if vim.loop.now() >= deadline then error(method .. ' gave no answer in time: ' .. vim.inspect(response)) end
    vim.wait(50, function() return vim.loop.now() >= deadline end)
  end
end

local function run()
  local client
  local started = vim.wait(timeout, function()
    client = vim.lsp.get_active_clients()[1]
    return client ~= nil and client.server_capabilities ~= nil and client.initialized ~= false
      and vim.lsp.buf_is_attached(0, client.id)
  end, 20)
  if not started then error('the language server did not start and attach') end
  results.client = client.name
  results.filetype = vim.bo.filetype
  local uri = vim.uri_from_bufnr(0)
  local at = { line = 0, character = 3 }

  local hover = ask(client, 'textDocument/hover', { textDocument = { uri = uri }, position = at }, function(r)
    return r ~= nil and r ~= vim.NIL
  end)
  results.hover = hover.contents

  local symbols = ask(client, 'textDocument/documentSymbol', { textDocument = { uri = uri } }, function(r)
    return type(r) == 'table' and #r > 0
  end)
  results.symbols = {}
  for _, group in ipairs(symbols) do
    local children = {}
    for _, s in ipairs(group.children or {}) do table.insert(children, { name = s.name, kind = s.kind }) end
    table.insert(results.symbols, { name = group.name, kind = group.kind, children = children })
  end

  local actions = ask(client, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = { start = at, ['end'] = at },
    context = { diagnostics = {} },
  }, function(r)
    return type(r) == 'table' and #r > 0
  end)
  local accept
  for _, a in ipairs(actions) do
    if a.command and a.command.command == 'iltizam.server.accept' then accept = a break end
  end
  if not accept then error('no Accept action among ' .. vim.inspect(actions)) end
  results.action = accept.title
  local done = client.request_sync('workspace/executeCommand', accept.command, remaining(), 0)
  if not done or done.err then error('the Accept command failed: ' .. vim.inspect(done)) end
  results.executed = true
end

local ok, err = pcall(run)
if not ok then results.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(results) }, os.getenv('ILTIZAM_NVIM_RESULTS'))
vim.cmd('qall!')
