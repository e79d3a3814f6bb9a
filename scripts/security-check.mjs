#!/usr/bin/env node
// Runs electronegativity (kept in tools/security with its own lockfile, toolchain.md §5) over the
// Electron sources and fails on any HIGH or MEDIUM finding that the code does not explain.
//
// Explaining a finding: a comment on the flagged line or the line above it,
//     // electronegativity-ok: CHECK_NAME why this is safe
// (several checks flagged on one line: CHECK_A, CHECK_B why these are safe),
// and, for a global finding that has no line (e.g. CSP_GLOBAL_CHECK), anywhere in a scanned file:
//     // electronegativity-ok-global: CHECK_NAME why this is safe
// The reason is required. electronegativity exits 0 even with findings, so its CSV is parsed here.
// A file it cannot parse is a failure too (its findings would be silently missing); it reports
// those only in its table mode, so a second run without -o, side by side, collects them.
//
//   usage: node scripts/security-check.mjs [dir ...]      (default: main)
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const toolDir = join(root, 'tools', 'security')
const tool = join(toolDir, 'node_modules', '.bin', 'electronegativity')
const ELECTRON_VERSION = JSON.parse(readFileSync(join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version
const GATED = new Set(['HIGH', 'MEDIUM'])

/** RFC 4180-ish: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f.trim() !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f.trim() !== '')) rows.push(row)
  return rows
}

const HEADER = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url']
const SEVERITIES = new Set(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'])

/**
 * The findings in electronegativity's CSV, or null when the report is garbled. (Its writer starts
 * two unsynchronised fs.writeFile calls, header then rows; the header can land over the first
 * row, or truncate the rows away. The caller retries.)
 */
export function findingsFromCsv(text) {
  const [header, ...rows] = parseCsv(text)
  if (!header || header.map((h) => h.trim()).join() !== HEADER.join()) return null
  const findings = rows.map((cells) => Object.fromEntries(HEADER.map((name, i) => [name, (cells[i] ?? '').trim()])))
  const valid = findings.every(
    (f, i) =>
      rows[i].length === HEADER.length &&
      /^[A-Z0-9_]+$/.test(f.issue) &&
      SEVERITIES.has(f.severity.toUpperCase()) &&
      f.url === `https://github.com/doyensec/electronegativity/wiki/${f.issue}`
  )
  return valid ? findings : null
}

const ANNOTATION = /electronegativity-ok:\s*([A-Z0-9_]+(?:\s*,\s*[A-Z0-9_]+)*)\s+\S/
const GLOBAL_ANNOTATION = /electronegativity-ok-global:\s*([A-Z0-9_]+)\s+\S/g

function explained(finding, scanRoot, globalOks) {
  const file = finding.filename
  const line = Number.parseInt((finding.location ?? '').split(':')[0] ?? '', 10)
  if (!file || file === 'N/A' || !Number.isFinite(line)) return globalOks.has(finding.issue)
  const path = resolve(scanRoot, file)
  if (!existsSync(path)) return false
  const lines = readFileSync(path, 'utf8').split('\n')
  return [lines[line - 1], lines[line - 2]].some((text) => {
    const match = text === undefined ? null : ANNOTATION.exec(text)
    return match !== null && match[1].split(/\s*,\s*/).includes(finding.issue)
  })
}

function globalAnnotations(csvFindings, scanRoot) {
  const oks = new Set()
  const files = new Set(csvFindings.map((f) => f.filename).filter((f) => f && f !== 'N/A'))
  const listing = spawnSync('grep', ['-rlE', 'electronegativity-ok-global:', scanRoot], { encoding: 'utf8' })
  for (const path of listing.stdout.split('\n').filter(Boolean)) files.add(path)
  for (const file of files) {
    const path = resolve(scanRoot, file)
    if (!existsSync(path)) continue
    for (const match of readFileSync(path, 'utf8').matchAll(GLOBAL_ANNOTATION)) oks.add(match[1])
  }
  return oks
}

function ensureTool() {
  if (existsSync(tool)) return
  process.stderr.write('security-check: installing electronegativity into tools/security (npm ci)\n')
  const install = spawnSync('npm', ['ci', '--prefix', toolDir, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] })
  if (install.status !== 0 || !existsSync(tool)) throw new Error('security-check: npm ci --prefix tools/security failed')
}

// Colour codes, in case the tool colours its output despite FORCE_COLOR=0.
// eslint-disable-next-line no-control-regex
const ANSI_COLOUR = /\x1b\[[0-9;]*m/g

/** Runs electronegativity; resolves with its exit code and everything it printed. */
function electronegativity(args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(tool, args, { cwd: toolDir, env: { ...process.env, LANG: 'en_US.UTF-8', FORCE_COLOR: '0' } })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolvePromise({ status, output: output.replace(ANSI_COLOUR, '') }))
  })
}

async function csvFindings(scanRoot) {
  const work = mkdtempSync(join(tmpdir(), 'glasshouse-electronegativity-'))
  try {
    const csv = join(work, 'findings.csv')
    const run = await electronegativity(['-i', scanRoot, '-r', '-e', ELECTRON_VERSION, '-v', 'false', '-o', csv])
    if (run.status !== 0 || !existsSync(csv)) throw new Error(`electronegativity failed on ${scanRoot} (exit ${run.status}):\n${run.output}`)
    return findingsFromCsv(readFileSync(csv, 'utf8'))
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

async function parseErrors(scanRoot) {
  const run = await electronegativity(['-i', scanRoot, '-r', '-e', ELECTRON_VERSION, '-v', 'false'])
  if (run.status !== 0) throw new Error(`electronegativity failed on ${scanRoot} (exit ${run.status}):\n${run.output}`)
  return run.output.split('\n').filter((line) => /^\s*Error parsing /.test(line)).map((line) => line.trim())
}

const ATTEMPTS = 3

async function scan(dir) {
  const scanRoot = resolve(root, dir)
  const errors = parseErrors(scanRoot)
  for (let attempt = 1; ; attempt++) {
    const findings = await csvFindings(scanRoot)
    // An empty report may be the race having truncated the rows: only believe it repeated.
    if (findings !== null && (findings.length > 0 || attempt === ATTEMPTS)) return { scanRoot, findings, parseErrors: await errors }
    if (attempt === ATTEMPTS) throw new Error(`electronegativity wrote a garbled report for ${dir} ${ATTEMPTS} times`)
    process.stderr.write(`security-check: electronegativity's report for ${dir} was ${findings === null ? 'garbled' : 'empty'}; running it again\n`)
  }
}

async function main() {
  const dirs = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['main']
  ensureTool()
  const failures = []
  const notes = []
  for (const dir of dirs) {
    const { scanRoot, findings, parseErrors } = await scan(dir)
    for (const error of parseErrors) failures.push(`${error} (so that file was not checked)`)
    const globalOks = globalAnnotations(findings, scanRoot)
    for (const finding of findings) {
      const where = `${dir}/${finding.filename}:${finding.location}`
      const text = `${finding.issue} ${finding.severity}/${finding.confidence} at ${where}: ${finding.description}`
      if (!GATED.has(finding.severity.toUpperCase())) notes.push(text)
      else if (explained(finding, scanRoot, globalOks)) notes.push(`${text} (explained)`)
      else failures.push(text)
    }
  }
  for (const note of notes) process.stdout.write(`note: ${note}\n`)
  if (failures.length > 0) {
    process.stderr.write(
      `security-check: ${failures.length} unexplained finding(s):\n  ${failures.join('\n  ')}\n` +
        'Fix them, or explain one with "// electronegativity-ok: CHECK_NAME reason" on or above its line.\n'
    )
    process.exit(1)
  }
  process.stdout.write(`security-check: ok (${dirs.join(', ')}; ${notes.length} note(s), no unexplained HIGH or MEDIUM finding)\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exit(2)
  })
}
