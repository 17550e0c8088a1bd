import { parseAbi } from 'viem'
import { abiOf } from '../kit/abi.js'

/**
 * ABI fragments of Symbiotic core 1.0.3 that restakekit uses (facts about the public interfaces
 * in `@symbioticfi/core/src/interfaces`). A test checks each against the ABI compiled from the
 * package's Solidity sources.
 */

const vaultWrites = [
  'function deposit(address onBehalfOf, uint256 amount) returns (uint256 depositedAmount, uint256 mintedShares)',
  'function withdraw(address claimer, uint256 amount) returns (uint256 burnedShares, uint256 mintedShares)',
  'function redeem(address claimer, uint256 shares) returns (uint256 withdrawnAssets, uint256 mintedShares)',
  'function claim(address recipient, uint256 epoch) returns (uint256 amount)',
  'function claimBatch(address recipient, uint256[] epochs) returns (uint256 amount)',
] as const

/** The views a staker's writes check and the positions read. */
const vaultStakerViews = [
  'function collateral() view returns (address)',
  'function depositWhitelist() view returns (bool)',
  'function isDepositorWhitelisted(address account) view returns (bool)',
  'function isDepositLimit() view returns (bool)',
  'function depositLimit() view returns (uint256)',
  'function epochDurationInit() view returns (uint48)',
  'function epochDuration() view returns (uint48)',
  'function currentEpoch() view returns (uint256)',
  'function activeStake() view returns (uint256)',
  'function activeShares() view returns (uint256)',
  'function activeSharesOf(address account) view returns (uint256)',
  'function activeBalanceOf(address account) view returns (uint256)',
  'function slashableBalanceOf(address account) view returns (uint256)',
  'function withdrawalSharesOf(uint256 epoch, address account) view returns (uint256)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
  'function isWithdrawalsClaimed(uint256 epoch, address account) view returns (bool)',
] as const

const vaultOtherViews = [
  'function version() view returns (uint64)',
  'function FACTORY() view returns (address)',
  'function isInitialized() view returns (bool)',
  'function burner() view returns (address)',
  'function delegator() view returns (address)',
  'function slasher() view returns (address)',
  'function epochAt(uint48 timestamp) view returns (uint256)',
  'function currentEpochStart() view returns (uint48)',
  'function previousEpochStart() view returns (uint48)',
  'function nextEpochStart() view returns (uint48)',
  'function totalStake() view returns (uint256)',
  'function withdrawals(uint256 epoch) view returns (uint256)',
  'function withdrawalShares(uint256 epoch) view returns (uint256)',
] as const

const vaultEvents = [
  'event Deposit(address indexed depositor, address indexed onBehalfOf, uint256 amount, uint256 shares)',
  'event Withdraw(address indexed withdrawer, address indexed claimer, uint256 amount, uint256 burnedShares, uint256 mintedShares)',
  'event Claim(address indexed claimer, address indexed recipient, uint256 epoch, uint256 amount)',
  'event ClaimBatch(address indexed claimer, address indexed recipient, uint256[] epochs, uint256 amount)',
  'event OnSlash(uint256 amount, uint48 captureTimestamp, uint256 slashedAmount)',
] as const

const vaultErrors = [
  'error AlreadyClaimed()',
  'error DepositLimitReached()',
  'error InsufficientClaim()',
  'error InsufficientDeposit()',
  'error InsufficientRedemption()',
  'error InsufficientWithdrawal()',
  'error InvalidClaimer()',
  'error InvalidEpoch()',
  'error InvalidLengthEpochs()',
  'error InvalidOnBehalfOf()',
  'error InvalidRecipient()',
  'error NotWhitelistedDepositor()',
  'error TooMuchRedeem()',
  'error TooMuchWithdraw()',
  'error InvalidTimestamp()',
  'error NoPreviousEpoch()',
] as const

/** `Vault` (factory version 1) and `VaultTokenized` (version 2): staker functions, views, events, errors. */
export const symbioticVaultAbi = /* @__PURE__ */ abiOf(
  vaultWrites,
  vaultStakerViews,
  vaultOtherViews,
  vaultEvents,
  vaultErrors,
)

/** The vault's views only. */
export const symbioticVaultViewsAbi = /* @__PURE__ */ abiOf(vaultStakerViews, vaultOtherViews)

/**
 * The views a staker's writes check and the positions (and so the portfolio) read: a cut of
 * {@link symbioticVaultViewsAbi}, so those bundles carry only the fragments they call.
 */
export const symbioticVaultStakerViewsAbi = /* @__PURE__ */ abiOf(vaultStakerViews)

/** The staker's writes, the vault's events and errors: what the writes call and decode. */
export const symbioticVaultWritesAbi = /* @__PURE__ */ abiOf(vaultWrites, vaultEvents, vaultErrors)

/** `VaultTokenized` only: its active shares are an ERC-20. */
export const symbioticVaultTokenizedAbi = /* @__PURE__ */ parseAbi([
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address account) view returns (uint256)',
])

/** Delegators (types 0..3): the common `IBaseDelegator` views and each type's limits. */
export const symbioticDelegatorAbi = /* @__PURE__ */ parseAbi([
  'function TYPE() view returns (uint64)',
  'function VERSION() pure returns (uint64)',
  'function vault() view returns (address)',
  'function hook() view returns (address)',
  'function maxNetworkLimit(bytes32 subnetwork) view returns (uint256)',
  'function stake(bytes32 subnetwork, address operator) view returns (uint256)',
  'function stakeAt(bytes32 subnetwork, address operator, uint48 timestamp, bytes hints) view returns (uint256)',
  // NetworkRestake (0), FullRestake (1), OperatorSpecific (2)
  'function networkLimit(bytes32 subnetwork) view returns (uint256)',
  // NetworkRestake (0)
  'function operatorNetworkShares(bytes32 subnetwork, address operator) view returns (uint256)',
  'function totalOperatorNetworkShares(bytes32 subnetwork) view returns (uint256)',
  // FullRestake (1)
  'function operatorNetworkLimit(bytes32 subnetwork, address operator) view returns (uint256)',
  // OperatorSpecific (2), OperatorNetworkSpecific (3)
  'function operator() view returns (address)',
  // OperatorNetworkSpecific (3)
  'function network() view returns (address)',
])

/** Slashers: type 0 `Slasher` (instant) and type 1 `VetoSlasher`. */
export const symbioticSlasherAbi = /* @__PURE__ */ parseAbi([
  'function TYPE() view returns (uint64)',
  'function vault() view returns (address)',
  'function cumulativeSlash(bytes32 subnetwork, address operator) view returns (uint256)',
  'function slashableStake(bytes32 subnetwork, address operator, uint48 captureTimestamp, bytes hints) view returns (uint256)',
  'function slash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes hints) returns (uint256 slashedAmount)',
  'event Slash(bytes32 indexed subnetwork, address indexed operator, uint256 slashedAmount, uint48 captureTimestamp)',
  // VetoSlasher (1)
  'function vetoDuration() view returns (uint48)',
])

/** `VaultFactory` (a MigratablesFactory), `DelegatorFactory`, `SlasherFactory` and the registries. */
export const symbioticRegistryAbi = /* @__PURE__ */ parseAbi([
  'function isEntity(address account) view returns (bool)',
  'function totalEntities() view returns (uint256)',
  'function entity(uint256 index) view returns (address)',
  'event AddEntity(address indexed entity)',
])

export const symbioticVaultFactoryAbi = /* @__PURE__ */ parseAbi([
  'function lastVersion() view returns (uint64)',
  'function implementation(uint64 version) view returns (address)',
])

export const symbioticOptInServiceAbi = /* @__PURE__ */ parseAbi([
  'function isOptedIn(address who, address where) view returns (bool)',
])

export const symbioticNetworkMiddlewareServiceAbi = /* @__PURE__ */ parseAbi([
  'function middleware(address network) view returns (address)',
])

/**
 * Errors a vault deposit, withdrawal or claim can bubble up from an OpenZeppelin 5 collateral token
 * and `SafeERC20` (decoded so that a failure names its cause).
 */
export const collateralErrorsAbi = /* @__PURE__ */ parseAbi([
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error SafeERC20FailedOperation(address token)',
])
