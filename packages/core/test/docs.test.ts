// docs/errors.md must document every error class @restakekit/core exports: each class's `docsPath`
// anchor (`/errors#<anchor>`) must be a heading there, and each class must be named there.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as core from '@restakekit/core'
import { describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const src = join(root, 'packages/core/src')
const doc = readFileSync(join(root, 'docs/errors.md'), 'utf8')

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-')
}
const anchors = new Set(
  doc
    .split('\n')
    .filter((l) => /^#{1,6}\s/.test(l))
    .map((l) => slug(l.replace(/^#+\s*/, ''))),
)

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return sources(path)
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : []
  })
}

/**
 * Every `class X extends Y { … }` and `class X extends defineError('X', { docsPath, … }) {}` in the
 * sources: its parent and the `docsPath` in its body.
 */
const declared = new Map<string, { parent: string; anchor: string | undefined; file: string }>()
for (const file of sources(src)) {
  const text = readFileSync(file, 'utf8')
  const re = /class\s+(\w+)\s+extends\s+(?:\/\*[^*]*\*\/\s*)?(\w+)\s*[{(]/g
  const starts = [...text.matchAll(re)]
  starts.forEach((m, i) => {
    const body = text.slice(m.index, starts[i + 1]?.index ?? text.length)
    const anchor = /docsPath:\s*'\/errors#([\w-]+)'/.exec(body)?.[1]
    declared.set(m[1]!, { parent: m[2]!, anchor, file: file.slice(root.length) })
  })
}
/** The anchor a class uses: its own, else its parent's (subclasses of InvalidParameterError share one). */
function anchorOf(name: string): string | undefined {
  const d = declared.get(name)
  if (!d) return undefined
  return d.anchor ?? anchorOf(d.parent)
}

const errorClasses = Object.entries(core).filter(
  (e): e is [string, typeof core.RestakeKitError] =>
    typeof e[1] === 'function' &&
    (e[1] as unknown) !== core.RestakeKitError &&
    (e[1] as { prototype?: unknown }).prototype instanceof core.RestakeKitError,
)

describe('docs/errors.md', () => {
  test('the package exports the error classes this test knows about', () => {
    expect(errorClasses.length).toBeGreaterThanOrEqual(35)
    for (const name of ['StepFailedError', 'WithdrawalNotReadyError', 'KarakSlippageError'])
      expect(errorClasses.map(([n]) => n)).toContain(name)
  })

  test.each(errorClasses.map(([name]) => [name]))(
    '%s: its docsPath anchor is a heading, and it is named',
    (name) => {
      const anchor = anchorOf(name)
      expect(anchor, `no docsPath '/errors#…' found for ${name} in packages/core/src`).toBeDefined()
      expect([...anchors], `docs/errors.md has no heading for #${anchor} (${name})`).toContain(anchor)
      expect(doc).toContain(`\`${name}\``)
    },
  )

  test('a constructed error carries the anchor read from its source', () => {
    // the classes that construct from plain values; the rest are covered by the source scan above
    const samples: core.RestakeKitError[] = [
      new core.UnsupportedChainError({ chainId: 1, protocol: 'Symbiotic' }),
      new core.InsufficientBalanceError({
        token: '0x0000000000000000000000000000000000000001',
        required: 2n,
        balance: 1n,
        account: '0x0000000000000000000000000000000000000002',
      }),
      new core.InvalidAmountError({ parameter: 'amount', value: 0n }),
      new core.StepFailedError({
        step: 'deposit',
        completed: [],
        holdings: 'tokens still in the wallet',
        cause: new Error('x'),
      }),
      new core.WithdrawalNotReadyError({
        protocol: 'eigenlayer',
        readyAt: { block: 10n },
        now: { block: 9n },
      }),
      new core.KarakSlippageError({ vault: '0x0000000000000000000000000000000000000001', minSharesOut: 5n }),
      new core.KarakVaultNotFoundError({ vault: '0x0000000000000000000000000000000000000001' }),
      new core.DepositLimitReachedError({
        vault: '0x0000000000000000000000000000000000000001',
        amount: 2n,
        activeStake: 1n,
        depositLimit: 2n,
      }),
    ]
    for (const e of samples) expect(e.docsPath).toBe(`/errors#${anchorOf(e.constructor.name)}`)
  })

  test('every docsPath anywhere in the core sources has a heading', () => {
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/docsPath:\s*'\/errors#([\w-]+)'/g)) {
        expect([...anchors], `${file}: #${m[1]}`).toContain(m[1])
      }
    }
  })

  test('relative links between the docs resolve, anchors included', () => {
    const docsDir = join(root, 'docs')
    const markdown = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        if (statSync(path).isDirectory()) return name === 'api' ? [] : markdown(path)
        return name.endsWith('.md') ? [path] : []
      })
    const headingsOf = (file: string) =>
      new Set(
        readFileSync(file, 'utf8')
          .split('\n')
          .filter((l) => /^#{1,6}\s/.test(l))
          .map((l) => slug(l.replace(/^#+\s*/, ''))),
      )
    for (const file of markdown(docsDir)) {
      const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!
        if (/^[a-z]+:/.test(target)) continue // external
        const [path, anchor] = target.split('#')
        const resolved = path ? join(file, '..', path) : file
        expect(statSync(resolved, { throwIfNoEntry: false }), `${file}: ${target}`).toBeDefined()
        if (anchor && resolved.endsWith('.md')) {
          expect([...headingsOf(resolved)], `${file}: ${target}`).toContain(anchor)
        }
      }
    }
  })
})
