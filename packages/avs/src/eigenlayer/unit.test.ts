import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { InvalidParameterError } from '@restakekit/core'
import { type Abi, decodeFunctionData, erc20Abi, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { avsAllocationManagerAbi, operatorDelegationAbi, rewardsSubmissionAbi } from './abis.js'
import { prepareModifyAllocations } from './actions/modifyAllocations.js'
import { prepareRegisterAsOperator } from './actions/registerAsOperator.js'
import {
  prepareCreateAVSRewardsSubmission,
  prepareCreateOperatorSetRewardsSubmission,
  servesStakeWeightedSubmissions,
} from './actions/rewardsSubmissions.js'
import { prepareSlashOperator } from './actions/slashOperator.js'
import { InvalidOperatorMetadataError, InvalidWadToSlashError, NotAscendingError } from './errors.js'
import { parseOperatorMetadata } from './metadata.js'

// Addresses only (no chain): the contracts of a custom deployment.
const deployment = {
  delegationManager: '0x1000000000000000000000000000000000000001',
  strategyManager: '0x1000000000000000000000000000000000000002',
  eigenPodManager: '0x1000000000000000000000000000000000000003',
  avsDirectory: '0x1000000000000000000000000000000000000004',
  allocationManager: '0x1000000000000000000000000000000000000005',
  rewardsCoordinator: '0x1000000000000000000000000000000000000006',
  permissionController: '0x1000000000000000000000000000000000000007',
} as const
const s1 = '0x2000000000000000000000000000000000000001' as const
const s2 = '0x2000000000000000000000000000000000000002' as const
const avs = '0x3000000000000000000000000000000000000001' as const
const operator = '0x4000000000000000000000000000000000000001' as const

const metadata = {
  name: 'Op',
  website: 'https://op.example',
  description: 'd',
  logo: 'https://op.example/l.PNG',
  twitter: 'https://twitter.com/op',
}

describe('operator metadata (zod)', () => {
  test('valid metadata parses, from an object or JSON text', () => {
    expect(parseOperatorMetadata(metadata)).toEqual(metadata)
    expect(parseOperatorMetadata(JSON.stringify(metadata))).toEqual(metadata)
  })
  test('each broken field is listed', () => {
    const err = (() => {
      try {
        parseOperatorMetadata({
          name: '',
          website: 'ftp://x.y',
          description: 'x'.repeat(501),
          logo: 'https://a.b/l.svg',
        })
      } catch (e) {
        return e as InvalidOperatorMetadataError
      }
    })()
    expect(err).toBeInstanceOf(InvalidOperatorMetadataError)
    expect(err!.issues.map((i) => i.split(':')[0]).sort()).toEqual([
      'description',
      'logo',
      'name',
      'twitter',
      'website',
    ])
    // zod/mini loads no locale: every issue is worded by the SDK, never a bare "Invalid input"
    expect(err!.issues).toEqual(
      expect.arrayContaining([
        'name: must not be empty',
        'website: must be an http(s) URL',
        'description: must be at most 500 characters',
        'logo: the logo must be a .png image',
        'twitter: expected string',
      ]),
    )
    expect(parseOperatorMetadata({ ...metadata, name: '  op  ' }).name).toBe('op')
    expect(() => parseOperatorMetadata({ ...metadata, twitter: 'https://example.com/op' })).toThrow(
      'twitter: must be a twitter.com or x.com address',
    )
    expect(() => parseOperatorMetadata('{')).toThrow(InvalidOperatorMetadataError)
  })
})

describe('prepare layers encode the release form', () => {
  test('registerAsOperator(approver, allocationDelay, metadataURI)', () => {
    const [call] = prepareRegisterAsOperator({
      deployment,
      metadataURI: 'ipfs://x',
      metadata,
      allocationDelay: 7,
    })
    expect(call!.to).toBe(deployment.delegationManager)
    expect(decodeFunctionData({ abi: operatorDelegationAbi, data: call!.data }).args).toEqual([
      '0x0000000000000000000000000000000000000000',
      7,
      'ipfs://x',
    ])
    expect(() =>
      prepareRegisterAsOperator({ deployment, metadataURI: 'ipfs://x', allocationDelay: 2 ** 32 }),
    ).toThrow(InvalidParameterError)
  })
  test('modifyAllocations groups by operator set; a fraction over 1e18 is refused', () => {
    const [call] = prepareModifyAllocations({
      deployment,
      operator,
      allocations: [
        { avs, operatorSetId: 1, strategy: s1, fraction: parseEther('0.25') },
        { avs, operatorSetId: 2, strategy: s1, fraction: parseEther('0.5') },
        { avs, operatorSetId: 1, strategy: s2, fraction: 0n },
      ],
    })
    const { args } = decodeFunctionData({ abi: avsAllocationManagerAbi, data: call!.data })
    expect(args).toEqual([
      operator,
      [
        { operatorSet: { avs, id: 1 }, strategies: [s1, s2], newMagnitudes: [parseEther('0.25'), 0n] },
        { operatorSet: { avs, id: 2 }, strategies: [s1], newMagnitudes: [parseEther('0.5')] },
      ],
    ])
    expect(() =>
      prepareModifyAllocations({
        deployment,
        operator,
        allocations: [{ avs, operatorSetId: 1, strategy: s1, fraction: parseEther('1.01') }],
      }),
    ).toThrow(InvalidParameterError)
  })
  test('slashOperator: ascending strategies and 0 < wad ≤ 1e18', () => {
    const base = { deployment, avs, operator, operatorSetId: 1, description: 'x' }
    expect(() => prepareSlashOperator({ ...base, strategies: [s2, s1], wadsToSlash: [1n, 1n] })).toThrow(
      NotAscendingError,
    )
    expect(() => prepareSlashOperator({ ...base, strategies: [s1], wadsToSlash: [0n] })).toThrow(
      InvalidWadToSlashError,
    )
    expect(() => prepareSlashOperator({ ...base, strategies: [s1], wadsToSlash: [10n ** 18n + 1n] })).toThrow(
      InvalidWadToSlashError,
    )
    expect(
      prepareSlashOperator({ ...base, strategies: [s1, s2], wadsToSlash: [1n, 10n ** 18n] }),
    ).toHaveLength(1)
  })
  test('createAVSRewardsSubmission: the exact approval of the total first', () => {
    const sub = {
      strategiesAndMultipliers: [{ strategy: s1, multiplier: 1n }],
      token: s2,
      amount: 5n,
      startTimestamp: 604800,
      duration: 604800,
    }
    const calls = prepareCreateAVSRewardsSubmission({
      deployment,
      submissions: [sub, { ...sub, amount: 7n }],
    })
    expect(calls.map((c) => c.to)).toEqual([s2, deployment.rewardsCoordinator])
    expect(calls[0]!.data.endsWith(12n.toString(16).padStart(64, '0'))).toBe(true)
    const { args } = decodeFunctionData({ abi: rewardsSubmissionAbi, data: calls[1]!.data })
    expect((args[0] as readonly unknown[]).length).toBe(2)
  })
})

// v1.12 only (not chain-tested: no v1.12 state runs here): the calldata decodes against the v1.12
// reference ABI of the RewardsCoordinator, read in place.
describe('operator-set stake-weighted submissions (v1.12; ABI-tested)', () => {
  const v112 = JSON.parse(
    readFileSync(
      fileURLToPath(
        new URL(
          '../../../../../shared/reference/abi/eigenlayer-v1.12/RewardsCoordinator.json',
          import.meta.url,
        ),
      ),
      'utf8',
    ),
  )
  const referenceAbi = (Array.isArray(v112) ? v112 : v112.abi) as Abi
  const submission = {
    strategiesAndMultipliers: [{ strategy: s1, multiplier: 10n ** 18n }],
    token: s2,
    amount: parseEther('5'),
    startTimestamp: 604800 * 3000,
    duration: 604800,
  }

  for (const [weighting, functionName] of [
    ['unique', 'createUniqueStakeRewardsSubmission'],
    ['total', 'createTotalStakeRewardsSubmission'],
  ] as const)
    test(`${weighting}: the approval, then ${functionName}(set, submissions) as v1.12 decodes it`, () => {
      const calls = prepareCreateOperatorSetRewardsSubmission({
        deployment,
        avs,
        operatorSetId: 7,
        weighting,
        submissions: [submission],
      })
      expect(calls.map((c) => c.to)).toEqual([s2, deployment.rewardsCoordinator])
      const approve = decodeFunctionData({ abi: erc20Abi, data: calls[0]!.data })
      expect(approve.args).toEqual([deployment.rewardsCoordinator, parseEther('5')])
      const decoded = decodeFunctionData({ abi: referenceAbi, data: calls[1]!.data })
      expect(decoded.functionName).toBe(functionName)
      expect(decoded.args).toEqual([{ avs, id: 7 }, [submission]])
    })

  test('a weighting other than unique or total is refused', () => {
    expect(() =>
      prepareCreateOperatorSetRewardsSubmission({
        deployment,
        operatorSetId: 1,
        weighting: 'both' as 'unique',
        submissions: [submission],
        avs,
      }),
    ).toThrow(InvalidParameterError)
  })

  test('the release decision: a named version decides, a placeholder falls back to the v1.9+ view split', () => {
    expect(servesStakeWeightedSubmissions('1.12.0', false)).toBe(true)
    expect(servesStakeWeightedSubmissions('v1.13.1', false)).toBe(true)
    expect(servesStakeWeightedSubmissions('v2.0.0', false)).toBe(true)
    expect(servesStakeWeightedSubmissions('v1.9.0', true)).toBe(false)
    expect(servesStakeWeightedSubmissions('v1.3.0', false)).toBe(false)
    // v1.2 (no version()) and the devnet's "v0.0.0": by the AllocationManagerView marker
    expect(servesStakeWeightedSubmissions(undefined, false)).toBe(false)
    expect(servesStakeWeightedSubmissions('v0.0.0', false)).toBe(false)
    expect(servesStakeWeightedSubmissions('v0.0.0', true)).toBe(true)
  })
})
