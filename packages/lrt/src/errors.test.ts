import { readFileSync } from 'node:fs'
import { RestakeKitError } from '@restakekit/core'
import * as lrt from '@restakekit/lrt'
import type { Address } from 'viem'
import { describe, expect, expectTypeOf, test } from 'vitest'
import { WithdrawalRequestNotFoundError, WithdrawalRequestNotOwnedError } from './errors.js'
import type { ClaimWithdrawalErrorType as EtherFiClaimErrorType } from './etherfi/actions/claimWithdrawal.js'
import type { ClaimWithdrawalErrorType as PufferClaimErrorType } from './puffer/actions/claimWithdrawal.js'
import type { ClaimWithdrawalErrorType as RenzoClaimErrorType } from './renzo/actions/claimWithdrawal.js'

const owner = '0x00000000000000000000000000000000000000aA' as Address
const account = '0x00000000000000000000000000000000000000bB' as Address

/** The anchors VitePress gives docs/errors.md's headings (lowercase, spaces to dashes). */
const anchors = new Set(
  [
    ...readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8').matchAll(/^#{2,4} (.+)$/gm),
  ].map((m) =>
    (m[1] as string)
      .trim()
      .toLowerCase()
      .replace(/[^a-z0-9 -]/g, '')
      .replace(/ /g, '-'),
  ),
)

describe('LRT errors: one class per failure, built with defineError', () => {
  test('every error class the package exports: literal name, one object parameter, a documented anchor', () => {
    const classes = Object.entries(lrt).filter(
      ([, v]) =>
        typeof v === 'function' && (v as { prototype?: unknown }).prototype instanceof RestakeKitError,
    ) as [string, new (p: never) => RestakeKitError][]
    const names = classes.map(([n]) => n)
    // the shared request pair, and none of the per-protocol twins it replaced
    expect(names).toEqual(
      expect.arrayContaining(['WithdrawalRequestNotFoundError', 'WithdrawalRequestNotOwnedError']),
    )
    for (const twin of [
      'NotRequestOwnerError',
      'PufferRequestNotOwnedError',
      'PufferRequestClaimedError',
      'SwellRequestNotOwnedError',
      'SwellRequestNotFoundError',
      'RenzoWithdrawalRequestNotFoundError',
    ])
      expect(names).not.toContain(twin)
    expect(names.length).toBeGreaterThanOrEqual(12)
    for (const [exported, Class] of classes) {
      const e = new Class({ protocol: 'X', asset: owner, address: owner } as never)
      expect(e.name).toBe(exported)
      expect(e).toBeInstanceOf(RestakeKitError)
      const anchor = e.docsPath?.split('#')[1]
      expect(anchor, exported).toBeDefined()
      expect(anchors.has(anchor as string), `${exported}: no heading for #${anchor} in docs/errors.md`).toBe(
        true,
      )
    }
  })

  test('not found: keeps its fields and says what was searched', () => {
    const e = new WithdrawalRequestNotFoundError({ protocol: 'Puffer', requestId: 7n, owner, claimed: true })
    expect(e).toMatchObject({
      name: 'WithdrawalRequestNotFoundError',
      protocol: 'Puffer',
      requestId: 7n,
      owner,
    })
    expect(e.shortMessage).toBe(
      `Puffer withdrawal request 7 is not an open request of ${owner}: it was claimed already.`,
    )
    const none = new WithdrawalRequestNotFoundError({ protocol: 'Kelp', owner, open: [] })
    expect(none.shortMessage).toBe(`${owner} has no open Kelp withdrawal request.`)
    expect(none.details).toContain('the account has no open request')
    expect(none.docsPath).toBe('/errors#withdrawal-request-not-found')
  })

  test('not owned: the owner and the account that tried', () => {
    const e = new WithdrawalRequestNotOwnedError({ protocol: 'Swell', requestId: 3n, owner, account })
    expect(e).toMatchObject({ protocol: 'Swell', requestId: 3n, owner, account })
    expect(e.shortMessage).toBe(
      `Swell withdrawal request 3 belongs to ${owner}, not ${account}; nothing was sent.`,
    )
    expect(e.docsPath).toBe('/errors#withdrawal-request-not-owned')
  })

  test('the claim error unions narrow on error.name to the shared classes', () => {
    type Narrowed<U, N> = Extract<U, { name: N }>
    expectTypeOf<
      Narrowed<EtherFiClaimErrorType, 'WithdrawalRequestNotOwnedError'>
    >().toEqualTypeOf<WithdrawalRequestNotOwnedError>()
    expectTypeOf<
      Narrowed<PufferClaimErrorType, 'WithdrawalRequestNotFoundError'>
    >().toEqualTypeOf<WithdrawalRequestNotFoundError>()
    expectTypeOf<
      Narrowed<RenzoClaimErrorType, 'WithdrawalRequestNotFoundError'>['requestId']
    >().toEqualTypeOf<bigint | undefined>()
    expectTypeOf<
      Narrowed<PufferClaimErrorType, 'WithdrawalRequestNotOwnedError'>['owner']
    >().toEqualTypeOf<Address>()
  })
})
