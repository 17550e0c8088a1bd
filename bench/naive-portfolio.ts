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

// The five LRTs, the same way: one `eth_call` per view, one after another. A dApp without the SDK
// tracks its users' NFT / index request ids itself (no log scan here), so the ids are given.
const ETH = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const
const WAD = 10n ** 18n
const tokenAbi = parseAbi(['function balanceOf(address) view returns (uint256)'])
const kelpAbi = parseAbi([
  'function rsETHPrice() view returns (uint256)',
  'function userAssociatedNonces(address asset, address user) view returns (uint128 _begin, uint128 _end)',
  'function getUserWithdrawalRequest(address asset, address user, uint256 userIndex) view returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)',
  'function nextLockedNonce(address asset) view returns (uint256 requestNonce)',
])
const renzoAbi = parseAbi([
  'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
  'function totalSupply() view returns (uint256)',
  'function getOutstandingWithdrawRequests(address user) view returns (uint256)',
  'function withdrawRequests(address, uint256) view returns (address collateralToken, uint256 withdrawRequestID, uint256 amountToRedeem, uint256 ezETHLocked, uint256 createdAt)',
  'function coolDownPeriod() view returns (uint256)',
])
const etherfiAbi = parseAbi([
  'function getRate() view returns (uint256)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function isFinalized(uint256 requestId) view returns (bool)',
  'function getRequest(uint256 requestId) view returns ((uint96 amountOfEEth, uint96 shareOfEEth, bool isValid, uint32 feeGwei))',
])
const pufferAbi = parseAbi([
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function getWithdrawal(uint256 withdrawalIdx) view returns ((uint128 pufETHAmount, uint128 pufETHToETHExchangeRate, address recipient))',
  'function getFinalizedWithdrawalBatch() view returns (uint256)',
])
const swellAbi = parseAbi([
  'function rswETHToETHRate() view returns (uint256)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function getProcessedRateForTokenId(uint256 tokenId) view returns (bool isProcessed, uint256 processedRate)',
  'function withdrawalRequests(uint256) view returns (uint256 amount, uint256 lastTokenIdProcessed, uint256 rateWhenCreated)',
])

export type NaiveLrtParams = {
  staker: Address
  kelp: { rsETH: Address; lrtOracle: Address; lrtWithdrawalManager: Address }
  renzo: { ezETH: Address; restakeManager: Address; withdrawQueue: Address }
  etherfi: { eETH: Address; weETH: Address; withdrawRequestNFT: Address; requestIds: readonly bigint[] }
  puffer: { vault: Address; withdrawalManager: Address; withdrawalIds: readonly bigint[] }
  swell: { rswETH: Address; rswEXIT: Address; tokenIds: readonly bigint[] }
}

/** Per LRT: the holdings' value in the underlying (rounded down as each protocol's rate gives) and the open requests. */
export type NaiveLrtTotals = Record<
  'kelp' | 'renzo' | 'etherfi' | 'puffer' | 'swell',
  { underlying: bigint; requests: number }
>

export async function readLrtsNaively(
  client: Client<Transport, Chain>,
  p: NaiveLrtParams,
): Promise<NaiveLrtTotals> {
  const call = <T>(address: Address, abi: readonly unknown[], functionName: string, args: unknown[] = []) =>
    readContract(client, { address, abi, functionName, args } as never) as Promise<T>
  const s = p.staker
  // Kelp: rsETH × the oracle's price; the user's ETH requests by index, and the unlock cursor
  const rsETH = await call<bigint>(p.kelp.rsETH, tokenAbi, 'balanceOf', [s])
  const rsPrice = await call<bigint>(p.kelp.lrtOracle, kelpAbi, 'rsETHPrice')
  const [begin, end] = await call<[bigint, bigint]>(
    p.kelp.lrtWithdrawalManager,
    kelpAbi,
    'userAssociatedNonces',
    [ETH, s],
  )
  for (let i = 0n; i < end - begin; i++)
    await call(p.kelp.lrtWithdrawalManager, kelpAbi, 'getUserWithdrawalRequest', [ETH, s, i])
  await call(p.kelp.lrtWithdrawalManager, kelpAbi, 'nextLockedNonce', [ETH])
  // Renzo: ezETH × TVL / supply; the user's requests by index, and the cooldown
  const ez = await call<bigint>(p.renzo.ezETH, tokenAbi, 'balanceOf', [s])
  const [, , tvl] = await call<[unknown, unknown, bigint]>(p.renzo.restakeManager, renzoAbi, 'calculateTVLs')
  const supply = await call<bigint>(p.renzo.ezETH, renzoAbi, 'totalSupply')
  const renzoOpen = await call<bigint>(p.renzo.withdrawQueue, renzoAbi, 'getOutstandingWithdrawRequests', [s])
  for (let i = 0n; i < renzoOpen; i++) await call(p.renzo.withdrawQueue, renzoAbi, 'withdrawRequests', [s, i])
  await call(p.renzo.withdrawQueue, renzoAbi, 'coolDownPeriod')
  // ether.fi: eETH 1:1, weETH × getRate; per request NFT its owner, request and finalization
  const eETH = await call<bigint>(p.etherfi.eETH, tokenAbi, 'balanceOf', [s])
  const weETH = await call<bigint>(p.etherfi.weETH, tokenAbi, 'balanceOf', [s])
  const weRate = await call<bigint>(p.etherfi.weETH, etherfiAbi, 'getRate')
  let etherfiOpen = 0
  for (const id of p.etherfi.requestIds) {
    const owner = await call<Address>(p.etherfi.withdrawRequestNFT, etherfiAbi, 'ownerOf', [id])
    const r = await call<{ isValid: boolean }>(p.etherfi.withdrawRequestNFT, etherfiAbi, 'getRequest', [id])
    await call(p.etherfi.withdrawRequestNFT, etherfiAbi, 'isFinalized', [id])
    if (owner.toLowerCase() === s.toLowerCase() && r.isValid) etherfiOpen++
  }
  // Puffer: pufETH × convertToAssets(1e18); per withdrawal its record, and the finalized batch
  const pufETH = await call<bigint>(p.puffer.vault, tokenAbi, 'balanceOf', [s])
  const pufRate = await call<bigint>(p.puffer.vault, pufferAbi, 'convertToAssets', [WAD])
  let pufferOpen = 0
  for (const id of p.puffer.withdrawalIds) {
    const w = await call<{ pufETHAmount: bigint }>(p.puffer.withdrawalManager, pufferAbi, 'getWithdrawal', [
      id,
    ])
    if (w.pufETHAmount > 0n) pufferOpen++
  }
  await call(p.puffer.withdrawalManager, pufferAbi, 'getFinalizedWithdrawalBatch')
  // Swell: rswETH × its rate; per request NFT its owner, request and processed rate
  const rsw = await call<bigint>(p.swell.rswETH, tokenAbi, 'balanceOf', [s])
  const swRate = await call<bigint>(p.swell.rswETH, swellAbi, 'rswETHToETHRate')
  let swellOpen = 0
  for (const id of p.swell.tokenIds) {
    const owner = await call<Address>(p.swell.rswEXIT, swellAbi, 'ownerOf', [id])
    await call(p.swell.rswEXIT, swellAbi, 'withdrawalRequests', [id])
    await call(p.swell.rswEXIT, swellAbi, 'getProcessedRateForTokenId', [id])
    if (owner.toLowerCase() === s.toLowerCase()) swellOpen++
  }
  const renzoRate = supply === 0n ? WAD : (tvl * WAD) / supply
  return {
    kelp: { underlying: (rsETH * rsPrice) / WAD, requests: Number(end - begin) },
    renzo: { underlying: (ez * renzoRate) / WAD, requests: Number(renzoOpen) },
    etherfi: { underlying: eETH + (weETH * weRate) / WAD, requests: etherfiOpen },
    puffer: { underlying: (pufETH * pufRate) / WAD, requests: pufferOpen },
    swell: { underlying: (rsw * swRate) / WAD, requests: swellOpen },
  }
}
