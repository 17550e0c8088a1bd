// A consumer file for the type-check cost measurement (examples/typecheck/run.sh): the decorator with
// the default protocols plus the five LRT modules, a read per LRT namespace and the portfolio.
import { defaultProtocolModules, restakingActions } from '@restakekit/core'
import { etherfi, kelp, puffer, renzo, swell } from '@restakekit/lrt'
import { createPublicClient, http } from 'viem'
import { mainnet } from 'viem/chains'

const protocols = [...defaultProtocolModules, etherfi, kelp, renzo, puffer, swell] as const
const client = createPublicClient({ chain: mainnet, transport: http() }).extend(
  restakingActions({ protocols }),
)

export async function consumer(owner: `0x${string}`) {
  const rate = await client.restaking.kelp.getRate()
  const requests = await client.restaking.etherfi.getWithdrawalRequests({ owner })
  const portfolio = await client.restaking.getPortfolio({ staker: owner })
  return [rate, requests.length, portfolio.positions.length] as const
}
