import { parseAbi } from 'viem'

// Fragments of Puffer's pufETH contracts the adapter uses, with the exact signatures of
// PufferVaultV5 (HEAD and v1.5.0) and PufferWithdrawalManager (checked against the reference ABIs by
// `abis.test.ts`, selector by selector).

/** PufferVaultV5 (the pufETH token is the vault): ERC-4626 over WETH, native-ETH deposits, the 1-step exit. */
export const pufferVaultAbi = /* @__PURE__ */ parseAbi([
  'function symbol() view returns (string)',
  'function balanceOf(address account) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'function asset() view returns (address)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function previewDeposit(uint256 assets) view returns (uint256)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function maxDeposit(address) view returns (uint256)',
  'function maxRedeem(address owner) view returns (uint256)',
  'function depositETH(address receiver) payable returns (uint256)',
  'function deposit(uint256 assets, address receiver) returns (uint256)',
  'function redeem(uint256 shares, address receiver, address owner) returns (uint256)',
  'function getExitFeeBasisPoints() view returns (uint256)',
  'event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares)',
  'event Withdraw(address indexed sender, address indexed receiver, address indexed owner, uint256 assets, uint256 shares)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** The treasury exit fee of v1.6.0+ (absent from v1.5.0 vaults: `getTotalExitFeeBasisPoints` reverts there). */
export const pufferVaultTreasuryAbi = /* @__PURE__ */ parseAbi([
  'function getTotalExitFeeBasisPoints() view returns (uint256)',
  'function getTreasuryExitFeeBasisPoints() view returns (uint96)',
])

/** The vault's custom errors (for decoding reverts). */
export const pufferVaultErrorsAbi = /* @__PURE__ */ parseAbi([
  'error DepositAndWithdrawalForbidden()',
  'error ERC4626ExceededMaxRedeem(address owner, uint256 shares, uint256 max)',
  'error ERC4626ExceededMaxDeposit(address receiver, uint256 assets, uint256 max)',
  'error WithdrawalsAreDisabled()',
])

/** PufferWithdrawalManager: the 2-step exit (requests in batches, finalized by Puffer, completed by anyone). */
export const pufferWithdrawalManagerAbi = /* @__PURE__ */ parseAbi([
  'function requestWithdrawal(uint128 pufETHAmount, address recipient)',
  'function completeQueuedWithdrawal(uint256 withdrawalIdx)',
  'function getWithdrawal(uint256 withdrawalIdx) view returns ((uint128 pufETHAmount, uint128 pufETHToETHExchangeRate, address recipient))',
  'function getBatch(uint256 batchIdx) view returns ((uint64 pufETHToETHExchangeRate, uint88 toBurn, uint96 toTransfer, uint128 withdrawalsClaimed, uint128 amountClaimed))',
  'function getFinalizedWithdrawalBatch() view returns (uint256)',
  'function getWithdrawalsLength() view returns (uint256)',
  'function getMaxWithdrawalAmount() view returns (uint256)',
  'function BATCH_SIZE() view returns (uint256)',
  'function MIN_WITHDRAWAL_AMOUNT() view returns (uint256)',
  'event WithdrawalRequested(uint256 indexed withdrawalIdx, uint256 indexed batchIdx, uint256 pufETHAmount, address indexed recipient)',
  'event BatchFinalized(uint256 indexed batchIdx, uint256 expectedETHAmount, uint256 actualEthAmount, uint256 pufETHBurnAmount)',
  'event WithdrawalCompleted(uint256 indexed withdrawalIdx, uint256 ethPayoutAmount, uint256 payoutExchangeRate, address indexed recipient)',
])

/** PufferWithdrawalManager's custom errors (for decoding reverts). */
export const pufferWithdrawalManagerErrorsAbi = /* @__PURE__ */ parseAbi([
  'error MultipleWithdrawalsAreForbidden()',
  'error WithdrawalAmountTooLow()',
  'error WithdrawalAmountTooHigh()',
  'error WithdrawalToZeroAddress()',
  'error NotFinalized()',
  'error WithdrawalAlreadyCompleted()',
])
