// The Symbiotic rewards contracts of npm `@symbioticfi/rewards@2.0.0` on the devnet, driven with raw
// viem calls (no SDK): the deployment, the factory's vault check, a staker claim and an operator claim.
import { type Address, encodeAbiParameters, erc20Abi, parseAbi, parseAbiParameters, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from './index.js'
import {
  createSymbioticStakerRewards,
  symbioticOperatorRewardsTree,
  symbioticRewardsArtifact,
} from './symbiotic-rewards.js'

const vaultAbi = parseAbi([
  'function deposit(address onBehalfOf, uint256 amount) returns (uint256 depositedAmount, uint256 mintedShares)',
])
const factoryAbi = parseAbi(['function isEntity(address) view returns (bool)'])
const networkAbi = parseAbi(['function registerNetwork()', 'function setMiddleware(address middleware)'])

const start = () => startDevnet({ karak: false, symbioticRewards: true })
let devnet: Devnet<Awaited<ReturnType<typeof start>>['deployments']>

beforeAll(async () => {
  devnet = await start()
}, 120_000)
afterAll(async () => {
  await devnet?.stop()
})

describe('Symbiotic rewards on the devnet (raw calls)', () => {
  test('the factories made the clones; the staker rewards serve the devnet vault with its admin fee', async () => {
    const r = devnet.deployments.symbioticRewards
    const pc = devnet.publicClient
    const staker = symbioticRewardsArtifact('DefaultStakerRewards').abi
    expect(
      await pc.readContract({
        address: r.stakerRewardsFactory,
        abi: factoryAbi,
        functionName: 'isEntity',
        args: [r.stakerRewards],
      }),
    ).toBe(true)
    expect(
      await pc.readContract({
        address: r.operatorRewardsFactory,
        abi: factoryAbi,
        functionName: 'isEntity',
        args: [r.operatorRewards],
      }),
    ).toBe(true)
    expect(await pc.readContract({ address: r.stakerRewards, abi: staker, functionName: 'VAULT' })).toBe(
      r.vault.vault,
    )
    expect(await pc.readContract({ address: r.stakerRewards, abi: staker, functionName: 'adminFee' })).toBe(
      1000n,
    )
    // a clone is a 45-byte ERC-1167 proxy
    expect(((await pc.getCode({ address: r.operatorRewards })) ?? '0x').length).toBe(2 + 45 * 2)
  })

  test('the staker-rewards factory refuses an address that is not a vault (NotVault)', async () => {
    await expect(
      createSymbioticStakerRewards(devnet, { vault: devnet.deployments.tokens.weth }),
    ).rejects.toThrow(/NotVault|revert/i)
  })

  test('a staker claims stake share × amount less the admin fee; an operator claims with an OZ proof', async () => {
    const r = devnet.deployments.symbioticRewards
    const pc = devnet.publicClient
    const weth = devnet.deployments.tokens.weth
    const network = (await devnet.newAccount()).address
    const middleware = (await devnet.newAccount({ tokens: { [weth]: parseEther('2000') } })).address
    // the network registers and names its middleware (raw calls, as the rest of this file)
    const sym = devnet.deployments.symbiotic
    const asNetwork = { abi: networkAbi, from: network } as const
    await devnet.context.write({
      ...asNetwork,
      address: sym.networkRegistry,
      functionName: 'registerNetwork',
    })
    await devnet.context.write({
      ...asNetwork,
      address: sym.networkMiddlewareService,
      functionName: 'setMiddleware',
      args: [middleware],
    })

    // two stakers, 1 and 3 WETH
    const stakers = [
      await devnet.newAccount({ tokens: { [weth]: parseEther('1') } }),
      await devnet.newAccount({ tokens: { [weth]: parseEther('3') } }),
    ]
    for (const s of stakers) {
      const amount = await pc.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [s.address],
      })
      await devnet.context.write({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [r.vault.vault, amount],
        from: s.address,
      })
      await devnet.context.write({
        address: r.vault.vault,
        abi: vaultAbi,
        functionName: 'deposit',
        args: [s.address, amount],
        from: s.address,
      })
    }
    await devnet.increaseTime(10)
    const ts = (await pc.getBlock()).timestamp - 1n

    const staker = symbioticRewardsArtifact('DefaultStakerRewards').abi
    const amount = parseEther('100')
    await devnet.context.write({
      address: weth,
      abi: erc20Abi,
      functionName: 'approve',
      args: [r.stakerRewards, amount],
      from: middleware,
    })
    const data = encodeAbiParameters(parseAbiParameters('uint48, uint256, bytes, bytes'), [
      Number(ts),
      10_000n,
      '0x',
      '0x',
    ])
    await devnet.context.write({
      address: r.stakerRewards,
      abi: staker,
      functionName: 'distributeRewards',
      args: [network, weth, amount, data],
      from: middleware,
    })
    // the second staker holds 3/4 of the shares; the admin fee is 10%
    const expected = ((amount - (amount * 1000n) / 10_000n) * 3n) / 4n
    const before = await pc.readContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [stakers[1]!.address],
    })
    await devnet.context.write({
      address: r.stakerRewards,
      abi: staker,
      functionName: 'claimRewards',
      args: [
        stakers[1]!.address,
        weth,
        encodeAbiParameters(parseAbiParameters('address, uint256, bytes[]'), [network, 1n, []]),
      ],
      from: stakers[1]!.address,
    })
    const after = await pc.readContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [stakers[1]!.address],
    })
    expect(after - before).toBe(expected)

    // operator rewards: a tree of two operators, the root distributed with 500 WETH, one claim
    const operators: Address[] = [(await devnet.newAccount()).address, (await devnet.newAccount()).address]
    const tree = symbioticOperatorRewardsTree([
      { operator: operators[0]!, totalClaimable: parseEther('200') },
      { operator: operators[1]!, totalClaimable: parseEther('300') },
    ])
    const op = symbioticRewardsArtifact('DefaultOperatorRewards').abi
    await devnet.context.write({
      address: weth,
      abi: erc20Abi,
      functionName: 'approve',
      args: [r.operatorRewards, parseEther('500')],
      from: middleware,
    })
    await devnet.context.write({
      address: r.operatorRewards,
      abi: op,
      functionName: 'distributeRewards',
      args: [network, weth, parseEther('500'), tree.root],
      from: middleware,
    })
    const { totalClaimable, proof } = tree.proof(operators[1]!)
    await devnet.context.write({
      address: r.operatorRewards,
      abi: op,
      functionName: 'claimRewards',
      args: [operators[1]!, network, weth, totalClaimable, proof],
      from: operators[1]!,
    })
    expect(
      await pc.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [operators[1]!],
      }),
    ).toBe(parseEther('300'))
  })
})
