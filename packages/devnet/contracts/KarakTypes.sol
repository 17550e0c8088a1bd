// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

// restakekit TEST DOUBLE of Karak v2 — shared types, errors and events.
//
// Not Karak's code. These declarations reproduce the public interface of Karak v2
// (karak-network/v2-contracts at commit 3b3b78f10bcb7879042fda6d9aa9f7ca238d2387:
// src/interfaces/{Errors,Events,Constants}.sol, src/entities/{Operator,SlasherLib,VaultLib,Withdraw}.sol)
// so that selectors, event topics and ABI encodings are the same as on chain. The doubles that use
// them are KarakCore.sol and KarakVault.sol.

/// Vault configuration passed to `deployVaults` (Karak: `VaultLib.Config`).
struct KarakVaultConfig {
    address asset;
    uint8 decimals;
    address operator;
    string name;
    string symbol;
    bytes extraData;
}

/// A staker's queued redemption (Karak: `WithdrawLib.QueuedWithdrawal`).
struct KarakQueuedWithdrawal {
    address staker;
    uint96 start;
    uint256 shares;
    address beneficiary;
}

/// Karak: `Operator.StakeUpdateRequest`.
struct KarakStakeUpdateRequest {
    address vault;
    address dss;
    bool toStake;
}

/// Karak: `Operator.QueuedStakeUpdate`.
struct KarakQueuedStakeUpdate {
    uint48 nonce;
    uint48 startTimestamp;
    address operator;
    KarakStakeUpdateRequest updateRequest;
}

/// Karak: `SlasherLib.SlashRequest`. Percentages are in "percent wad": 100e18 = 100 %.
struct KarakSlashRequest {
    address operator;
    uint96[] slashPercentagesWad;
    address[] vaults;
}

/// Karak: `SlasherLib.QueuedSlashing`.
struct KarakQueuedSlashing {
    address dss;
    uint96 timestamp;
    address operator;
    address[] vaults;
    uint96[] slashPercentagesWad;
    uint256 nonce;
}

// ---------------------------------------------------------------- errors (same names and arguments as Karak's)

// vault
error VaultNotAChildVault();
error NotEnoughShares();
error NotImplemented();
error RedeemMoreThanMax();
error DepositMoreThanMax();
error MintMoreThanMax();
error WithdrawalNotFound();
error MinWithdrawDelayNotPassed();
// Solady ERC20 errors the real vault's share token raises
error InsufficientBalance();
error InsufficientAllowance();
// operator
error OperatorAlreadyRegisteredToDSS();
error OperatorStakeUpdateDelayNotPassed();
error InvalidQueuedStakeUpdateInput();
error OperatorNotValidatingForDSS();
error PendingStakeUpdateRequest();
error MaxVaultCapacityReached();
error AllVaultsNotUnstakedFromDSS();
error MaxDSSCapacityReached();
error VaultAlreadyStakedInDSS();
error VaultNotStakedInDSS();
// core
error VaultImplNotAllowlisted();
error VaultNotStakedToDSS();
error AssetNotAllowlisted();
error VaultCreationFailedAddrMismatch(address expected, address actual);
// slashing
error InvalidSlashingParams();
error MinSlashingDelayNotPassed();
error MaxSlashableVaultsPerRequestBreached();
error SlashingCooldownNotPassed();
error ZeroSlashPercentageWad();
error MaxSlashPercentageWadBreached();
error DuplicateSlashingVaults();
error InvalidSlashingCount();
// dss
error DSSNotRegistered();
error DSSAlreadyRegistered();
// generic
error ZeroAddress();
error ZeroAmount();
error ZeroShares();
error ReservedAddress();
error LengthsDontMatch();
error EmptyArray();
error NotSmartContract();
error Unauthorized();

// ---------------------------------------------------------------- events (same signatures as Karak's)

event StartedRedeem(address staker, address operator, uint256 shares, bytes32 withdrawKey, uint256 assets);
event FinishedRedeem(
    address staker, address beneficiary, address operator, uint256 shares, uint256 assetsClaimed, bytes32 withdrawRoot
);
event Slashed(uint256 assets);
event NewVault(address vault, address implementation);
event DeployedVault(address operator, address vault, address asset);
event AllowlistedAssets(address[] assets, address[] slashingHandlers);
event AllowlistedVaultImpl(address vaultImpl);
event RegisteredOperatorToDSS(address operator, address dss);
event UnregisteredOperatorToDSS(address operator, address dss);
event RequestedSlashing(address dss, KarakSlashRequest requestSlashing);
event CancelledSlashing(address canceller, KarakQueuedSlashing queuedSlashing);
event SkippedSlashing(address vault);
event FinalizedSlashing(address finisher, KarakQueuedSlashing queuedSlashing);
event RequestedStakeUpdate(KarakQueuedStakeUpdate updateRequest);
event FinishedStakeUpdate(KarakQueuedStakeUpdate updateRequest);
event DSSRegistered(address dss, uint256 maxSlashablePercentageWad);
event InitializeCore(
    address owner,
    address vaultImpl,
    address manager,
    address vetoCommittee,
    uint32 hookCallGasLimit,
    uint32 supportsInterfaceGasLimit,
    uint32 hookGasBuffer
);

/// Karak's constants (src/interfaces/Constants.sol at 3b3b78f). Karak compiles them in; the doubles
/// also expose them as public views so tests can read them.
library KarakConstants {
    uint256 internal constant SLASHING_WINDOW = 7 days;
    uint256 internal constant SLASHING_VETO_WINDOW = 2 days;
    uint256 internal constant MIN_STAKE_UPDATE_DELAY = SLASHING_WINDOW + SLASHING_VETO_WINDOW;
    uint256 internal constant MIN_WITHDRAWAL_DELAY = SLASHING_WINDOW + SLASHING_VETO_WINDOW;
    uint256 internal constant SLASHING_COOLDOWN = 2 days;
    uint256 internal constant HUNDRED_PERCENT_WAD = 100e18;
    uint256 internal constant MAX_SLASHING_PERCENT_WAD = HUNDRED_PERCENT_WAD;
    uint256 internal constant MAX_VAULTS_PER_OPERATOR = 32;
    uint256 internal constant MAX_SLASHABLE_VAULTS_PER_REQUEST = MAX_VAULTS_PER_OPERATOR;
    uint256 internal constant MAX_DSS_PER_OPERATOR = 32;
    uint256 internal constant MANAGER_ROLE = 1 << 0;
    uint256 internal constant VETO_COMMITTEE_ROLE = 1 << 1;
    address internal constant DEFAULT_VAULT_IMPLEMENTATION_FLAG = address(1);
}
