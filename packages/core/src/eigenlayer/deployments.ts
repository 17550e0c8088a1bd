import type { Address } from 'viem'

/** A strategy known on a chain: its address and, where confirmed, its underlying token. */
export type EigenLayerStrategyInfo = {
  readonly strategy: Address
  /** The underlying ERC-20; `null` where not confirmed (read it with `getStrategy`). */
  readonly token: Address | null
}

/**
 * Where EigenLayer's core contracts (proxies) live on a chain. Pass your own for a fork, a new
 * testnet or the local devnet (whose `deployments.eigenlayer` comes from the state it loaded).
 */
export type EigenLayerDeployment = {
  readonly chainId?: number
  readonly delegationManager: Address
  readonly strategyManager: Address
  readonly eigenPodManager: Address
  readonly avsDirectory: Address
  readonly allocationManager: Address
  readonly rewardsCoordinator: Address
  readonly permissionController: Address
  /** Absent on deployments without one (the devnet's v1.3.0 state). */
  readonly strategyFactory?: Address
  /** Strategies known on this chain, by name (optional for custom deployments). */
  readonly strategies?: Readonly<Record<string, EigenLayerStrategyInfo>>
  /** Entries (dotted paths) that could not be confirmed from the eigenlayer-contracts README. */
  readonly unconfirmed?: readonly string[]
}

/** The beacon-chain ETH "strategy": a sentinel address for EigenPod shares, not a contract. */
export const BEACON_CHAIN_ETH_STRATEGY =
  '0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0' as const satisfies Address

/**
 * The core contract addresses of the known EigenLayer deployments by chain id, without the strategy
 * lists: what the writes and most reads resolve by chain id (a bundle of one write does not carry
 * every chain's strategies). `eigenlayerDeployments` adds the strategies.
 */
export const eigenlayerContracts = {
  1: {
    chainId: 1,
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
    strategyManager: '0x858646372CC42E1A627fcE94aa7A7033e7CF075A',
    eigenPodManager: '0x91E677b07F7AF907ec9a428aafA9fc14a0d3A338',
    avsDirectory: '0x135DDa560e946695d6f155dACaFC6f1F25C1F5AF',
    allocationManager: '0x948a420b8CC1d6BFd0B6087C2E7c344a2CD0bc39',
    rewardsCoordinator: '0x7750d328b314EfFa365A0402CcfD489B80B0adda',
    permissionController: '0x25E5F8B1E7aDf44518d35D5B2271f114e081f0E5',
    strategyFactory: '0x5e4C39Ad7A3E881585e383dB9827EB4811f6F647',
  },
  11155111: {
    chainId: 11155111,
    delegationManager: '0xD4A7E1Bd8015057293f0D0A557088c286942e84b',
    strategyManager: '0x2E3D6c0744b10eb0A4e6F679F71554a39Ec47a5D',
    eigenPodManager: '0x56BfEb94879F4543E756d26103976c567256034a',
    avsDirectory: '0xa789c91ECDdae96865913130B786140Ee17aF545',
    allocationManager: '0x42583067658071247ec8CE0A516A58f682002d07',
    rewardsCoordinator: '0x5ae8152fb88c26ff9ca5C014c94fca3c68029349',
    permissionController: '0x44632dfBdCb6D3E21EF613B0ca8A6A0c618F5a37',
    strategyFactory: '0x066cF95c1bf0927124DFB8B02B401bc23A79730D',
  },
  560048: {
    chainId: 560048,
    delegationManager: '0x867837a9722C512e0862d8c2E15b8bE220E8b87d',
    strategyManager: '0xeE45e76ddbEDdA2918b8C7E3035cd37Eab3b5D41',
    eigenPodManager: '0xcd1442415Fc5C29Aa848A49d2e232720BE07976c',
    avsDirectory: '0xD58f6844f79eB1fbd9f7091d05f7cb30d3363926',
    allocationManager: '0x95a7431400F362F3647a69535C5666cA0133CAA0',
    rewardsCoordinator: '0x29e8572678e0c272350aa0b4B8f304E47EBcd5e7',
    permissionController: '0xdcCF401fD121d8C542E96BC1d0078884422aFAD2',
    strategyFactory: '0xfB7d94501E4d4ACC264833Ef4ede70a11517422B',
  },
} as const satisfies Record<number, EigenLayerDeployment>

const knownStrategies = {
  1: {
    strategies: {
      stETH: {
        strategy: '0x93c4b944D05dfe6df7645A86cd2206016c51564D',
        token: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84',
      },
      rETH: {
        strategy: '0x1BeE69b7dFFfA4E2d53C2a2Df135C388AD25dCD2',
        token: '0xae78736Cd615f374D3085123A210448E74Fc6393',
      },
      cbETH: {
        strategy: '0x54945180dB7943c0ed0FEE7EdaB2Bd24620256bc',
        token: '0xBe9895146f7AF43049ca1c1AE358B0541Ea49704',
      },
      ETHx: {
        strategy: '0x9d7eD45EE2E8FC5482fa2428f15C971e6369011d',
        token: '0xA35b1B31Ce002FBF2058D22F30f95D405200A15b',
      },
      ankrETH: {
        strategy: '0x13760F50a9d7377e4F20CB8CF9e4c26586c658ff',
        token: '0xE95A203B1a91a908F9B9CE46459d101078c2c3cb',
      },
      OETH: {
        strategy: '0xa4C637e0F704745D182e4D38cAb7E7485321d059',
        token: '0x856c4Efb76C1D1AE02e20CEB03A2A6a08b0b8dC3',
      },
      osETH: {
        strategy: '0x57ba429517c3473B6d34CA9aCd56c0e735b94c02',
        token: '0xf1C9acDc66974dFB6dEcB12aA385b9cD01190E38',
      },
      swETH: {
        strategy: '0x0Fe4F44beE93503346A3Ac9EE5A26b130a5796d6',
        token: '0xf951E335afb289353dc249e82926178EaC7DEd78',
      },
      wBETH: {
        strategy: '0x7CA911E83dabf90C90dD3De5411a10F1A6112184',
        token: '0xa2E3356610840701BDf5611a53974510Ae27E2e1',
      },
      sfrxETH: {
        strategy: '0x8CA7A5d6f3acd3A7A8bC468a8CD0FB14B6BD28b6',
        token: '0xac3E018457B222d93114458476f3E3416Abbe38F',
      },
      lsETH: {
        strategy: '0xAe60d8180437b5C34bB956822ac2710972584473',
        token: '0x8c1BEd5b9a0928467c9B1341Da1D7BD5e10b6549',
      },
      mETH: {
        strategy: '0x298aFB19A105D59E74658C4C334Ff360BadE6dd2',
        token: '0xd5F7838F5C461fefF7FE49ea5ebaF7728bB0ADfa',
      },
      EIGEN: {
        strategy: '0xaCB55C530Acdb2849e6d4f36992Cd8c9D50ED8F7',
        token: '0xec53bF9167f50cDEB3Ae105f56099aaaB9061F83',
      },
      beaconChainETH: { strategy: BEACON_CHAIN_ETH_STRATEGY, token: null },
    },
    // The strategies are in the README; their underlying tokens are not. stETH, rETH and cbETH
    // come from EigenLayer's own M1 deploy config; the others from third-party configs.
    unconfirmed: [
      'strategies.ETHx.token',
      'strategies.ankrETH.token',
      'strategies.OETH.token',
      'strategies.osETH.token',
      'strategies.swETH.token',
      'strategies.wBETH.token',
      'strategies.sfrxETH.token',
      'strategies.lsETH.token',
      'strategies.mETH.token',
    ],
  },
  11155111: {
    strategies: {
      EIGEN: { strategy: '0x8E93249a6C37a32024756aaBd813E6139b17D1d5', token: null },
      stETH: { strategy: '0x8b29d91e67b013e855EaFe0ad704aC4Ab086a574', token: null },
      WETH: { strategy: '0x424246eF71b01ee33aA33aC590fd9a0855F5eFbc', token: null },
      beaconChainETH: { strategy: BEACON_CHAIN_ETH_STRATEGY, token: null },
    },
    // EigenPods are paused on Sepolia.
    unconfirmed: ['strategies.EIGEN.token', 'strategies.stETH.token', 'strategies.WETH.token'],
  },
  560048: {
    strategies: {
      EIGEN: { strategy: '0xB27b10291DBFE6576d17afF3e251c954Ae14f1D3', token: null },
      stETH: { strategy: '0xF8a1a66130D614c7360e868576D5E59203475FE0', token: null },
      WETH: { strategy: '0x24579aD4fe83aC53546E5c2D3dF5F85D6383420d', token: null },
      beaconChainETH: { strategy: BEACON_CHAIN_ETH_STRATEGY, token: null },
    },
    unconfirmed: ['strategies.EIGEN.token', 'strategies.stETH.token', 'strategies.WETH.token'],
  },
} as const satisfies Record<
  keyof typeof eigenlayerContracts,
  Pick<EigenLayerDeployment, 'strategies' | 'unconfirmed'>
>

function withStrategies<
  const contracts extends Record<number, object>,
  const strategies extends { [k in keyof contracts]: object },
>(contracts: contracts, strategies: strategies): { [k in keyof contracts]: contracts[k] & strategies[k] } {
  const out: Record<number, object> = {}
  for (const id of Object.keys(contracts)) {
    const k = Number(id)
    out[k] = { ...contracts[k], ...(strategies as Record<number, object>)[k] }
  }
  return out as never
}

/**
 * Known EigenLayer deployments by chain id. Mainnet, Sepolia and Hoodi from the
 * eigenlayer-contracts README at `main` (mainnet on v1.12.0, the testnets on v1.9.0-rc.0). Live
 * networks only: not Holesky (retired; the README dropped it after v1.8.1, pass your own
 * `deployment` for a fork of it), nor the local devnet (31337), which hands over the deployment of
 * the state it loaded (`devnet.deployments.eigenlayer`).
 */
export const eigenlayerDeployments = /* @__PURE__ */ withStrategies(eigenlayerContracts, knownStrategies)

export type EigenLayerChainId = keyof typeof eigenlayerDeployments
