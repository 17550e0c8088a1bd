import { parseAbi } from 'viem'

export { joinAbis } from '@restakekit/core'

// Fragments of ether.fi's eETH / weETH contracts the adapter uses, with ether.fi's exact signatures
// (checked against the reference ABIs by `abis.test.ts`, selector by selector, for each version form).

/** LiquidityPool: ETH deposits, the share ↔ amount conversions, withdrawal requests. Stable in 2026-03 and HEAD. */
export const etherfiLiquidityPoolAbi = /* @__PURE__ */ parseAbi([
  'function deposit() payable returns (uint256)',
  'function deposit(address _referral) payable returns (uint256)',
  'function requestWithdraw(address recipient, uint256 amount) returns (uint256)',
  'function amountForShare(uint256 _share) view returns (uint256)',
  'function sharesForAmount(uint256 _amount) view returns (uint256)',
  'function getTotalPooledEther() view returns (uint256)',
  'function paused() view returns (bool)',
  'event Deposit(address indexed sender, uint256 amount, uint8 source, address referral)',
  'event Withdraw(address indexed sender, address recipient, uint256 amount, uint8 source)',
])

/** LiquidityPool, HEAD only: the withdrawal bounds (a 2026-03 pool has no such reads: no bound then). */
export const etherfiLiquidityPoolBoundsAbi = /* @__PURE__ */ parseAbi([
  'function minWithdrawAmount() view returns (uint256)',
  'function maxWithdrawAmount() view returns (uint256)',
])

/** LiquidityPool's custom errors (for decoding reverts). */
export const etherfiLiquidityPoolErrorsAbi = /* @__PURE__ */ parseAbi([
  'error InvalidAmount()',
  'error IncorrectCaller()',
  'error InsufficientLiquidity()',
])

/** EETH: the rebasing token (balances in ETH, held as pool shares). */
export const etherfiEETHAbi = /* @__PURE__ */ parseAbi([
  'function symbol() pure returns (string)',
  'function balanceOf(address _user) view returns (uint256)',
  'function shares(address) view returns (uint256)',
  'function totalShares() view returns (uint256)',
  'function allowance(address _owner, address _spender) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
  'event TransferShares(address indexed from, address indexed to, uint256 sharesValue)',
  'error TransferAmountExceedsAllowance()',
  'error TransferAmountExceedsBalance()',
])

/** WeETH: the non-rebasing wrapper and its rate. */
export const etherfiWeETHAbi = /* @__PURE__ */ parseAbi([
  'function symbol() view returns (string)',
  'function balanceOf(address account) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function wrap(uint256 _eETHAmount) returns (uint256)',
  'function unwrap(uint256 _weETHAmount) returns (uint256)',
  'function getRate() view returns (uint256)',
  'function getWeETHByeETH(uint256 _eETHAmount) view returns (uint256)',
  'function getEETHByWeETH(uint256 _weETHAmount) view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** WithdrawRequestNFT: the staker's reads and claims (the same in 2026-03 and HEAD). */
export const etherfiWithdrawRequestNFTAbi = /* @__PURE__ */ parseAbi([
  'struct WithdrawRequest { uint96 amountOfEEth; uint96 shareOfEEth; bool isValid; uint32 feeGwei; }',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function isFinalized(uint256 requestId) view returns (bool)',
  'function getRequest(uint256 requestId) view returns (WithdrawRequest)',
  'function getClaimableAmount(uint256 tokenId) view returns (uint256)',
  'function paused() view returns (bool)',
  'function claimWithdraw(uint256 tokenId)',
  'function batchClaimWithdraw(uint256[] tokenIds)',
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
])

/** WithdrawRequestNFT's custom errors, HEAD form (the 2026-03 NFT reverts with strings). */
export const etherfiWithdrawRequestNFTErrorsAbi = /* @__PURE__ */ parseAbi([
  'error IncorrectCaller()',
  'error RequestNotFinalized()',
  'error RequestNotValid()',
])

/** WithdrawRequestNFT's events in the HEAD form (four fields). */
export const etherfiWithdrawRequestEventsAbi = /* @__PURE__ */ parseAbi([
  'event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner)',
  'event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner)',
])

/** WithdrawRequestNFT's events in the 2026-03 form (a fifth field, `fee`: other topics). */
export const etherfiWithdrawRequestEventsV2026Abi = /* @__PURE__ */ parseAbi([
  'event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner, uint256 fee)',
  'event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 burntShareOfEEth, address owner, uint256 fee)',
])

/** EtherFiRedemptionManager, HEAD / 2026-03 form (`outputToken`, fees per token). */
export const etherfiRedemptionManagerAbi = /* @__PURE__ */ parseAbi([
  'struct BucketLimit { uint64 capacity; uint64 remaining; uint64 lastRefill; uint64 refillRate; }',
  'function redeemEEth(uint256 eEthAmount, address receiver, address outputToken)',
  'function redeemWeEth(uint256 weEthAmount, address receiver, address outputToken)',
  'function previewRedeem(uint256 shares, address token) view returns (uint256)',
  'function canRedeem(uint256 amount, address token) view returns (bool)',
  'function totalRedeemableAmount(address token) view returns (uint256)',
  'function tokenToRedemptionInfo(address) view returns (BucketLimit limit, uint16 exitFeeSplitToTreasuryInBps, uint16 exitFeeInBps, uint16 lowWatermarkInBpsOfTvl)',
  'event Redeemed(address indexed receiver, uint256 redemptionAmount, uint256 feeAmountToTreasury, uint256 feeAmountToStakers, address token)',
  'error InvalidAmount()',
  'error InvalidOutputToken()',
])

/** EtherFiRedemptionManager's HEAD-only custom errors (2026-03 reverts with a string there). */
export const etherfiRedemptionManagerErrorsAbi = /* @__PURE__ */ parseAbi(['error ExceededRedeemable()'])

/** EtherFiRedemptionManager, 2025-03 form (no `outputToken`, fee fields at the top level). */
export const etherfiRedemptionManagerV2025Abi = /* @__PURE__ */ parseAbi([
  'function redeemEEth(uint256 eEthAmount, address receiver)',
  'function redeemWeEth(uint256 weEthAmount, address receiver)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function canRedeem(uint256 amount) view returns (bool)',
  'function totalRedeemableAmount() view returns (uint256)',
  'function exitFeeInBps() view returns (uint16)',
  'event Redeemed(address indexed receiver, uint256 redemptionAmount, uint256 feeAmountToTreasury, uint256 feeAmountToStakers)',
])

/** The EigenLayer reads behind `getBacking`: the shared backing read's (one definition, in ../backing.ts). */
export { eigenlayerBackingAbi as etherfiEigenLayerAbi } from '../backing.js'

/** Multicall3's native balance read (so an ETH balance joins a read plan). */
export const etherfiMulticallAbi = /* @__PURE__ */ parseAbi([
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getBlockNumber() view returns (uint256 blockNumber)',
])
