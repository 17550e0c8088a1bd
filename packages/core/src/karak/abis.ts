import { abiOf } from '../kit/abi.js'

/**
 * Karak v2 ABI fragments the SDK uses. Facts about Karak's public interface
 * (karak-network/v2-contracts at 3b3b78f: src/Core.sol, src/Vault.sol, src/interfaces/{Errors,Events}.sol);
 * each fragment is checked against the published ABIs (karak-network/karak-rs `crates/contracts/abi/`)
 * by `abis.test.ts`.
 */

const coreStructs = [
  'struct VaultConfig { address asset; uint8 decimals; address operator; string name; string symbol; bytes extraData; }',
  'struct StakeUpdateRequest { address vault; address dss; bool toStake; }',
  'struct QueuedStakeUpdate { uint48 nonce; uint48 startTimestamp; address operator; StakeUpdateRequest updateRequest; }',
  'struct SlashRequest { address operator; uint96[] slashPercentagesWad; address[] vaults; }',
  'struct QueuedSlashing { address dss; uint96 timestamp; address operator; address[] vaults; uint96[] slashPercentagesWad; uint256 nonce; }',
] as const

/** Karak v2 Core: vault discovery, operator/DSS registration and stake, slashing. */
const coreViews = [
  'function VERSION() view returns (string)',
  'function getOperatorVaults(address operator) view returns (address[] vaults)',
  'function fetchVaultsStakedInDSS(address operator, address dss) view returns (address[] vaults)',
  'function isOperatorRegisteredToDSS(address operator, address dss) view returns (bool)',
  'function isDSSRegistered(address dss) view returns (bool)',
  'function getDssMaxSlashablePercentageWad(address dss) view returns (uint256 slashablePercentageWad)',
  'function getLeverage(address vault) view returns (uint256 leverage)',
  'function isVaultQueuedForSlashing(address vault) view returns (bool)',
  'function isAssetAllowlisted(address asset) view returns (bool)',
  'function implementation(address vault) view returns (address)',
] as const

/** Operator and DSS side. */
const coreWrites = [
  'function deployVaults(VaultConfig[] vaultConfigs, address vaultImpl) returns (address[] vaults)',
  'function registerDSS(uint256 maxSlashablePercentageWad)',
  'function registerOperatorToDSS(address dss, bytes registrationHookData)',
  'function unregisterOperatorFromDSS(address dss)',
  'function requestUpdateVaultStakeInDSS(StakeUpdateRequest vaultStakeUpdateRequest) returns (QueuedStakeUpdate updatedStake)',
  'function finalizeUpdateVaultStakeInDSS(QueuedStakeUpdate queuedStake)',
  'function requestSlashing(SlashRequest slashingRequest) returns (QueuedSlashing queuedSlashing)',
  'function finalizeSlashing(QueuedSlashing queuedSlashing)',
  'function cancelSlashing(QueuedSlashing queuedSlashing)',
] as const

const coreEvents = [
  'event DeployedVault(address operator, address vault, address asset)',
  'event NewVault(address vault, address implementation)',
  'event DSSRegistered(address dss, uint256 maxSlashablePercentageWad)',
  'event RegisteredOperatorToDSS(address operator, address dss)',
  'event UnregisteredOperatorToDSS(address operator, address dss)',
  'event RequestedStakeUpdate(QueuedStakeUpdate updateRequest)',
  'event FinishedStakeUpdate(QueuedStakeUpdate updateRequest)',
  'event RequestedSlashing(address dss, SlashRequest requestSlashing)',
  'event FinalizedSlashing(address finisher, QueuedSlashing queuedSlashing)',
  'event CancelledSlashing(address canceller, QueuedSlashing queuedSlashing)',
  'event SkippedSlashing(address vault)',
] as const

const coreErrors = [
  'error AssetNotAllowlisted()',
  'error DSSAlreadyRegistered()',
  'error DSSNotRegistered()',
  'error DuplicateSlashingVaults()',
  'error EmptyArray()',
  'error InvalidSlashingParams()',
  'error LengthsDontMatch()',
  'error MaxSlashPercentageWadBreached()',
  'error MaxSlashableVaultsPerRequestBreached()',
  'error MaxVaultCapacityReached()',
  'error MinSlashingDelayNotPassed()',
  'error NotSmartContract()',
  'error OperatorNotValidatingForDSS()',
  'error SlashingCooldownNotPassed()',
  'error Unauthorized()',
  'error VaultImplNotAllowlisted()',
  'error VaultNotAChildVault()',
  'error VaultNotStakedToDSS()',
  'error ZeroAddress()',
  'error ZeroSlashPercentageWad()',
] as const

/** Karak v2 Core: vault discovery, operator/DSS registration and stake, slashing. */
export const karakCoreAbi = /* @__PURE__ */ abiOf(coreStructs, coreViews, coreWrites, coreEvents, coreErrors)

/** Karak v2 Core's views only (what the reads bundle). */
export const karakCoreViewsAbi = /* @__PURE__ */ abiOf(coreViews)

const vaultStructs = [
  'struct Config { address asset; uint8 decimals; address operator; string name; string symbol; bytes extraData; }',
  'struct QueuedWithdrawal { address staker; uint96 start; uint256 shares; address beneficiary; }',
] as const

const vaultViews = [
  'function asset() view returns (address)',
  'function name() view returns (string)',
  'function symbol() view returns (string)',
  'function decimals() view returns (uint8)',
  'function owner() view returns (address)',
  'function vaultConfig() pure returns (Config)',
  'function totalAssets() view returns (uint256)',
  'function totalSupply() view returns (uint256 result)',
  'function balanceOf(address owner) view returns (uint256 result)',
  'function allowance(address owner, address spender) view returns (uint256 result)',
  'function convertToAssets(uint256 shares) view returns (uint256 assets)',
  'function convertToShares(uint256 assets) view returns (uint256 shares)',
  'function previewDeposit(uint256 assets) view returns (uint256 shares)',
  'function previewMint(uint256 shares) view returns (uint256 assets)',
  'function previewRedeem(uint256 shares) view returns (uint256 assets)',
  'function maxDeposit(address to) view returns (uint256 maxAssets)',
  'function getNextWithdrawNonce(address staker) view returns (uint256)',
  'function getQueuedWithdrawal(address staker, uint256 _withdrawNonce) view returns (QueuedWithdrawal)',
  'function isWithdrawalPending(address staker, uint256 _withdrawNonce) view returns (bool)',
] as const

const vaultWrites = [
  'function approve(address spender, uint256 amount) returns (bool)',
  'function deposit(uint256 assets, address to) returns (uint256 shares)',
  'function deposit(uint256 assets, address to, uint256 minSharesOut) returns (uint256 shares)',
  'function mint(uint256 shares, address to) returns (uint256 assets)',
  'function startRedeem(uint256 shares, address beneficiary) returns (bytes32 withdrawalKey)',
  'function finishRedeem(bytes32 withdrawalKey)',
  'function withdraw(uint256 assets, address to, address owner) returns (uint256 shares)',
  'function redeem(uint256 shares, address to, address owner) returns (uint256 assets)',
] as const

const vaultEvents = [
  'event Deposit(address indexed by, address indexed owner, uint256 assets, uint256 shares)',
  'event Withdraw(address indexed by, address indexed to, address indexed owner, uint256 assets, uint256 shares)',
  'event Transfer(address indexed from, address indexed to, uint256 amount)',
  'event Approval(address indexed owner, address indexed spender, uint256 amount)',
  'event StartedRedeem(address staker, address operator, uint256 shares, bytes32 withdrawKey, uint256 assets)',
  'event FinishedRedeem(address staker, address beneficiary, address operator, uint256 shares, uint256 assetsClaimed, bytes32 withdrawRoot)',
  'event Slashed(uint256 assets)',
] as const

const vaultErrors = [
  'error DepositMoreThanMax()',
  'error EnforcedPause()',
  'error EnforcedPauseFunction(uint8 functionIndex)',
  'error InsufficientAllowance()',
  'error InsufficientBalance()',
  'error MinWithdrawDelayNotPassed()',
  'error MintMoreThanMax()',
  'error NotEnoughShares()',
  'error NotImplemented()',
  'error RedeemMoreThanMax()',
  'error Reentrancy()',
  'error Unauthorized()',
  'error WithdrawalNotFound()',
  'error ZeroAddress()',
  'error ZeroAmount()',
  'error ZeroShares()',
] as const

/** Karak v2 Vault: an ERC-4626 vault per operator and asset, with a delayed redeem queue. */
export const karakVaultAbi = /* @__PURE__ */ abiOf(
  vaultStructs,
  vaultViews,
  vaultWrites,
  vaultEvents,
  vaultErrors,
)

/** Karak v2 Vault's views only (what the reads bundle). */
export const karakVaultViewsAbi = /* @__PURE__ */ abiOf(vaultStructs, vaultViews)

/**
 * Errors a vault's underlying token may raise through a deposit, so reverts decode: OpenZeppelin 5
 * ERC-20 errors (not in Karak's ABI) and Solady's `TransferFromFailed` (Karak's SafeTransferLib).
 */
const tokenErrors = [
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
  'error TransferFromFailed()',
] as const

export const karakTokenErrorsAbi = /* @__PURE__ */ abiOf(tokenErrors)

/** The vault ABI plus token errors: what the SDK decodes vault reverts against. */
export const karakVaultRevertAbi = /* @__PURE__ */ abiOf(
  vaultStructs,
  vaultViews,
  vaultWrites,
  vaultEvents,
  vaultErrors,
  tokenErrors,
)

/**
 * What a vault write calls, decodes its receipt and its reverts against: the writes, events and
 * errors with the token errors, without the views (a write bundles only this).
 */
export const karakVaultWritesAbi = /* @__PURE__ */ abiOf(vaultWrites, vaultEvents, vaultErrors, tokenErrors)
