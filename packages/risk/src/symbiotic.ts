// Symbiotic restaking analysis. The delegators' stake formulas are core's
// (@restakekit/core/symbiotic math.ts): one place, imported here, never restated.
import {
  fullRestakeStake,
  networkRestakeStake,
  operatorNetworkSpecificStake,
  operatorSpecificStake,
} from '@restakekit/core/symbiotic'
import { normalize, type Rational, ZERO } from './rational.js'

/** Symbiotic delegator types (IDelegator TYPE 0..3). */
export type DelegatorType = 'NetworkRestake' | 'FullRestake' | 'OperatorSpecific' | 'OperatorNetworkSpecific'

export type SymbioticOperatorLimit = {
  readonly operator: string
  /** NetworkRestake: operatorNetworkShares. */
  readonly shares?: bigint
  /** FullRestake: operatorNetworkLimit. */
  readonly operatorNetworkLimit?: bigint
}

export type SymbioticNetworkLimit = {
  /** Subnetwork id (bytes32 hex: network address ‖ identifier). */
  readonly subnetwork: string
  /** networkLimit (OperatorNetworkSpecific: maxNetworkLimit). */
  readonly networkLimit: bigint
  /** NetworkRestake: totalOperatorNetworkShares as read from chain (default: Σ of the listed operators' shares). */
  readonly totalShares?: bigint
  readonly operators: readonly SymbioticOperatorLimit[]
}

export type SymbioticVaultState = {
  readonly vault: string
  readonly delegatorType: DelegatorType
  readonly activeStake: bigint
  readonly networks: readonly SymbioticNetworkLimit[]
}

// biome-ignore lint/complexity/useMathMinMax: Math.min does not take bigints
const minB = (...xs: bigint[]) => xs.reduce((a, b) => (a < b ? a : b))

/**
 * stake(subnetwork, operator) as the delegator computes it:
 * NetworkRestake: shares_op · min(activeStake, networkLimit) / Σ shares (rounded down);
 * FullRestake: min(activeStake, networkLimit, operatorNetworkLimit);
 * OperatorSpecific / OperatorNetworkSpecific: min(activeStake, networkLimit) for the vault's one operator.
 */
export function symbioticStake(vault: SymbioticVaultState, subnetwork: string, operator: string): bigint {
  const net = vault.networks.find((n) => n.subnetwork === subnetwork)
  if (!net) return 0n
  const op = net.operators.find((o) => o.operator === operator)
  if (!op) return 0n
  const { activeStake } = vault
  switch (vault.delegatorType) {
    case 'NetworkRestake': {
      let total = net.totalShares
      if (total === undefined) {
        total = 0n
        for (const o of net.operators) total += o.shares ?? 0n
      }
      return networkRestakeStake({
        activeStake,
        networkLimit: net.networkLimit,
        operatorNetworkShares: op.shares ?? 0n,
        totalOperatorNetworkShares: total,
      })
    }
    case 'FullRestake':
      return fullRestakeStake({
        activeStake,
        networkLimit: net.networkLimit,
        operatorNetworkLimit: op.operatorNetworkLimit ?? 0n,
      })
    // the model lists only the vault's own operator (and network) for these two types
    case 'OperatorSpecific':
      return operatorSpecificStake({ activeStake, networkLimit: net.networkLimit, isDelegatorOperator: true })
    case 'OperatorNetworkSpecific':
      return operatorNetworkSpecificStake({
        activeStake,
        maxNetworkLimit: net.networkLimit,
        isDelegatorNetworkAndOperator: true,
      })
  }
}

export type SymbioticStakeRow = {
  readonly subnetwork: string
  readonly operator: string
  readonly stake: bigint
}

/** Stake of every (network, operator) pair of the vault. */
export function symbioticStakes(vault: SymbioticVaultState): SymbioticStakeRow[] {
  return vault.networks.flatMap((n) =>
    n.operators.map((o) => ({
      subnetwork: n.subnetwork,
      operator: o.operator,
      stake: symbioticStake(vault, n.subnetwork, o.operator),
    })),
  )
}

/**
 * Restaking degree: Σ over networks and operators of stake / activeStake. 1 means no restaking;
 * above 1 the same collateral backs several networks or operators.
 */
export function restakingDegree(vault: SymbioticVaultState): Rational {
  if (vault.activeStake === 0n) return ZERO
  let t = 0n
  for (const r of symbioticStakes(vault)) t += r.stake
  return normalize(t, vault.activeStake)
}

export type SymbioticSlashEffect = {
  /** The amount actually slashed: min(requested, stake of that pair). */
  readonly slashed: bigint
  readonly activeStakeAfter: bigint
  /** Every other (network, operator) pair: stake before and after, and the loss. */
  readonly others: readonly (SymbioticStakeRow & { readonly after: bigint; readonly loss: bigint })[]
  /** Σ loss over the other pairs. */
  readonly lossToOthers: bigint
}

/**
 * One network slashes `amount` from one operator: the vault's active stake shrinks by the slashed
 * amount (model: the slash is taken from active stake; Symbiotic also takes it pro rata from
 * withdrawals of the capture epoch, which only lowers the effect on active stake), and every
 * other pair's stake is recomputed.
 */
export function symbioticSlash(
  vault: SymbioticVaultState,
  slash: { readonly subnetwork: string; readonly operator: string; readonly amount: bigint },
): SymbioticSlashEffect {
  const available = symbioticStake(vault, slash.subnetwork, slash.operator)
  const slashed = minB(slash.amount, available)
  const after: SymbioticVaultState = { ...vault, activeStake: vault.activeStake - slashed }
  const others = symbioticStakes(vault)
    .filter((r) => !(r.subnetwork === slash.subnetwork && r.operator === slash.operator))
    .map((r) => {
      const a = symbioticStake(after, r.subnetwork, r.operator)
      return { ...r, after: a, loss: r.stake - a }
    })
  let lossToOthers = 0n
  for (const o of others) lossToOthers += o.loss
  return { slashed, activeStakeAfter: after.activeStake, others, lossToOthers }
}
