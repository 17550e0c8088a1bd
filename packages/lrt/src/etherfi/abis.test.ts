// Every fragment the ether.fi adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as ether.fi's contracts, in each version form.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/etherfi'
import {
  type Abi,
  type AbiParameter,
  encodeAbiParameters,
  encodeEventTopics,
  getAbiItem,
  getAddress,
  type Log,
  parseEventLogs,
  toFunctionSelector,
} from 'viem'
import { describe, expect, test } from 'vitest'
import {
  etherfiEETHAbi,
  etherfiLiquidityPoolAbi,
  etherfiLiquidityPoolBoundsAbi,
  etherfiLiquidityPoolErrorsAbi,
  etherfiRedemptionManagerAbi,
  etherfiRedemptionManagerErrorsAbi,
  etherfiRedemptionManagerV2025Abi,
  etherfiWeETHAbi,
  etherfiWithdrawRequestEventsAbi,
  etherfiWithdrawRequestEventsV2026Abi,
  etherfiWithdrawRequestNFTAbi,
  etherfiWithdrawRequestNFTErrorsAbi,
} from './abis.js'
import { decodeClaims } from './actions/getWithdrawalRequests.js'
import { etherfiDeployments } from './deployments.js'
import {
  etherfiEETHPermitAbi,
  etherfiLiquidityPoolPermitAbi,
  etherfiRedemptionManagerPermitAbi,
  etherfiRedemptionManagerPermitV2025Abi,
  etherfiWeETHPermitAbi,
} from './permit.js'

const ref = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../shared/reference/abi/lrt/etherfi/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const types = (ps: readonly AbiParameter[]): string =>
  ps
    .map((p) =>
      p.type.startsWith('tuple') && 'components' in p ? `(${types(p.components)})${p.type.slice(5)}` : p.type,
    )
    .join(',')
const sig = (f: Abi[number]) => {
  if (f.type === 'function') return `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}`
  if (f.type === 'event')
    return `event ${f.name}(${f.inputs.map((i) => `${i.type}${i.indexed ? ' indexed' : ''}`).join(',')})`
  if (f.type === 'error') return `error ${f.name}(${types(f.inputs)})`
  return ''
}
const missingIn = (abi: Abi, file: string) => {
  const reference = new Set(ref(file).map(sig))
  return abi.map(sig).filter((s) => s !== '' && !reference.has(s))
}

describe('ether.fi ABIs equal the reference ABIs, in each version form', () => {
  const cases: [string, Abi, string[]][] = [
    [
      'liquidity pool',
      [...etherfiLiquidityPoolAbi, ...etherfiLiquidityPoolErrorsAbi],
      ['LiquidityPool.json', 'LiquidityPool.v2026-03.json'],
    ],
    ['liquidity pool bounds (HEAD)', etherfiLiquidityPoolBoundsAbi, ['LiquidityPool.json']],
    ['eETH', etherfiEETHAbi, ['EETH.json']],
    ['weETH', etherfiWeETHAbi, ['WeETH.json']],
    [
      'withdraw request NFT',
      etherfiWithdrawRequestNFTAbi,
      ['WithdrawRequestNFT.json', 'WithdrawRequestNFT.v2026-03.json'],
    ],
    ['NFT events (HEAD)', etherfiWithdrawRequestEventsAbi, ['WithdrawRequestNFT.json']],
    ['NFT errors (HEAD)', etherfiWithdrawRequestNFTErrorsAbi, ['WithdrawRequestNFT.json']],
    [
      'redemption manager errors (HEAD)',
      etherfiRedemptionManagerErrorsAbi,
      ['EtherFiRedemptionManager.json'],
    ],
    ['NFT events (2026-03)', etherfiWithdrawRequestEventsV2026Abi, ['WithdrawRequestNFT.v2026-03.json']],
    [
      'redemption manager (HEAD / 2026-03)',
      etherfiRedemptionManagerAbi,
      ['EtherFiRedemptionManager.json', 'EtherFiRedemptionManager.v2026-03.json'],
    ],
    [
      'redemption manager (2025-03)',
      etherfiRedemptionManagerV2025Abi,
      ['EtherFiRedemptionManager.v2025-03.json'],
    ],
  ]
  for (const [name, abi, files] of cases) {
    for (const file of files) {
      test(`${name} ⊂ ${file}`, () => expect(missingIn(abi, file)).toEqual([]))
    }
  }

  test('the forms really differ where the README says: each form is absent from the other file', () => {
    expect(missingIn(etherfiLiquidityPoolBoundsAbi, 'LiquidityPool.v2026-03.json')).toHaveLength(2)
    expect(missingIn(etherfiWithdrawRequestEventsAbi, 'WithdrawRequestNFT.v2026-03.json')).toHaveLength(2)
    expect(missingIn(etherfiWithdrawRequestEventsV2026Abi, 'WithdrawRequestNFT.json')).toHaveLength(2)
    const redeem = etherfiRedemptionManagerAbi.filter(
      (f) => f.type === 'function' && f.name.startsWith('redeem'),
    )
    const redeemOld = etherfiRedemptionManagerV2025Abi.filter(
      (f) => f.type === 'function' && f.name.startsWith('redeem'),
    )
    expect(missingIn(redeem, 'EtherFiRedemptionManager.v2025-03.json')).toHaveLength(2)
    expect(missingIn(redeemOld, 'EtherFiRedemptionManager.json')).toHaveLength(2)
  })

  test('selectors are the README’s', () => {
    const sel = (abi: Abi, name: string) =>
      abi.filter((f) => f.type === 'function' && f.name === name).map((f) => toFunctionSelector(f as never))
    expect(sel(etherfiLiquidityPoolAbi, 'requestWithdraw')).toEqual(['0x397a1b28'])
    expect(sel(etherfiWithdrawRequestNFTAbi, 'claimWithdraw')).toEqual(['0xb13acedd'])
    expect(sel(etherfiRedemptionManagerAbi, 'redeemEEth')).toEqual(['0x6dcc078e'])
    expect(sel(etherfiRedemptionManagerAbi, 'redeemWeEth')).toEqual(['0x50cd3742'])
    expect(sel(etherfiRedemptionManagerV2025Abi, 'redeemEEth')).toEqual(['0x77040173'])
    expect(sel(etherfiRedemptionManagerV2025Abi, 'redeemWeEth')).toEqual(['0xd3714d82'])
  })

  test('mainnet addresses are checksummed', () => {
    for (const [key, value] of Object.entries(etherfiDeployments[1])) {
      if (typeof value === 'string') expect(getAddress(value), key).toBe(value)
    }
  })
})

describe('claim events lost an argument between versions: both forms decode', () => {
  const owner = '0x00000000000000000000000000000000000000A1' as const
  const log = (abi: Abi, data: readonly unknown[], requestId: number): Log => {
    const event = getAbiItem({ abi, name: 'WithdrawRequestClaimed' }) as never
    const inputs = (event as { inputs: AbiParameter[] }).inputs.filter((i) => !('indexed' in i && i.indexed))
    return {
      address: '0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c',
      topics: encodeEventTopics({
        abi: [event],
        eventName: 'WithdrawRequestClaimed',
        args: { requestId },
      } as never),
      data: encodeAbiParameters(inputs, data as never),
      blockHash: null,
      blockNumber: null,
      logIndex: null,
      transactionHash: null,
      transactionIndex: null,
      removed: false,
    } as unknown as Log
  }
  test('HEAD (4 fields) and 2026-03 (5 fields, other topic) normalize to the same claim', () => {
    const head = log(etherfiWithdrawRequestEventsAbi, [10n, 9n, owner], 7)
    const v2026 = log(etherfiWithdrawRequestEventsV2026Abi, [10n, 9n, owner, 0n], 8)
    expect(head.topics[0]).not.toBe(v2026.topics[0])
    const abi = [...etherfiWithdrawRequestEventsAbi, ...etherfiWithdrawRequestEventsV2026Abi]
    const parsed = parseEventLogs({ abi, logs: [head, v2026], strict: true })
    expect(parsed).toHaveLength(2)
    expect(decodeClaims(parsed as never)).toEqual([
      { id: 7n, owner: getAddress(owner), amount: 10n, shares: 9n },
      { id: 8n, owner: getAddress(owner), amount: 10n, shares: 9n },
    ])
    // one form's ABI alone misses the other form's log
    expect(
      parseEventLogs({ abi: etherfiWithdrawRequestEventsAbi, logs: [head, v2026], strict: true }),
    ).toHaveLength(1)
  })
})

test('the module is exported from the root and the ./etherfi subpath, with the glossary verbs', () => {
  expect(root.etherfi).toBe(subpath.etherfi)
  expect(root.etherfi.id).toBe('etherfi')
  expect(Object.keys(root.etherfi.actions).sort()).toEqual(
    [
      'getRate',
      'getSupportedAssets',
      'previewDeposit',
      'previewWithdrawal',
      'previewInstantExit',
      'getExitOptions',
      'getWithdrawalRequests',
      'getApr',
      'getBacking',
      ...['Deposit', 'Wrap', 'Unwrap', 'RequestWithdrawal', 'ClaimWithdrawal', 'InstantExit'].flatMap((v) => [
        `simulate${v}`,
        `${v[0]!.toLowerCase()}${v.slice(1)}`,
        `waitFor${v}`,
      ]),
    ].sort(),
  )
  expect(Object.keys(root.etherfi.prepare).sort()).toEqual([
    'prepareClaimWithdrawal',
    'prepareDeposit',
    'prepareInstantExit',
    'prepareRequestWithdrawal',
    'prepareUnwrap',
    'prepareWrap',
  ])
  expect(subpath.deposit).toBe(root.etherfi.actions.deposit)
})

describe('ether.fi permit fragments equal the reference ABIs: selectors and PermitInput (value first)', () => {
  const cases: [string, Abi, string[]][] = [
    ['eETH permit', etherfiEETHPermitAbi, ['EETH.json']],
    ['weETH permit and wrapWithPermit', etherfiWeETHPermitAbi, ['WeETH.json']],
    [
      'requestWithdrawWithPermit',
      etherfiLiquidityPoolPermitAbi,
      ['LiquidityPool.json', 'LiquidityPool.v2026-03.json'],
    ],
    [
      'redeem*WithPermit (HEAD / 2026-03)',
      etherfiRedemptionManagerPermitAbi,
      ['EtherFiRedemptionManager.json', 'EtherFiRedemptionManager.v2026-03.json'],
    ],
    [
      'redeem*WithPermit (2025-03)',
      etherfiRedemptionManagerPermitV2025Abi,
      ['EtherFiRedemptionManager.v2025-03.json'],
    ],
  ]
  const selectors = (abi: Abi) =>
    abi
      .filter((f) => f.type === 'function')
      .map((f) => toFunctionSelector(f as never))
      .sort()
  for (const [name, abi, files] of cases) {
    for (const file of files) {
      test(`${name} ⊂ ${file}, same selectors and tuple component names`, () => {
        expect(missingIn(abi, file)).toEqual([])
        const names = new Set(
          abi.filter((f) => f.type === 'function').map((f) => (f as { name: string }).name),
        )
        const reference = ref(file).filter((f) => f.type === 'function' && names.has(f.name))
        expect(selectors(abi)).toEqual(selectors(reference))
        for (const f of abi) {
          if (f.type !== 'function') continue
          const tuple = f.inputs.find((i) => i.type === 'tuple') as
            | { components: readonly AbiParameter[] }
            | undefined
          if (!tuple) continue
          const theirs = getAbiItem({ abi: reference, name: f.name, args: undefined as never }) as {
            inputs: readonly { type: string; components?: readonly AbiParameter[] }[]
          }
          const refTuple = theirs.inputs.find((i) => i.type === 'tuple')
          expect(tuple.components.map((c) => c.name)).toEqual(['value', 'deadline', 'v', 'r', 's'])
          expect(refTuple?.components?.map((c) => c.name)).toEqual(['value', 'deadline', 'v', 'r', 's'])
        }
      })
    }
  }
})
