import { type Address, erc20Abi, type Hex, parseAbi, parseEther, zeroAddress } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { type Devnet, startDevnet } from './index.js'
import {
  createSymbioticVault,
  deploySymbiotic,
  symbioticCoreBytecode,
  symbioticDevnetAbi,
} from './symbiotic.js'

const vaultAbi = parseAbi([
  'function deposit(address onBehalfOf, uint256 amount) returns (uint256 depositedAmount, uint256 mintedShares)',
  'function withdraw(address claimer, uint256 amount) returns (uint256 burnedShares, uint256 mintedShares)',
  'function claim(address recipient, uint256 epoch) returns (uint256 amount)',
  'function collateral() view returns (address)',
  'function delegator() view returns (address)',
  'function slasher() view returns (address)',
  'function version() view returns (uint64)',
  'function epochDuration() view returns (uint48)',
  'function currentEpoch() view returns (uint256)',
  'function activeBalanceOf(address) view returns (uint256)',
  'function activeStake() view returns (uint256)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
  'function isDepositLimit() view returns (bool)',
  'function depositLimit() view returns (uint256)',
  'function depositWhitelist() view returns (bool)',
  'function isDepositorWhitelisted(address) view returns (bool)',
  'function isInitialized() view returns (bool)',
  'function name() view returns (string)',
  'function balanceOf(address) view returns (uint256)',
  'error InvalidEpoch()',
])
const entityAbi = parseAbi(['function TYPE() view returns (uint64)'])

let devnet: Devnet
let snap: Hex
beforeAll(async () => {
  devnet = await startDevnet({ karak: false })
})
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snap = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snap)
})

const read = <T>(address: Address, functionName: string, args: readonly unknown[] = []) =>
  devnet.publicClient.readContract({ address, abi: vaultAbi, functionName, args } as never) as Promise<T>

describe('Symbiotic core on the devnet', () => {
  test('bytecode of all 17 contracts is read from the npm package', () => {
    const code = symbioticCoreBytecode()
    expect(Object.keys(code)).toHaveLength(17)
    for (const hex of Object.values(code)) expect(hex).toMatch(/^0x(60|61)[0-9a-f]{100,}$/)
  })

  test('factories whitelist vault versions 1..2, delegator types 0..3, slasher types 0..1', async () => {
    const s = devnet.deployments.symbiotic!
    const f = symbioticDevnetAbi.factory
    const pc = devnet.publicClient
    expect(await pc.readContract({ address: s.vaultFactory, abi: f, functionName: 'lastVersion' })).toBe(2n)
    expect(
      await pc.readContract({ address: s.vaultFactory, abi: f, functionName: 'implementation', args: [1n] }),
    ).toBe(s.implementations.vault)
    expect(
      await pc.readContract({ address: s.vaultFactory, abi: f, functionName: 'implementation', args: [2n] }),
    ).toBe(s.implementations.vaultTokenized)
    expect(await pc.readContract({ address: s.delegatorFactory, abi: f, functionName: 'totalTypes' })).toBe(
      4n,
    )
    expect(await pc.readContract({ address: s.slasherFactory, abi: f, functionName: 'totalTypes' })).toBe(2n)
    const delegators = [
      s.implementations.networkRestakeDelegator,
      s.implementations.fullRestakeDelegator,
      s.implementations.operatorSpecificDelegator,
      s.implementations.operatorNetworkSpecificDelegator,
    ]
    for (const [i, impl] of delegators.entries()) {
      expect(
        await pc.readContract({
          address: s.delegatorFactory,
          abi: f,
          functionName: 'implementation',
          args: [BigInt(i)],
        }),
      ).toBe(impl)
      expect(await pc.readContract({ address: impl, abi: entityAbi, functionName: 'TYPE' })).toBe(BigInt(i))
    }
    for (const [i, impl] of [s.implementations.slasher, s.implementations.vetoSlasher].entries()) {
      expect(
        await pc.readContract({
          address: s.slasherFactory,
          abi: f,
          functionName: 'implementation',
          args: [BigInt(i)],
        }),
      ).toBe(impl)
      expect(await pc.readContract({ address: impl, abi: entityAbi, functionName: 'TYPE' })).toBe(BigInt(i))
    }
  })

  test('deploySymbiotic deploys a second, independent core (fresh addresses, same whitelists)', async () => {
    const again = await deploySymbiotic(devnet.context)
    const first = devnet.deployments.symbiotic!
    expect(again.vaultFactory).not.toBe(first.vaultFactory)
    expect(new Set(Object.values({ ...again, implementations: undefined }).filter(Boolean)).size).toBe(11)
    const total = await devnet.publicClient.readContract({
      address: again.delegatorFactory,
      abi: symbioticDevnetAbi.factory,
      functionName: 'totalTypes',
    })
    expect(total).toBe(4n)
    // helpers given the context use the core deployed on it last
    const { vault } = await createSymbioticVault(devnet.context, {
      collateral: devnet.deployments.tokens.weth,
      epochDuration: 600,
      delegatorType: 0,
    })
    const isEntity = await devnet.publicClient.readContract({
      address: again.vaultFactory,
      abi: symbioticDevnetAbi.factory,
      functionName: 'isEntity',
      args: [vault],
    })
    expect(isEntity).toBe(true)
  })

  test('create vault, deposit, withdraw, advance past the epoch, claim, collateral back', async () => {
    const { weth } = devnet.deployments.tokens
    const epoch = 3600
    const { vault, delegator, slasher } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: epoch,
      delegatorType: 0,
      slasherType: 0,
    })
    expect(await read<boolean>(vault, 'isInitialized')).toBe(true)
    expect(await read<Address>(vault, 'collateral')).toBe(weth)
    expect(await read<Address>(vault, 'delegator')).toBe(delegator)
    expect(await read<Address>(vault, 'slasher')).toBe(slasher)
    expect(await read<bigint>(vault, 'version')).toBe(1n)
    expect(await read<number>(vault, 'epochDuration')).toBe(epoch)

    const amount = parseEther('5')
    const staker = await devnet.newAccount({ tokens: { [weth]: amount } })
    const wallet = devnet.walletClient(staker)
    const pc = devnet.publicClient
    const wait = (hash: Hex) => pc.waitForTransactionReceipt({ hash })
    await wait(
      await wallet.writeContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault, amount],
      }),
    )
    const dep = await wait(
      await wallet.writeContract({
        address: vault,
        abi: vaultAbi,
        functionName: 'deposit',
        args: [staker.address, amount],
      }),
    )
    expect(dep.status).toBe('success')
    expect(await read<bigint>(vault, 'activeBalanceOf', [staker.address])).toBe(amount)
    expect(
      await pc.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(0n)

    const epochNow = await read<bigint>(vault, 'currentEpoch')
    await wait(
      await wallet.writeContract({
        address: vault,
        abi: vaultAbi,
        functionName: 'withdraw',
        args: [staker.address, amount],
      }),
    )
    expect(await read<bigint>(vault, 'activeBalanceOf', [staker.address])).toBe(0n)
    expect(await read<bigint>(vault, 'withdrawalsOf', [epochNow + 1n, staker.address])).toBe(amount)

    // bucket N+1 is not claimable while currentEpoch <= N+1
    await devnet.increaseTime(epoch)
    await expect(
      pc.simulateContract({
        account: staker.address,
        address: vault,
        abi: vaultAbi,
        functionName: 'claim',
        args: [staker.address, epochNow + 1n],
      }),
    ).rejects.toThrow(/InvalidEpoch/)

    await devnet.increaseTime(epoch)
    expect(await read<bigint>(vault, 'currentEpoch')).toBe(epochNow + 2n)
    const claim = await wait(
      await wallet.writeContract({
        address: vault,
        abi: vaultAbi,
        functionName: 'claim',
        args: [staker.address, epochNow + 1n],
      }),
    )
    expect(claim.status).toBe('success')
    expect(
      await pc.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(amount)
  })

  test('tokenized vault (version 2), deposit limit and whitelist, FullRestake with VetoSlasher', async () => {
    const { usdc } = devnet.deployments.tokens
    const depositor = devnet.accounts[3]!.address
    const { vault, delegator, slasher } = await createSymbioticVault(devnet, {
      collateral: usdc,
      epochDuration: 7200,
      delegatorType: 1,
      slasherType: 1,
      vetoDuration: 600,
      depositLimit: 1_000_000n,
      depositWhitelist: true,
      whitelistedDepositors: [depositor],
      tokenized: { name: 'Devnet USDC vault', symbol: 'dvUSDC' },
    })
    expect(await read<bigint>(vault, 'version')).toBe(2n)
    expect(await read<string>(vault, 'name')).toBe('Devnet USDC vault')
    expect(await read<boolean>(vault, 'isDepositLimit')).toBe(true)
    expect(await read<bigint>(vault, 'depositLimit')).toBe(1_000_000n)
    expect(await read<boolean>(vault, 'depositWhitelist')).toBe(true)
    expect(await read<boolean>(vault, 'isDepositorWhitelisted', [depositor])).toBe(true)
    const pc = devnet.publicClient
    expect(await pc.readContract({ address: delegator, abi: entityAbi, functionName: 'TYPE' })).toBe(1n)
    expect(await pc.readContract({ address: slasher, abi: entityAbi, functionName: 'TYPE' })).toBe(1n)
  })

  test('OperatorSpecific and OperatorNetworkSpecific delegators; a vault without slasher', async () => {
    const { weth } = devnet.deployments.tokens
    const operator = devnet.accounts[4]!.address
    const network = devnet.accounts[5]!.address
    const a = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 2,
      operator,
    })
    expect(a.slasher).toBe(zeroAddress)
    const b = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 3,
      operator,
      network,
      slasherType: 0,
    })
    const pc = devnet.publicClient
    expect(await pc.readContract({ address: a.delegator, abi: entityAbi, functionName: 'TYPE' })).toBe(2n)
    expect(await pc.readContract({ address: b.delegator, abi: entityAbi, functionName: 'TYPE' })).toBe(3n)
  })
})
