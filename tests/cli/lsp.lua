-- Drives Neovim's own LSP client against `claimtrail lsp` (see the `nvim`
-- test in lsp.rs). Written for Neovim 0.7 and later: `vim.lsp.start_client`
-- and `buf_attach_client` rather than 0.8's `vim.lsp.start`. Exits 0 when
-- every check holds; otherwise prints what failed and exits 1.
local bin = os.getenv('CLAIMTRAIL_BIN')
local root = os.getenv('CORPUS')
local file = os.getenv('ARTICLE')
local expected_file = os.getenv('EXPECTED')

local function fail(msg)
  io.stderr:write('FAIL: ' .. msg .. '\n')
  os.exit(1)
end

local function check(cond, msg)
  if not cond then fail(msg) end
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({ name = 'claimtrail', cmd = { bin, 'lsp' }, root_dir = root })
  check(client, 'the server starts')
  vim.lsp.buf_attach_client(buf, client)

  -- The misspelt source id: an error on line 12 (0-based 11), column 9.
  local function unknown_source()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
      if code == 'unknown-source' then return d end
    end
  end
  check(vim.wait(30000, function() return unknown_source() ~= nil end, 50), 'a diagnostic arrives')
  local d = unknown_source()
  check(d.lnum == 11, 'the diagnostic is on line 12, not ' .. (d.lnum + 1))
  check(d.col == 9, 'the diagnostic starts at column 9, not ' .. d.col)
  check(d.severity == vim.diagnostic.severity.ERROR, 'the diagnostic is an error')

  -- Completion inside the string offers the article's source id.
  vim.api.nvim_win_set_cursor(0, { 12, 10 })
  local params = vim.lsp.util.make_position_params()
  local answers = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 30000)
  local labels = {}
  for _, answer in pairs(answers or {}) do
    local items = answer.result and (answer.result.items or answer.result) or {}
    for _, item in ipairs(items) do table.insert(labels, item.label) end
  end
  check(#labels == 1 and labels[1] == 'us-official',
    'completion offers us-official, got: ' .. table.concat(labels, ', '))

  -- Fix the typo; the error goes once the server has the new text.
  vim.api.nvim_buf_set_lines(buf, 11, 12, true, { 'source = "us-official"' })
  check(vim.wait(30000, function() return unknown_source() == nil end, 50), 'the error clears')

  -- Go to definition from the corrected id jumps to `[sources.us-official]`, line 5.
  vim.api.nvim_win_set_cursor(0, { 12, 12 })
  vim.lsp.buf.definition()
  check(vim.wait(30000, function() return vim.api.nvim_win_get_cursor(0)[1] == 5 end, 50),
    'definition jumps to line 5, the cursor is on ' .. vim.api.nvim_win_get_cursor(0)[1])
  check(vim.api.nvim_get_current_line() == '[sources.us-official]', 'the line is the source table')

  -- Formatting gives what `claimtrail fmt` gives.
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ timeout_ms = 30000 })
  else
    vim.lsp.buf.formatting_sync(nil, 30000)
  end
  local got = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n'
  local f = assert(io.open(expected_file, 'r'))
  local want = f:read('*a')
  f:close()
  check(got == want, 'formatting differs from fmt:\n' .. got .. '\n--- fmt gives ---\n' .. want)

  vim.lsp.stop_client(client)
end)
if not ok then fail(tostring(err)) end
io.stdout:write('ok\n')
os.exit(0)
