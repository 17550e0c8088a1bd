import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Abi, type AbiEvent, type AbiFunction, toEventSelector, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  avsAllocationManagerAbi,
  operatorDelegationAbi,
  operatorSplitAbi,
  permissionControllerAbi,
  redistributionAbi,
  rewardsSubmissionAbi,
} from './abis.js'

// The reference ABIs of three releases (v1.2, v1.3/1.4, v1.12), read in place.
const reference = fileURLToPath(new URL('../../../../../shared/reference/abi/', import.meta.url))
const releases = ['eigenlayer-v1.2', 'eigenlayer', 'eigenlayer-v1.12']

function selectors(contract: string) {
  const out = new Map<string, string[]>()
  for (const release of releases) {
    const path = `${reference}${release}/${contract}.json`
    if (!existsSync(path)) continue
    const json = JSON.parse(readFileSync(path, 'utf8'))
    const abi = (Array.isArray(json) ? json : json.abi) as Abi
    for (const item of abi) {
      const sel =
        item.type === 'function'
          ? toFunctionSelector(item)
          : item.type === 'event'
            ? toEventSelector(item)
            : undefined
      if (sel) out.set(sel, [...(out.get(sel) ?? []), release])
    }
  }
  return out
}

const checks: [string, Abi, string[]][] = [
  ['DelegationManager', operatorDelegationAbi, ['minWithdrawalDelayBlocks', 'OperatorSharesBurned']],
  ['AllocationManager', avsAllocationManagerAbi, []],
  ['AllocationManager', redistributionAbi, []],
  ['RewardsCoordinator', rewardsSubmissionAbi, []],
  ['RewardsCoordinator', operatorSplitAbi, []],
  ['PermissionController', permissionControllerAbi, []],
]

describe.skipIf(!existsSync(reference))('ABI fragments match the reference ABIs of the releases', () => {
  for (const [contract, abi, absentFromSome] of checks)
    test(`${contract}: every function and event fragment exists in a release's ABI`, () => {
      const known = selectors(contract)
      const missing = abi
        .filter((i): i is AbiFunction | AbiEvent => i.type === 'function' || i.type === 'event')
        .filter((i) => !known.has(i.type === 'function' ? toFunctionSelector(i) : toEventSelector(i)))
        .map((i) => i.name)
        .filter((name) => !absentFromSome.includes(name))
      expect(missing).toEqual([])
    })

  test('redistributing sets exist only in v1.12 of the three (v1.5+), the operator-set submission from v1.3', () => {
    const am = selectors('AllocationManager')
    const create = redistributionAbi.find(
      (i) => i.type === 'function' && i.name === 'createRedistributingOperatorSets',
    )!
    expect(am.get(toFunctionSelector(create as AbiFunction))).toEqual(['eigenlayer-v1.12'])
    const rc = selectors('RewardsCoordinator')
    const od = rewardsSubmissionAbi.find(
      (i) => i.type === 'function' && i.name === 'createOperatorDirectedOperatorSetRewardsSubmission',
    )!
    expect(rc.get(toFunctionSelector(od as AbiFunction))).toEqual(['eigenlayer', 'eigenlayer-v1.12'])
  })

  test('the unique- and total-stake submissions and their events exist only in v1.12 of the three', () => {
    const rc = selectors('RewardsCoordinator')
    for (const name of [
      'createUniqueStakeRewardsSubmission',
      'createTotalStakeRewardsSubmission',
      'UniqueStakeRewardsSubmissionCreated',
      'TotalStakeRewardsSubmissionCreated',
    ]) {
      const item = rewardsSubmissionAbi.find((i) => 'name' in i && i.name === name) as AbiFunction | AbiEvent
      expect(item, name).toBeDefined()
      const sel = item.type === 'function' ? toFunctionSelector(item) : toEventSelector(item)
      expect(rc.get(sel), name).toEqual(['eigenlayer-v1.12'])
    }
  })
})
