// A changeset release dry run: `changeset version` in a scratch copy of the repository, then a check
// that every package got the version its changesets ask for and a changelog naming each change.
// Usage: node scripts/consumer/release-dry-run.mjs (from the repository root; commits nothing).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../..')
const bumps = ['patch', 'minor', 'major']
const sh = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })

// What the changesets ask for: the largest bump per package, and each summary's first line.
const wanted = new Map()
const summaries = new Map()
for (const f of readdirSync(join(root, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
  const text = readFileSync(join(root, '.changeset', f), 'utf8')
  const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text) ?? []
  if (!front) throw new Error(`.changeset/${f}: no front matter`)
  for (const line of front.split('\n').filter(Boolean)) {
    const [, name, bump] = /^['"]?([^'"]+)['"]?\s*:\s*(patch|minor|major)\s*$/.exec(line) ?? []
    if (!name) throw new Error(`.changeset/${f}: cannot read "${line}"`)
    if (!wanted.has(name) || bumps.indexOf(bump) > bumps.indexOf(wanted.get(name))) wanted.set(name, bump)
    const list = summaries.get(name) ?? []
    list.push(body.trim().split('\n')[0])
    summaries.set(name, list)
  }
}
const bumped = (version, bump) => {
  const [maj, min, pat] = version.split('.').map(Number)
  return bump === 'major'
    ? `${maj + 1}.0.0`
    : bump === 'minor'
      ? `${maj}.${min + 1}.0`
      : `${maj}.${min}.${pat + 1}`
}

const scratch = mkdtempSync(join(tmpdir(), 'restakekit-release-'))
const copy = join(scratch, 'repo')
try {
  sh('git', ['worktree', 'add', '--detach', copy, 'HEAD'], root)
  symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'))
  sh(join(root, 'node_modules/.bin/changeset'), ['version'], copy)
  let failures = 0
  for (const dir of readdirSync(join(root, 'packages'))) {
    const before = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
    const after = JSON.parse(readFileSync(join(copy, 'packages', dir, 'package.json'), 'utf8'))
    const bump = wanted.get(before.name)
    const expected = bump ? bumped(before.version, bump) : before.version
    const log = join(copy, 'packages', dir, 'CHANGELOG.md')
    const changelog = existsSync(log) ? readFileSync(log, 'utf8') : ''
    const missing = (summaries.get(before.name) ?? []).filter((s) => !changelog.includes(s))
    const ok = after.version === expected && missing.length === 0
    if (!ok) failures++
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${before.name}: ${before.version} -> ${after.version} (expected ${expected}, ${bump ?? 'no changeset'})` +
        (missing.length ? `; changelog lacks: ${missing.join(' | ')}` : ''),
    )
  }
  const left = readdirSync(join(copy, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')
  if (left.length) {
    failures++
    console.log(`FAIL changesets not consumed: ${left.join(', ')}`)
  }
  if (failures) process.exit(1)
  console.log('release dry run: versions and changelogs as the changesets say')
} finally {
  try {
    sh('git', ['worktree', 'remove', '--force', copy], root)
  } catch {}
  rmSync(scratch, { recursive: true, force: true })
}
