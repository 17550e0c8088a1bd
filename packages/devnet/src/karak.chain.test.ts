import {
  type Abi,
  type Address,
  BaseError,
  ContractFunctionRevertedError,
  erc20Abi,
  type Hex,
  type Log,
  parseEther,
  parseEventLogs,
  zeroAddress,
} from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type Devnet, type DevnetKarak, startDevnet } from './index.js'
import { deployKarak, KARAK_DEVNET_OPERATOR_KEY } from './karak.js'
import { artifact } from './solidity.js'

const DAY = 86_400n
const coreAbi = () => artifact('KarakCore').abi
const vaultAbi = () => artifact('KarakVault').abi
// the test DSS forwards to Core: decode Core's errors through it
const dssAbi = (): Abi => [...artifact('KarakTestDSS').abi, ...coreAbi().filter((i) => i.type === 'error')]

let devnet: Devnet
let karak: DevnetKarak
let weth: Address
let snapshot: Hex

beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: false })
  karak = devnet.deployments.karak!
  weth = devnet.deployments.tokens.weth
})
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snapshot = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snapshot)
})

/** The custom error a call reverts with (simulated), or undefined if it succeeds. */
async function revertName(params: {
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
  account: Address
}): Promise<string | undefined> {
  try {
    await devnet.publicClient.simulateContract(params as never)
    return undefined
  } catch (error) {
    const reverted =
      error instanceof BaseError ? error.walk((e) => e instanceof ContractFunctionRevertedError) : undefined
    if (reverted instanceof ContractFunctionRevertedError) return reverted.data?.errorName ?? 'unknown'
    throw error
  }
}

const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
  devnet.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>

async function send(
  from: { address: Address } & object,
  address: Address,
  abi: Abi,
  functionName: string,
  args: readonly unknown[],
) {
  const wallet = devnet.walletClient(from as never)
  const hash = await wallet.writeContract({ address, abi, functionName, args, gas: 3_000_000n } as never)
  return devnet.publicClient.waitForTransactionReceipt({ hash })
}

/**
 * The queued stake update as the Core stored it, from the transaction's `RequestedStakeUpdate`
 * event (a simulation's result can carry an earlier timestamp than the block it lands in).
 */
function queuedStakeUpdate(receipt: { logs: Log[] }) {
  const [event] = parseEventLogs({ abi: coreAbi(), logs: receipt.logs, eventName: 'RequestedStakeUpdate' })
  if (!event) throw new Error('no RequestedStakeUpdate event')
  return (event.args as { updateRequest: unknown }).updateRequest
}

async function stakerWithShares(amount: bigint) {
  const account = await devnet.newAccount({ tokens: { [weth]: amount } })
  const vault = karak.vaultsByAsset.weth
  await send(account, weth, erc20Abi, 'approve', [vault, amount])
  await send(account, vault, vaultAbi(), 'deposit', [amount, account.address, amount])
  return { account, vault }
}

describe('deployment', () => {
  test('Core, vault implementation, the operator and its weth/steth vaults', async () => {
    expect(karak.operator).toBe('0xe1C48006538E8F14E8D3F481FceA9a8387bFB9F3')
    expect(karak.operatorPrivateKey).toBe(KARAK_DEVNET_OPERATOR_KEY)
    expect(await read(karak.core, coreAbi(), 'getOperatorVaults', [karak.operator])).toEqual([
      karak.vaultsByAsset.weth,
      karak.vaultsByAsset.steth,
    ])
    for (const [token, vault] of [
      [weth, karak.vaultsByAsset.weth],
      [devnet.deployments.tokens.steth, karak.vaultsByAsset.steth],
    ] as const) {
      expect(await read(vault, vaultAbi(), 'asset')).toBe(token)
      expect(await read(vault, vaultAbi(), 'owner')).toBe(karak.core)
      expect(await read(karak.core, coreAbi(), 'implementation', [vault])).toBe(karak.vaultImplementation)
      const config = await read<{ operator: Address; decimals: number }>(vault, vaultAbi(), 'vaultConfig')
      expect(config.operator).toBe(karak.operator)
      expect(config.decimals).toBe(18)
    }
  })

  test("Karak's constants", async () => {
    const c = (name: string) => read<bigint>(karak.core, coreAbi(), name)
    expect(await c('MIN_WITHDRAWAL_DELAY')).toBe(9n * DAY)
    expect(await c('MIN_STAKE_UPDATE_DELAY')).toBe(9n * DAY)
    expect(await c('SLASHING_VETO_WINDOW')).toBe(2n * DAY)
    expect(await c('SLASHING_COOLDOWN')).toBe(2n * DAY)
    expect(await c('MAX_SLASHING_PERCENT_WAD')).toBe(parseEther('100'))
    expect(await c('MAX_VAULTS_PER_OPERATOR')).toBe(32n)
    expect(await read<bigint>(karak.vaultsByAsset.weth, vaultAbi(), 'MIN_WITHDRAWAL_DELAY')).toBe(9n * DAY)
  })

  test('deployKarak runs again on the same chain with explicit tokens (fresh Core)', async () => {
    const again = await deployKarak(devnet.context, { weth, steth: devnet.deployments.tokens.steth })
    expect(again?.core).not.toBe(karak.core)
    expect(again?.operator).toBe(karak.operator)
  })

  test('only allowlisted assets get vaults; the implementation cannot be re-initialized', async () => {
    const usdc = devnet.deployments.tokens.usdc
    const config = {
      asset: usdc,
      decimals: 6,
      operator: karak.operator,
      name: 'x',
      symbol: 'x',
      extraData: '0x',
    }
    expect(
      await revertName({
        address: karak.core,
        abi: coreAbi(),
        functionName: 'deployVaults',
        args: [[config], zeroAddress],
        account: karak.operator,
      }),
    ).toBe('AssetNotAllowlisted')
    expect(
      await revertName({
        address: karak.vaultImplementation,
        abi: vaultAbi(),
        functionName: 'initialize',
        args: [karak.operator, karak.operator, weth, 'n', 's', '0x'],
        account: karak.operator,
      }),
    ).toBe('InvalidInitialization')
  })
})

describe('vault double', () => {
  test('deposit semantics: ZeroAmount, NotEnoughShares, mint rounds up', async () => {
    const account = await devnet.newAccount({ tokens: { [weth]: parseEther('5') } })
    const vault = karak.vaultsByAsset.weth
    await send(account, weth, erc20Abi, 'approve', [vault, parseEther('5')])
    const sim = (functionName: string, args: readonly unknown[]) =>
      revertName({ address: vault, abi: vaultAbi(), functionName, args, account: account.address })
    expect(await sim('deposit', [0n, account.address])).toBe('ZeroAmount')
    expect(await sim('deposit', [0n, account.address, 0n])).toBe('ZeroAmount')
    expect(await sim('mint', [0n, account.address])).toBe('ZeroShares')
    expect(await sim('deposit', [parseEther('1'), account.address, parseEther('1') + 1n])).toBe(
      'NotEnoughShares',
    )
    expect(await sim('deposit', [parseEther('1'), account.address, parseEther('1')])).toBeUndefined()
    expect(await sim('withdraw', [1n, account.address, account.address])).toBe('NotImplemented')
    expect(await sim('redeem', [1n, account.address, account.address])).toBe('NotImplemented')
    expect(await sim('slashAssets', [1n, account.address])).toBe('Unauthorized')

    await send(account, vault, vaultAbi(), 'deposit', [parseEther('1'), account.address, parseEther('1')])
    await devnet.fund(vault, { tokens: { [weth]: 1n } }) // donation: 1e18 + 1 assets for 1e18 shares
    const assetsForOne = await read<bigint>(vault, vaultAbi(), 'previewMint', [parseEther('1')])
    // ceil(1e18 · (1e18 + 2) / (1e18 + 1)) = 1e18 + 1 (rounded up)
    expect(assetsForOne).toBe(parseEther('1') + 1n)
    const receipt = await send(account, vault, vaultAbi(), 'mint', [parseEther('1'), account.address])
    const [dep] = parseEventLogs({
      abi: vaultAbi(),
      logs: receipt.logs,
      eventName: 'Deposit',
    }) as unknown as {
      args: { assets: bigint; shares: bigint }
    }[]
    expect(dep?.args).toMatchObject({ assets: parseEther('1') + 1n, shares: parseEther('1') })
  })

  test('startRedeem needs the share approval to the vault; key = keccak256(abi.encode(staker, nonce)); finish exactly at start + 9 days', async () => {
    const { account, vault } = await stakerWithShares(parseEther('3'))
    expect(
      await revertName({
        address: vault,
        abi: vaultAbi(),
        functionName: 'startRedeem',
        args: [1n, account.address],
        account: account.address,
      }),
    ).toBe('InsufficientAllowance')
    await send(account, vault, vaultAbi(), 'approve', [vault, parseEther('10')])
    expect(
      await revertName({
        address: vault,
        abi: vaultAbi(),
        functionName: 'startRedeem',
        args: [parseEther('4'), account.address],
        account: account.address,
      }),
    ).toBe('InsufficientBalance')

    const receipt = await send(account, vault, vaultAbi(), 'startRedeem', [parseEther('2'), account.address])
    const start = (await devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp
    const [started] = parseEventLogs({
      abi: vaultAbi(),
      logs: receipt.logs,
      eventName: 'StartedRedeem',
    }) as unknown as {
      args: { withdrawKey: Hex; shares: bigint; operator: Address }
    }[]
    const { keccak256, encodeAbiParameters } = await import('viem')
    const key = keccak256(
      encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [account.address, 0n]),
    )
    expect(started?.args).toMatchObject({
      withdrawKey: key,
      shares: parseEther('2'),
      operator: karak.operator,
    })
    expect(await read(vault, vaultAbi(), 'getNextWithdrawNonce', [account.address])).toBe(1n)
    expect(await read(vault, vaultAbi(), 'isWithdrawalPending', [account.address, 0n])).toBe(true)
    expect(await read(vault, vaultAbi(), 'getQueuedWithdrawal', [account.address, 0n])).toEqual({
      staker: account.address,
      start,
      shares: parseEther('2'),
      beneficiary: account.address,
    })
    expect(await read(vault, vaultAbi(), 'balanceOf', [vault])).toBe(parseEther('2'))

    // one second early: MinWithdrawDelayNotPassed (mined, reverted)
    await devnet.testClient.setNextBlockTimestamp({ timestamp: start + 9n * DAY - 1n })
    const early = await send(account, vault, vaultAbi(), 'finishRedeem', [key])
    expect(early.status).toBe('reverted')
    await devnet.testClient.setNextBlockTimestamp({ timestamp: start + 9n * DAY })
    const ok = await send(account, vault, vaultAbi(), 'finishRedeem', [key])
    expect(ok.status).toBe('success')
    expect(await read(weth, erc20Abi, 'balanceOf', [account.address])).toBe(parseEther('2'))
    expect(await read(vault, vaultAbi(), 'isWithdrawalPending', [account.address, 0n])).toBe(false)
    expect(
      await revertName({
        address: vault,
        abi: vaultAbi(),
        functionName: 'finishRedeem',
        args: [key],
        account: account.address,
      }),
    ).toBe('WithdrawalNotFound')
  })
})

describe('core double', () => {
  async function dssWithStake(maxPercent = parseEther('30')) {
    const dss = await devnet.context.deploy(artifact('KarakTestDSS'), [karak.core])
    const deployer = devnet.context.deployer.account
    await send(deployer, dss, dssAbi(), 'registerDSS', [maxPercent])
    const operator = devnet.walletClient(karak.operatorPrivateKey).account
    await send(operator, karak.core, coreAbi(), 'registerOperatorToDSS', [dss, '0x'])
    const request = { vault: karak.vaultsByAsset.weth, dss, toStake: true }
    const queued = queuedStakeUpdate(
      await send(operator, karak.core, coreAbi(), 'requestUpdateVaultStakeInDSS', [request]),
    )
    await devnet.increaseTime(9n * DAY)
    await send(operator, karak.core, coreAbi(), 'finalizeUpdateVaultStakeInDSS', [queued])
    return { dss, operator, deployer }
  }

  test('DSS registration rules', async () => {
    const deployer = devnet.context.deployer.account.address
    expect(
      await revertName({
        address: karak.core,
        abi: coreAbi(),
        functionName: 'registerDSS',
        args: [parseEther('10')],
        account: deployer,
      }),
    ).toBe('NotSmartContract')
    const { dss } = await dssWithStake()
    expect(await read(karak.core, coreAbi(), 'isDSSRegistered', [dss])).toBe(true)
    expect(await read(karak.core, coreAbi(), 'getDssMaxSlashablePercentageWad', [dss])).toBe(parseEther('30'))
    expect(await read(karak.core, coreAbi(), 'isOperatorRegisteredToDSS', [karak.operator, dss])).toBe(true)
    expect(await read(karak.core, coreAbi(), 'getLeverage', [karak.vaultsByAsset.weth])).toBe(
      parseEther('100'),
    )
    expect(
      await revertName({
        address: dss,
        abi: dssAbi(),
        functionName: 'registerDSS',
        args: [1n],
        account: deployer,
      }),
    ).toBe('DSSAlreadyRegistered')
    expect(
      await revertName({
        address: karak.core,
        abi: coreAbi(),
        functionName: 'unregisterOperatorFromDSS',
        args: [dss],
        account: karak.operator,
      }),
    ).toBe('AllVaultsNotUnstakedFromDSS')
  })

  test('slashing: cooldown, veto by the committee, max percentage, skip of an unstaked vault', async () => {
    await stakerWithShares(parseEther('10'))
    const { dss, deployer, operator } = await dssWithStake()
    const request = (p: bigint) => ({
      operator: karak.operator,
      slashPercentagesWad: [p],
      vaults: [karak.vaultsByAsset.weth],
    })
    expect(
      await revertName({
        address: dss,
        abi: dssAbi(),
        functionName: 'requestSlashing',
        args: [request(parseEther('31'))],
        account: deployer.address,
      }),
    ).toBe('MaxSlashPercentageWadBreached')
    expect(
      await revertName({
        address: dss,
        abi: dssAbi(),
        functionName: 'requestSlashing',
        args: [
          {
            operator: karak.operator,
            slashPercentagesWad: [1n, 1n],
            vaults: [karak.vaultsByAsset.weth, karak.vaultsByAsset.weth],
          },
        ],
        account: deployer.address,
      }),
    ).toBe('DuplicateSlashingVaults')
    expect(
      await revertName({
        address: dss,
        abi: dssAbi(),
        functionName: 'requestSlashing',
        args: [{ operator: karak.operator, slashPercentagesWad: [1n], vaults: [karak.vaultsByAsset.steth] }],
        account: deployer.address,
      }),
    ).toBe('VaultNotStakedToDSS')

    await send(deployer, dss, dssAbi(), 'requestSlashing', [request(parseEther('20'))])
    const first = await read(dss, dssAbi(), 'lastQueuedSlashing')
    expect(await read(karak.core, coreAbi(), 'isVaultQueuedForSlashing', [karak.vaultsByAsset.weth])).toBe(
      true,
    )
    expect(
      await revertName({
        address: dss,
        abi: dssAbi(),
        functionName: 'requestSlashing',
        args: [request(parseEther('20'))],
        account: deployer.address,
      }),
    ).toBe('SlashingCooldownNotPassed')

    // the veto committee (the devnet deployer) cancels; a stranger cannot
    const stranger = devnet.accounts[6]!.address
    expect(
      await revertName({
        address: karak.core,
        abi: coreAbi(),
        functionName: 'cancelSlashing',
        args: [first],
        account: stranger,
      }),
    ).toBe('Unauthorized')
    await send(deployer, karak.core, coreAbi(), 'cancelSlashing', [first])
    expect(await read(karak.core, coreAbi(), 'isVaultQueuedForSlashing', [karak.vaultsByAsset.weth])).toBe(
      false,
    )
    await devnet.increaseTime(2n * DAY)
    expect(
      await revertName({
        address: karak.core,
        abi: coreAbi(),
        functionName: 'finalizeSlashing',
        args: [first],
        account: stranger,
      }),
    ).toBe('InvalidSlashingParams')

    // after the cooldown: a new request; the operator unstakes the vault before it is finalized → skipped
    await send(deployer, dss, dssAbi(), 'requestSlashing', [request(parseEther('20'))])
    const second = await read(dss, dssAbi(), 'lastQueuedSlashing')
    const unstake = { vault: karak.vaultsByAsset.weth, dss, toStake: false }
    const queued = queuedStakeUpdate(
      await send(operator, karak.core, coreAbi(), 'requestUpdateVaultStakeInDSS', [unstake]),
    )
    await devnet.increaseTime(9n * DAY)
    await send(operator, karak.core, coreAbi(), 'finalizeUpdateVaultStakeInDSS', [queued])
    const receipt = await send(deployer, karak.core, coreAbi(), 'finalizeSlashing', [second])
    expect(receipt.status).toBe('success')
    expect(parseEventLogs({ abi: coreAbi(), logs: receipt.logs, eventName: 'SkippedSlashing' })).toHaveLength(
      1,
    )
    expect(await read(weth, erc20Abi, 'balanceOf', [karak.vaultsByAsset.weth])).toBe(parseEther('10'))
  })
})
