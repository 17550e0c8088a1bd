import type { Address } from 'viem'

/** ether.fi's marker for native ETH (the deposit asset, and the redemption output token). */
export const ETHERFI_ETH = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/** Where ether.fi eETH / weETH live on a chain. Pass your own for a fork or the devnet (`devnet.deployments.etherfi`). */
export type EtherFiDeployment = {
  chainId?: number
  liquidityPool: Address
  eETH: Address
  weETH: Address
  withdrawRequestNFT: Address
  /** The instant exit (EtherFiRedemptionManager); its form is probed (2025-03 or HEAD/2026-03). */
  redemptionManager?: Address
  /** The first block the NFT can have requests in (where `getWithdrawalRequests` starts its log scan); default 0. */
  fromBlock?: bigint
  /** EigenLayer's DelegationManager, where `getBacking` reads the stakers' shares. */
  delegationManager?: Address
  /** The EigenLayer stakers behind eETH that `getBacking` pages over (ether.fi's nodes), and their strategies. */
  backing?: { stakers: readonly Address[]; strategies: readonly Address[] }
  /** True when an address is not confirmed by ether.fi's own repository; writes then need `allowUnverified`. */
  unconfirmed?: boolean
}

/**
 * Known ether.fi deployments. Mainnet: `etherfi-protocol/smart-contracts` `script/deploys/Deployed.s.sol`
 * at HEAD b4a0968 (confirmed by the repository; not checked on chain from here). The DelegationManager
 * is EigenLayer's mainnet proxy. The NFT's first block is not recorded there: pass `fromBlock` to scan less.
 */
export const etherfiDeployments = {
  1: {
    chainId: 1,
    liquidityPool: '0x308861A430be4cce5502d0A12724771Fc6DaF216',
    eETH: '0x35fA164735182de50811E8e2E824cFb9B6118ac2',
    weETH: '0xCd5fE23C85820F7B72D0926FC9b05b43E359b7ee',
    withdrawRequestNFT: '0x7d5706f6ef3F89B3951E23e557CDFBC3239D4E2c',
    redemptionManager: '0xDadEf1fFBFeaAB4f68A9fD181395F68b4e4E7Ae0',
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
  },
} as const satisfies Record<number, EtherFiDeployment>
