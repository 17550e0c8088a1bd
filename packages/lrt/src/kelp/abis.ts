import { parseAbi } from 'viem'

// Fragments of Kelp's rsETH contracts the adapter uses, with Kelp v5.1.0's exact signatures
// (checked against the reference ABIs by `abis.test.ts`, selector by selector).

/** LRTDepositPool: deposits, previews, limits and the node delegator queue. */
export const kelpDepositPoolAbi = /* @__PURE__ */ parseAbi([
  'function depositETH(uint256 minRSETHAmountExpected, string referralId) payable',
  'function depositAsset(address asset, uint256 depositAmount, uint256 minRSETHAmountExpected, string referralId)',
  'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
  'function getAssetCurrentLimit(address asset) view returns (uint256)',
  'function getTotalAssetDeposits(address asset) view returns (uint256)',
  'function minAmountToDeposit() view returns (uint256)',
  'function getNodeDelegatorQueue() view returns (address[])',
  'event ETHDeposit(address indexed depositor, uint256 depositAmount, uint256 rsethMintAmount, string referralId)',
  'event AssetDeposit(address indexed depositor, address indexed asset, uint256 depositAmount, uint256 rsethMintAmount, string referralId)',
])

/** LRTDepositPool's custom errors (for decoding reverts). */
export const kelpDepositPoolErrorsAbi = /* @__PURE__ */ parseAbi([
  'error AssetNotSupported()',
  'error InvalidAmountToDeposit()',
  'error MaximumDepositLimitReached()',
  'error MinimumAmountToReceiveNotMet()',
  'error NotEnoughAssetToTransfer()',
])

/** LRTOracle: the stored rsETH price and the asset prices, 1e18-scaled in ETH. */
export const kelpOracleAbi = /* @__PURE__ */ parseAbi([
  'function rsETHPrice() view returns (uint256)',
  'function getAssetPrice(address asset) view returns (uint256)',
])

/** LRTConfig: supported assets, deposit limits, EigenLayer strategies. */
export const kelpConfigAbi = /* @__PURE__ */ parseAbi([
  'function getSupportedAssetList() view returns (address[])',
  'function isSupportedAsset(address token) view returns (bool)',
  'function depositLimitByAsset(address token) view returns (uint256)',
  'function assetStrategy(address token) view returns (address)',
  'function rsETH() view returns (address)',
])

/** RSETH: the ERC-20 reads the adapter uses. */
export const kelpRsETHAbi = /* @__PURE__ */ parseAbi([
  'function symbol() view returns (string)',
  'function balanceOf(address account) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** The EigenLayer reads behind `getBacking`: the shared backing read's (one definition, in ../backing.ts). */
export { eigenlayerBackingAbi } from '../backing.js'

/** Multicall3's native balance read (so an ETH balance joins a read plan). */
export const multicallEthBalanceAbi = /* @__PURE__ */ parseAbi([
  'function getEthBalance(address addr) view returns (uint256 balance)',
])

/**
 * LRTWithdrawalManager, v5.1.0 form (mainnet since 2025-02): requests and completions carry a
 * `referralId`; the reads are the same in both forms.
 */
export const kelpWithdrawalManagerAbi = /* @__PURE__ */ parseAbi([
  'function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string referralId)',
  'function completeWithdrawal(address asset, string referralId)',
  'function getExpectedAssetAmount(address asset, uint256 amount) view returns (uint256 underlyingToReceive)',
  'function getAvailableAssetAmount(address asset) view returns (uint256 availableAssetAmount)',
  'function getUserWithdrawalRequest(address asset, address user, uint256 userIndex) view returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)',
  'function userAssociatedNonces(address asset, address user) view returns (uint128 _begin, uint128 _end)',
  'function nextLockedNonce(address asset) view returns (uint256 requestNonce)',
  'function nextUnusedNonce(address asset) view returns (uint256 nonce)',
  'function withdrawalDelayBlocks() view returns (uint256)',
  'function minRsEthAmountToWithdraw(address asset) view returns (uint256)',
  'function getRequestId(address asset, uint256 requestIndex) pure returns (bytes32)',
  'event AssetWithdrawalQueued(address indexed withdrawer, address indexed asset, uint256 rsETHUnstaked, uint256 indexed userNonce)',
  'event AssetWithdrawalFinalized(address indexed withdrawer, address indexed asset, uint256 amountBurned, uint256 amountReceived)',
  'event AssetUnlocked(address indexed asset, uint256 rsEthAmount, uint256 assetAmount, uint256 rsEThPrice, uint256 assetPrice)',
  'event ReferralIdEmitted(string referralId)',
])

/** LRTWithdrawalManager, 2024-07 form: the same two writes without `referralId` (and no `ReferralIdEmitted`). */
export const kelpWithdrawalManagerV2024Abi = /* @__PURE__ */ parseAbi([
  'function initiateWithdrawal(address asset, uint256 rsETHUnstaked)',
  'function completeWithdrawal(address asset)',
])

/** LRTWithdrawalManager's custom errors the staker's calls can meet (the same in both forms). */
export const kelpWithdrawalManagerErrorsAbi = /* @__PURE__ */ parseAbi([
  'error AssetNotSupported()',
  'error ExceedAmountToWithdraw()',
  'error InvalidAmountToWithdraw()',
  'error NoPendingWithdrawals()',
  'error WithdrawalDelayNotPassed()',
  'error WithdrawalLocked()',
  'error TokenTransferFailed()',
  'error EthTransferFailed()',
])

/** Multicall3's block number read (so readiness is judged in the same read stage). */
export const multicallBlockNumberAbi = /* @__PURE__ */ parseAbi([
  'function getBlockNumber() view returns (uint256 blockNumber)',
])
