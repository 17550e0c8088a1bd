import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Abi, AbiParameter } from 'viem'
import { describe, expect, test } from 'vitest'
import { artifact } from './solidity.js'

// The Karak doubles must present Karak v2's published ABI (karak-network/karak-rs) for everything
// they implement; read in place from the shared reference.
const here = dirname(fileURLToPath(import.meta.url))
const karakDir = join(
  process.env.RESTAKEKIT_REFERENCE_ABI_DIR ?? join(here, '../../../../shared/reference/abi'),
  'karak',
)
const haveReference = existsSync(join(karakDir, 'Core.json'))
if (!haveReference && process.env.CI === 'true') throw new Error(`reference ABIs missing: ${karakDir}`)

const canonical = (p: AbiParameter): string =>
  p.type.startsWith('tuple')
    ? `(${((p as { components?: readonly AbiParameter[] }).components ?? []).map(canonical).join(',')})${p.type.slice(5)}`
    : p.type
type Item = Abi[number]
const signature = (i: Item) =>
  'name' in i
    ? `${i.type} ${i.name}(${(i.inputs as readonly AbiParameter[]).map(canonical).join(',')})`
    : i.type

function reference(name: string): Abi {
  const json = JSON.parse(readFileSync(join(karakDir, `${name}.json`), 'utf8')) as unknown
  return (Array.isArray(json) ? json : (json as { abi: Abi }).abi) as Abi
}

/** What a double may have beyond Karak's ABI: Karak's constants as views, and errors raised in Karak's external libraries or by OpenZeppelin. */
const allowedExtras: Record<string, RegExp> = {
  KarakCore:
    /^(function (MANAGER_ROLE|VETO_COMMITTEE_ROLE|MAX_DSS_PER_OPERATOR|MAX_SLASHING_PERCENT_WAD|MAX_VAULTS_PER_OPERATOR|MIN_STAKE_UPDATE_DELAY|MIN_WITHDRAWAL_DELAY|SLASHING_COOLDOWN|SLASHING_VETO_WINDOW|SLASHING_WINDOW)\(\)|error (AllVaultsNotUnstakedFromDSS|InvalidQueuedStakeUpdateInput|MaxDSSCapacityReached|OperatorAlreadyRegisteredToDSS|OperatorStakeUpdateDelayNotPassed|PendingStakeUpdateRequest|VaultAlreadyStakedInDSS|VaultNotStakedInDSS|ERC1167FailedCreateClone)\(\))$/,
  KarakVault:
    /^(function MIN_WITHDRAWAL_DELAY\(\)|error (ERC20\w+|ERC4626\w+|SafeERC20FailedOperation|AddressEmptyCode|AddressInsufficientBalance|FailedInnerCall|MathOverflowedMulDiv)\(.*\))$/,
}

describe.skipIf(!haveReference)('the Karak doubles present Karak v2 ABI', () => {
  for (const [double, ref] of [
    ['KarakCore', 'Core'],
    ['KarakVault', 'Vault'],
  ] as const) {
    test(`${double} ⊆ ${ref}.json (same inputs, outputs, mutability, indexed) plus allowed extras`, () => {
      const referenceAbi = reference(ref)
      const bySignature = new Map(referenceAbi.map((i) => [signature(i), i]))
      const problems: string[] = []
      let matched = 0
      for (const item of artifact(double).abi) {
        if (item.type === 'constructor') continue
        const sig = signature(item)
        const match = bySignature.get(sig)
        if (!match) {
          if (!allowedExtras[double]!.test(sig)) problems.push(`not in Karak's ABI: ${sig}`)
          continue
        }
        matched++
        if (item.type === 'function' && match.type === 'function') {
          const out = (x: typeof item) => x.outputs.map(canonical).join(',')
          if (out(item) !== out(match)) problems.push(`${sig}: outputs ${out(item)} ≠ ${out(match)}`)
          if (item.stateMutability !== match.stateMutability)
            problems.push(`${sig}: ${item.stateMutability} ≠ ${match.stateMutability}`)
        }
        if (item.type === 'event' && match.type === 'event') {
          const idx = (x: typeof item) => x.inputs.map((i) => Boolean(i.indexed)).join(',')
          if (idx(item) !== idx(match)) problems.push(`${sig}: indexed ${idx(item)} ≠ ${idx(match)}`)
        }
      }
      expect(problems).toEqual([])
      expect(matched).toBeGreaterThan(30)
    })
  }

  test('the staker-facing vault functions are all there', () => {
    const names = new Set(artifact('KarakVault').abi.map((i) => signature(i)))
    for (const sig of [
      'function deposit(uint256,address)',
      'function deposit(uint256,address,uint256)',
      'function mint(uint256,address)',
      'function startRedeem(uint256,address)',
      'function finishRedeem(bytes32)',
      'function getQueuedWithdrawal(address,uint256)',
      'function isWithdrawalPending(address,uint256)',
      'function getNextWithdrawNonce(address)',
      'function vaultConfig()',
      'function slashAssets(uint256,address)',
      'event StartedRedeem(address,address,uint256,bytes32,uint256)',
      'event FinishedRedeem(address,address,address,uint256,uint256,bytes32)',
      'error MinWithdrawDelayNotPassed()',
      'error NotEnoughShares()',
      'error NotImplemented()',
    ])
      expect(names.has(sig), sig).toBe(true)
  })
})
