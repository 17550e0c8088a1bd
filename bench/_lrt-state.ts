// Set-up for the LRT case of bench/portfolio.ts (not a benchmark itself: run.ts skips `_` files).
// On a devnet started with all five LRT doubles, the staker deposits ETH into each LRT and leaves,
// per protocol, one claimable and one pending withdrawal request, through the adapters' own writes
// and the doubles' operator steps (finalize, unlock, process, a short cooldown).
import {
  etherfiFinalize,
  kelpUnlockQueue,
  pufferFinalize,
  renzoSetCoolDownPeriod,
  startDevnet,
  swellProcessWithdrawals,
} from '@restakekit/devnet'
import * as etherfi from '@restakekit/lrt/etherfi'
import * as kelp from '@restakekit/lrt/kelp'
import * as puffer from '@restakekit/lrt/puffer'
import * as renzo from '@restakekit/lrt/renzo'
import * as swell from '@restakekit/lrt/swell'
import { type Account, type Hex, parseEther } from 'viem'

/** The devnet of the benchmark: EigenLayer, Symbiotic, Karak and the five LRT doubles. */
export const startLrtDevnet = () =>
  startDevnet({ kelp: true, renzo: true, etherfi: true, puffer: true, swell: true, requireEigenLayer: true })
type LrtDevnet = Awaited<ReturnType<typeof startLrtDevnet>>

/** The deployments of the five doubles, in the adapters' shapes. */
export type LrtDeployments = {
  kelp: kelp.KelpDeployment
  renzo: renzo.RenzoDeployment
  etherfi: etherfi.EtherFiDeployment
  puffer: puffer.PufferDeployment
  swell: swell.SwellDeployment
}

/** The five LRT modules, to add to a portfolio's `protocols`. */
export const lrtModules = [kelp.kelp, renzo.renzo, etherfi.etherfi, puffer.puffer, swell.swell] as const

export function lrtDeployments(devnet: LrtDevnet): LrtDeployments {
  const d = devnet.deployments
  const chainId = devnet.chain.id
  const delegationManager = d.eigenlayer.delegationManager
  return {
    kelp: {
      chainId,
      lrtConfig: d.kelp.lrtConfig,
      rsETH: d.kelp.rsETH,
      lrtOracle: d.kelp.lrtOracle,
      lrtDepositPool: d.kelp.lrtDepositPool,
      lrtWithdrawalManager: d.kelp.lrtWithdrawalManager,
    },
    renzo: {
      chainId,
      restakeManager: d.renzo.restakeManager,
      ezETH: d.renzo.ezETH,
      withdrawQueue: d.renzo.withdrawQueue,
      delegationManager,
    },
    etherfi: {
      chainId,
      liquidityPool: d.etherfi.liquidityPool,
      eETH: d.etherfi.eETH,
      weETH: d.etherfi.weETH,
      withdrawRequestNFT: d.etherfi.withdrawRequestNFT,
      redemptionManager: d.etherfi.redemptionManager,
      delegationManager,
      backing: { stakers: d.etherfi.nodes, strategies: [d.etherfi.strategy] },
    },
    puffer: {
      chainId,
      vault: d.puffer.vault,
      weth: d.puffer.weth,
      withdrawalManager: d.puffer.withdrawalManager,
      modules: d.puffer.modules,
      strategies: [d.puffer.strategy],
      delegationManager,
    },
    swell: {
      chainId,
      rswETH: d.swell.rswETH,
      rswEXIT: d.swell.rswEXIT,
      modules: d.swell.modules,
      strategies: [d.swell.strategy],
      delegationManager,
    },
  }
}

/** The NFT / withdrawal ids of the requests the set-up left (Kelp and Renzo list theirs by index). */
export type LrtRequestIds = { etherfi: bigint[]; puffer: bigint[]; swell: bigint[] }

/** Deposits 5 ETH into each LRT and leaves one claimable and one pending request per protocol. */
export async function stakerWithLrts(
  devnet: LrtDevnet,
  staker: Account,
): Promise<{ deployments: LrtDeployments; ids: LrtRequestIds }> {
  const ids: LrtRequestIds = { etherfi: [], puffer: [], swell: [] }
  const d = lrtDeployments(devnet)
  const pc = devnet.publicClient
  const wallet = devnet.walletClient(staker)
  const mined = async (hash: Hex) => {
    const r = await pc.waitForTransactionReceipt({ hash })
    if (r.status !== 'success') throw new Error('LRT set-up transaction failed')
  }
  await devnet.fund(staker.address, { eth: parseEther('40') })
  const five = parseEther('5')

  // Kelp: a request past the block delay unlocked by the operator (claimable), then one in its delay
  await mined(await kelp.deposit(wallet, { asset: kelp.ETH_ADDRESS, amount: five, deployment: d.kelp }))
  await mined(
    await kelp.requestWithdrawal(wallet, {
      asset: kelp.ETH_ADDRESS,
      amount: parseEther('1'),
      deployment: d.kelp,
    }),
  )
  await devnet.mine(Number(devnet.deployments.kelp.withdrawalDelayBlocks))
  await kelpUnlockQueue(devnet.context, devnet.deployments.kelp, kelp.ETH_ADDRESS)
  await mined(
    await kelp.requestWithdrawal(wallet, {
      asset: kelp.ETH_ADDRESS,
      amount: parseEther('0.5'),
      deployment: d.kelp,
    }),
  )

  // Renzo: a 60 s cooldown; a request past it (claimable), then one inside it
  await renzoSetCoolDownPeriod(devnet.context, devnet.deployments.renzo, 60n)
  await mined(
    await renzo.deposit(wallet, { asset: renzo.RENZO_ETH_ADDRESS, amount: five, deployment: d.renzo }),
  )
  await mined(await renzo.requestWithdrawal(wallet, { amount: parseEther('1'), deployment: d.renzo }))
  await devnet.testClient.increaseTime({ seconds: 61 })
  await devnet.mine(1)
  await mined(await renzo.requestWithdrawal(wallet, { amount: parseEther('0.5'), deployment: d.renzo }))

  // ether.fi: a finalized request (claimable), then one not finalized
  await mined(
    await etherfi.deposit(wallet, { asset: etherfi.ETHERFI_ETH, amount: five, deployment: d.etherfi }),
  )
  const first = await etherfi.waitForRequestWithdrawal(
    pc,
    await etherfi.requestWithdrawal(wallet, { amount: parseEther('1'), deployment: d.etherfi }),
  )
  await etherfiFinalize(devnet.context, devnet.deployments.etherfi, first.requestId as bigint)
  const second = await etherfi.waitForRequestWithdrawal(
    pc,
    await etherfi.requestWithdrawal(wallet, { amount: parseEther('0.5'), deployment: d.etherfi }),
  )
  ids.etherfi.push(first.requestId as bigint, second.requestId as bigint)

  // Puffer: one request per transaction; a full batch finalized (claimable), then one in the next batch
  await mined(await puffer.deposit(wallet, { asset: puffer.ETH_ADDRESS, amount: five, deployment: d.puffer }))
  const size = devnet.deployments.puffer.batchSize
  let last = 0n
  for (let i = 0n; i < size; i++) {
    const r = await puffer.waitForRequestWithdrawal(
      pc,
      await puffer.requestWithdrawal(wallet, { amount: parseEther('0.2'), deployment: d.puffer }),
    )
    last = r.id as bigint
    ids.puffer.push(last)
  }
  await pufferFinalize(devnet.context, devnet.deployments.puffer, last / size)
  const next = await puffer.waitForRequestWithdrawal(
    pc,
    await puffer.requestWithdrawal(wallet, { amount: parseEther('0.1'), deployment: d.puffer }),
  )
  ids.puffer.push(next.id as bigint)

  // Swell: a processed request NFT (claimable), then one not processed
  await mined(await swell.deposit(wallet, { asset: swell.ETH_ADDRESS, amount: five, deployment: d.swell }))
  const nft = await swell.waitForRequestWithdrawal(
    pc,
    await swell.requestWithdrawal(wallet, { amount: parseEther('1'), deployment: d.swell }),
  )
  await swellProcessWithdrawals(devnet.context, devnet.deployments.swell, nft.id as bigint)
  const open = await swell.waitForRequestWithdrawal(
    pc,
    await swell.requestWithdrawal(wallet, { amount: parseEther('0.5'), deployment: d.swell }),
  )
  ids.swell.push(nft.id as bigint, open.id as bigint)
  return { deployments: d, ids }
}
