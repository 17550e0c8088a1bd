// The baseline for bench/portfolio.ts: the same staker state read the way a user without this SDK
// reads it — one `eth_call` per view, one after another, as the Go and Rust EigenLayer SDKs'
// readers do (one contract binding call per value). No multicall, no batching. It returns the
// same totals the SDK's portfolio reports, so the benchmark can check both read the same state.
import { type Address, type Chain, type Client, parseAbi, type Transport, zeroAddress } from 'viem'
import { readContract } from 'viem/actions'

const delegationAbi = parseAbi([
  'function getDepositedShares(address staker) view returns (address[], uint256[])',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function delegatedTo(address staker) view returns (address)',
  'struct Withdrawal { address staker; address delegatedTo; address withdrawer; uint256 nonce; uint32 startBlock; address[] strategies; uint256[] scaledShares; }',
  'function getQueuedWithdrawals(address staker) view returns (Withdrawal[] withdrawals, uint256[][] shares)',
])
const strategyAbi = parseAbi([
  'function sharesToUnderlyingView(uint256 shares) view returns (uint256)',
  'function underlyingToken() view returns (address)',
])
const vaultAbi = parseAbi([
  'function collateral() view returns (address)',
  'function activeBalanceOf(address account) view returns (uint256)',
  'function currentEpoch() view returns (uint256)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
])
const karakVaultAbi = parseAbi([
  'function balanceOf(address account) view returns (uint256)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function asset() view returns (address)',
])

export type NaiveTotals = {
  eigenlayer: { positions: number; withdrawals: number; amount: bigint }
  symbiotic: { positions: number; withdrawals: number; amount: bigint }
  karak: { positions: number; amount: bigint }
}

export async function readNaively(
  client: Client<Transport, Chain>,
  p: {
    staker: Address
    delegationManager: Address
    symbioticVaults: readonly Address[]
    karakVaults: readonly Address[]
  },
): Promise<NaiveTotals> {
  const call = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    readContract(client, { address, abi, functionName, args } as never) as Promise<T>
  const dm = p.delegationManager
  const totals: NaiveTotals = {
    eigenlayer: { positions: 0, withdrawals: 0, amount: 0n },
    symbiotic: { positions: 0, withdrawals: 0, amount: 0n },
    karak: { positions: 0, amount: 0n },
  }
  // EigenLayer: deposits, then per strategy its withdrawable shares and their value
  const [strategies] = await call<[Address[], bigint[]]>(dm, delegationAbi, 'getDepositedShares', [p.staker])
  await call<Address>(dm, delegationAbi, 'delegatedTo', [p.staker])
  for (const strategy of strategies) {
    const [withdrawable] = await call<[bigint[], bigint[]]>(dm, delegationAbi, 'getWithdrawableShares', [
      p.staker,
      [strategy],
    ])
    await call<Address>(strategy, strategyAbi, 'underlyingToken')
    const shares = withdrawable[0] ?? 0n
    if (shares === 0n) continue
    totals.eigenlayer.positions++
    totals.eigenlayer.amount += await call<bigint>(strategy, strategyAbi, 'sharesToUnderlyingView', [shares])
  }
  const [withdrawals] = await call<[{ strategies: Address[] }[], bigint[][]]>(
    dm,
    delegationAbi,
    'getQueuedWithdrawals',
    [p.staker],
  )
  totals.eigenlayer.withdrawals = withdrawals.reduce((n, w) => n + w.strategies.length, 0)
  // Symbiotic: per vault, its collateral, the staker's active balance and the next epoch's bucket
  for (const vault of p.symbioticVaults) {
    await call<Address>(vault, vaultAbi, 'collateral')
    const active = await call<bigint>(vault, vaultAbi, 'activeBalanceOf', [p.staker])
    const epoch = await call<bigint>(vault, vaultAbi, 'currentEpoch')
    for (const e of [epoch, epoch + 1n]) {
      if ((await call<bigint>(vault, vaultAbi, 'withdrawalsOf', [e, p.staker])) > 0n)
        totals.symbiotic.withdrawals++
    }
    if (active > 0n) {
      totals.symbiotic.positions++
      totals.symbiotic.amount += active
    }
  }
  // Karak: per vault, the staker's shares and their value
  for (const vault of p.karakVaults) {
    if ((await call<Address>(vault, karakVaultAbi, 'asset')) === zeroAddress) continue
    const shares = await call<bigint>(vault, karakVaultAbi, 'balanceOf', [p.staker])
    if (shares === 0n) continue
    totals.karak.positions++
    totals.karak.amount += await call<bigint>(vault, karakVaultAbi, 'convertToAssets', [shares])
  }
  return totals
}
