import { parseAbi } from 'viem'

// Fragments of Renzo's ezETH contracts the adapter uses, with Renzo's exact signatures (HEAD
// fc8c8e0 = v2.1; the claim also in its v1.7 form), checked against the reference ABIs by
// `abis.test.ts`, selector by selector.

/** RestakeManager: deposits (with and without a referral id), TVLs, collateral and operator delegators. */
export const renzoRestakeManagerAbi = /* @__PURE__ */ parseAbi([
  'function depositETH() payable',
  'function depositETH(uint256 _referralId) payable',
  'function deposit(address _collateralToken, uint256 _amount)',
  'function deposit(address _collateralToken, uint256 _amount, uint256 _referralId)',
  'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
  'function getCollateralTokensLength() view returns (uint256)',
  'function collateralTokens(uint256) view returns (address)',
  'function getCollateralTokenIndex(address _collateralToken) view returns (uint256)',
  'function collateralTokenTvlLimits(address) view returns (uint256)',
  'function getOperatorDelegatorsLength() view returns (uint256)',
  'function operatorDelegators(uint256) view returns (address)',
  'function paused() view returns (bool)',
  'function renzoOracle() view returns (address)',
  'event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId)',
])

/** RestakeManager's custom errors (for decoding reverts). */
export const renzoRestakeManagerErrorsAbi = /* @__PURE__ */ parseAbi([
  'error ContractPaused()',
  'error InvalidZeroInput()',
  'error MaxTokenTVLReached()',
  'error NotFound()',
])

/** RenzoOracle: token values in ETH and the mint formula. */
export const renzoOracleAbi = /* @__PURE__ */ parseAbi([
  'function lookupTokenValue(address _token, uint256 _balance) view returns (uint256)',
  'function calculateMintAmount(uint256 _currentValueInProtocol, uint256 _newValueAdded, uint256 _existingEzETHSupply) pure returns (uint256)',
])

/** EzEthToken: the ERC-20 reads the adapter uses. */
export const renzoEzETHAbi = /* @__PURE__ */ parseAbi([
  'function symbol() view returns (string)',
  'function balanceOf(address account) view returns (uint256)',
  'function allowance(address owner, address spender) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** WithdrawQueue (HEAD form): requests, the user's array, cooldown, buffer queue and the claim. */
export const renzoWithdrawQueueAbi = /* @__PURE__ */ parseAbi([
  'function withdraw(uint256 _amount, address _assetOut)',
  'function claim(uint256 withdrawRequestIndex, address user)',
  'function getOutstandingWithdrawRequests(address user) view returns (uint256)',
  'function withdrawRequests(address, uint256) view returns (address collateralToken, uint256 withdrawRequestID, uint256 amountToRedeem, uint256 ezETHLocked, uint256 createdAt)',
  'function coolDownPeriod() view returns (uint256)',
  'function withdrawalBufferTarget(address) view returns (uint256)',
  'function getAvailableToWithdraw(address _asset) view returns (uint256)',
  'function calculateAmountToRedeem(uint256 _amount, address _assetOut) view returns (uint256[][], uint256)',
  'function withdrawQueued(bytes32) view returns (bool queued, uint256 fillAt)',
  'function ethWithdrawQueue() view returns (uint256 queuedWithdrawToFill, uint256 queuedWithdrawFilled)',
  'function erc20WithdrawQueue(address) view returns (uint256 queuedWithdrawToFill, uint256 queuedWithdrawFilled)',
  'function riskOracleMiddleware() view returns (address)',
  'function paused() view returns (bool)',
  'event WithdrawRequestCreated(uint256 indexed withdrawRequestID, address user, address claimToken, uint256 amountToRedeem, uint256 ezETHAmountLocked, uint256 withdrawRequestIndex, bool queued, uint256 queueFilled)',
  'event WithdrawRequestClaimed((address collateralToken, uint256 withdrawRequestID, uint256 amountToRedeem, uint256 ezETHLocked, uint256 createdAt) withdrawRequest)',
])

/** WithdrawQueue's custom errors (HEAD form). */
export const renzoWithdrawQueueErrorsAbi = /* @__PURE__ */ parseAbi([
  'error ClaimPaused()',
  'error EarlyClaim()',
  'error InvalidWithdrawIndex()',
  'error InvalidZeroInput()',
  'error NotEnoughCollateralValue()',
  'error QueuedWithdrawalNotFilled()',
  'error UnsupportedWithdrawAsset()',
  'error WithdrawRequestPaused()',
])

/** WithdrawQueue v1.7 (tag `v1.7-withdrawals`): the claim without the user, and the 6-field event. */
export const renzoWithdrawQueueV17Abi = /* @__PURE__ */ parseAbi([
  'function claim(uint256 withdrawRequestIndex)',
  'event WithdrawRequestCreated(uint256 indexed withdrawRequestID, address user, address claimToken, uint256 amountToRedeem, uint256 ezETHAmountLocked, uint256 withdrawRequestIndex)',
  'error EarlyClaim()',
  'error InvalidWithdrawIndex()',
])

/** Renzo's risk-oracle middleware (v1.9+): a second cooldown the claim also waits for (no reference ABI). */
export const renzoRiskOracleMiddlewareAbi = /* @__PURE__ */ parseAbi([
  'function withdrawCooldownPeriod() view returns (uint256)',
])

/** Renzo's OperatorDelegator (no reference ABI in the project): the strategy it restakes a token in. */
export const renzoOperatorDelegatorAbi = /* @__PURE__ */ parseAbi([
  'function tokenStrategyMapping(address) view returns (address)',
])

/** The EigenLayer reads behind `getBacking`: the shared backing read's (one definition, in ../backing.ts). */
export { eigenlayerBackingAbi } from '../backing.js'

/** Multicall3's reads: the native balance and the chain time (so they join a read stage). */
export const multicallReadsAbi = /* @__PURE__ */ parseAbi([
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])
