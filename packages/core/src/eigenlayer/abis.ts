import { parseAbi } from 'viem'
import { abiOf } from '../kit/abi.js'

// Only the fragments the SDK calls or decodes. Each is checked in `abis.test.ts` against the
// reference ABIs of the v1.2 release (the devnet's default state), the v1.3/1.4 release (the
// devnet's v1.3.0 state) and v1.12.0 (mainnet); fragments missing from one of them are listed there.
// Fragments marked "v1.5+, not chain-tested" exist only in releases no devnet state runs: they are
// checked against the v1.12.0 ABIs and probed for, never exercised on a chain here.

const withdrawalStruct =
  'struct Withdrawal { address staker; address delegatedTo; address withdrawer; uint256 nonce; uint32 startBlock; address[] strategies; uint256[] scaledShares; }'
const operatorSetStruct = 'struct OperatorSet { address avs; uint32 id; }'
const allocationStruct =
  'struct Allocation { uint64 currentMagnitude; int128 pendingDiff; uint32 effectBlock; }'

const queuedWithdrawalParamsStruct =
  'struct QueuedWithdrawalParams { address[] strategies; uint256[] depositShares; address __deprecated_withdrawer; }'
const signatureWithExpiryStruct = 'struct SignatureWithExpiry { bytes signature; uint256 expiry; }'

// Fragments are grouped (functions of one action, events, errors) so that an action's bundle
// carries only the groups it uses: the per-contract ABIs below are built from the same strings,
// and `parseAbi` calls nobody uses are dropped by the bundler (`@__PURE__`).

/** DelegationManager functions of delegation (`delegateTo`, `undelegate`, `redelegate`, the approver salt check). */
const dmDelegationFunctions = [
  'function delegateTo(address operator, SignatureWithExpiry approverSignatureAndExpiry, bytes32 approverSalt)',
  'function undelegate(address staker) returns (bytes32[] withdrawalRoots)',
  'function redelegate(address newOperator, SignatureWithExpiry newOperatorApproverSig, bytes32 approverSalt) returns (bytes32[] withdrawalRoots)',
  'function delegationApproverSaltIsSpent(address delegationApprover, bytes32 salt) view returns (bool)',
] as const

/** DelegationManager functions of withdrawals (queue, complete, and their checks). */
const dmWithdrawalFunctions = [
  'function queueWithdrawals(QueuedWithdrawalParams[] params) returns (bytes32[])',
  'function completeQueuedWithdrawal(Withdrawal withdrawal, address[] tokens, bool receiveAsTokens)',
  'function completeQueuedWithdrawals(Withdrawal[] withdrawals, address[][] tokens, bool[] receiveAsTokens)',
  'function convertToDepositShares(address staker, address[] strategies, uint256[] withdrawableShares) view returns (uint256[])',
] as const

// The DelegationManager views, in the groups the reads use: a read's ABI carries no write, event or error.

/** Who a staker is delegated to, and the operator's registration and approver. */
const dmDelegationViews = [
  'function delegatedTo(address staker) view returns (address)',
  'function isOperator(address operator) view returns (bool)',
  'function delegationApprover(address operator) view returns (address)',
] as const

/** A staker's deposit and withdrawable shares, an operator's delegated shares. */
const dmShareViews = [
  'function getDepositedShares(address staker) view returns (address[], uint256[])',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function getOperatorShares(address operator, address[] strategies) view returns (uint256[])',
] as const

/** The withdrawal queue: a staker's queued withdrawals and the delay. */
const dmQueueViews = [
  'function minWithdrawalDelayBlocks() view returns (uint32)',
  'function getQueuedWithdrawals(address staker) view returns (Withdrawal[] withdrawals, uint256[][] shares)',
] as const

const dmEvents = [
  'event StakerDelegated(address indexed staker, address indexed operator)',
  'event StakerUndelegated(address indexed staker, address indexed operator)',
  'event StakerForceUndelegated(address indexed staker, address indexed operator)',
  'event SlashingWithdrawalQueued(bytes32 withdrawalRoot, Withdrawal withdrawal, uint256[] sharesToWithdraw)',
  'event SlashingWithdrawalCompleted(bytes32 withdrawalRoot)',
  'event OperatorSharesIncreased(address indexed operator, address staker, address strategy, uint256 shares)',
  'event OperatorSharesDecreased(address indexed operator, address staker, address strategy, uint256 shares)',
  'event DepositScalingFactorUpdated(address staker, address strategy, uint256 newDepositScalingFactor)',
  'event OperatorRegistered(address indexed operator, address delegationApprover)',
] as const

/** The errors a DelegationManager staker call can revert with (each maps in `delegationManagerReverts`). */
export const dmErrors = [
  'error ActivelyDelegated()',
  'error NotActivelyDelegated()',
  'error OperatorNotRegistered()',
  'error OperatorsCannotUndelegate()',
  'error CallerCannotUndelegate()',
  'error WithdrawalNotQueued()',
  'error WithdrawalDelayNotElapsed()',
  'error WithdrawerNotCaller()',
  'error SaltSpent()',
  'error SignatureExpired()',
  'error InvalidSignature()',
  'error FullySlashed()',
  'error InputArrayLengthMismatch()',
  'error InputArrayLengthZero()',
  'error InputAddressZero()',
  'error CurrentlyPaused()',
  // raised by the StrategyManager and the strategy when a withdrawal is queued or completed
  'error SharesAmountZero()',
  'error SharesAmountTooHigh()',
  'error StrategyNotFound()',
  'error WithdrawalAmountExceedsTotalDeposits()',
  // raised by the strategy's share hooks (DurationVaultStrategy, v1.12; not chain-tested)
  'error WithdrawalsLockedDuringAllocations()',
  'error MustBeDelegatedToVaultOperator()',
] as const

/** EigenLayer DelegationManager fragments. */
export const delegationManagerAbi = /* @__PURE__ */ abiOf(
  [withdrawalStruct, queuedWithdrawalParamsStruct, signatureWithExpiryStruct],
  dmDelegationFunctions,
  dmDelegationViews,
  dmWithdrawalFunctions,
  dmShareViews,
  dmQueueViews,
  [
    'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
    'function isDelegated(address staker) view returns (bool)',
    'function calculateDelegationApprovalDigestHash(address staker, address operator, address approver, bytes32 approverSalt, uint256 expiry) view returns (bytes32)',
    'function calculateWithdrawalRoot(Withdrawal withdrawal) pure returns (bytes32)',
    'function domainSeparator() view returns (bytes32)',
    'function depositScalingFactor(address staker, address strategy) view returns (uint256)',
    'function getQueuedWithdrawalRoots(address staker) view returns (bytes32[])',
    'function pendingWithdrawals(bytes32 withdrawalRoot) view returns (bool pending)',
    'function cumulativeWithdrawalsQueued(address staker) view returns (uint256)',
    'function beaconChainETHStrategy() view returns (address)',
  ],
  dmEvents,
  dmErrors,
)

/** The DelegationManager fragments of the delegation writes: their functions and errors (no events, no other views). */
export const delegationWritesAbi = /* @__PURE__ */ abiOf(
  [signatureWithExpiryStruct],
  dmDelegationFunctions,
  dmDelegationViews,
  dmErrors,
)

/** The DelegationManager fragments of the withdrawal writes: their functions and errors. */
export const withdrawalWritesAbi = /* @__PURE__ */ abiOf(
  [withdrawalStruct, queuedWithdrawalParamsStruct],
  dmWithdrawalFunctions,
  dmShareViews,
  dmQueueViews,
  dmErrors,
)

/** The DelegationManager views the staker reads call (delegation, shares, the queue): no writes, events or errors. */
export const delegationManagerViewsAbi = /* @__PURE__ */ abiOf(
  [withdrawalStruct],
  dmDelegationViews,
  dmShareViews,
  dmQueueViews,
)

const smDepositFunctions = [
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256 depositShares)',
  'function strategyIsWhitelistedForDeposit(address strategy) view returns (bool whitelisted)',
] as const
const smDepositWithSignatureFunctions = [
  'function depositIntoStrategyWithSignature(address strategy, address token, uint256 amount, address staker, uint256 expiry, bytes signature) returns (uint256 depositShares)',
  'function nonces(address signer) view returns (uint256 nonce)',
] as const
const smEvents = [
  'event Deposit(address staker, address token, address strategy, uint256 shares)',
  'event Deposit(address staker, address strategy, uint256 shares)',
  'event BurnableSharesIncreased(address strategy, uint256 shares)',
  'event BurnableSharesDecreased(address strategy, uint256 shares)',
  'event BurnOrRedistributableSharesIncreased(OperatorSet operatorSet, uint256 slashId, address strategy, uint256 shares)',
  'event BurnOrRedistributableSharesDecreased(OperatorSet operatorSet, uint256 slashId, address strategy, uint256 shares)',
] as const

/** The errors a StrategyManager call (and the strategy it reaches) can revert with (each maps in `strategyManagerReverts`). */
export const smErrors = [
  'error StrategyNotWhitelisted()',
  'error MaxStrategiesExceeded()',
  'error SharesAmountZero()',
  'error SharesAmountTooHigh()',
  'error StakerAddressZero()',
  'error SignatureExpired()',
  'error InvalidSignature()',
  'error CurrentlyPaused()',
  // raised by the strategy during a deposit (StrategyBase / StrategyBaseTVLLimits / DurationVaultStrategy)
  'error BalanceExceedsMaxTotalDeposits()',
  'error MaxPerDepositExceedsMax()',
  'error NewSharesZero()',
  'error TotalSharesExceedsMax()',
  'error OnlyUnderlyingToken()',
  'error InputAddressZero()',
  // DurationVaultStrategy (v1.12; not chain-tested)
  'error DepositsLocked()',
  'error DepositExceedsMaxPerDeposit()',
  'error MustBeDelegatedToVaultOperator()',
] as const

/** EigenLayer StrategyManager fragments; both `Deposit` event forms (≤ v1.2 with the token, v1.3+ without). */
export const strategyManagerAbi = /* @__PURE__ */ abiOf(
  smDepositFunctions,
  smDepositWithSignatureFunctions,
  [
    'function calculateStrategyDepositDigestHash(address staker, address strategy, address token, uint256 amount, uint256 nonce, uint256 expiry) view returns (bytes32)',
    'function domainSeparator() view returns (bytes32)',
    'function stakerDepositShares(address staker, address strategy) view returns (uint256 shares)',
    'function getDeposits(address staker) view returns (address[], uint256[])',
    // slashed shares waiting to be burned (v1.3 and v1.4; kept in v1.12 for pre-redistribution slashes)
    'function getBurnableShares(address strategy) view returns (uint256)',
    'function getStrategiesWithBurnableShares() view returns (address[], uint256[])',
    'function burnShares(address strategy)',
    'function DEFAULT_BURN_ADDRESS() view returns (address)',
    // v1.5+ redistribution, not chain-tested: slashed shares wait per (operator set, slash id)
    operatorSetStruct,
    'function getBurnOrRedistributableShares(OperatorSet operatorSet, uint256 slashId) view returns (address[], uint256[])',
    'function getBurnOrRedistributableShares(OperatorSet operatorSet, uint256 slashId, address strategy) view returns (uint256)',
    'function getBurnOrRedistributableCount(OperatorSet operatorSet, uint256 slashId) view returns (uint256)',
    'function clearBurnOrRedistributableShares(OperatorSet operatorSet, uint256 slashId) returns (uint256[])',
    'function clearBurnOrRedistributableSharesByStrategy(OperatorSet operatorSet, uint256 slashId, address strategy) returns (uint256)',
  ],
  smEvents,
  smErrors,
)

/** The StrategyManager fragments of `deposit`: the call, the whitelist check and the errors. */
export const depositWriteAbi = /* @__PURE__ */ abiOf(smDepositFunctions, smErrors)

/** The StrategyManager fragments of `depositWithSignature`: the call, the nonce and the errors. */
export const depositWithSignatureWriteAbi = /* @__PURE__ */ abiOf(smDepositWithSignatureFunctions, smErrors)

const amEvents = [
  'event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description)',
  'event AllocationUpdated(address operator, OperatorSet operatorSet, address strategy, uint64 magnitude, uint32 effectBlock)',
] as const

/** The AllocationManager views a staker's portfolio and an operator's summary read. */
const amStakerViews = [
  operatorSetStruct,
  allocationStruct,
  'function getAllocationDelay(address operator) view returns (bool, uint32)',
  'function getRegisteredSets(address operator) view returns (OperatorSet[])',
  'function getStrategyAllocations(address operator, address strategy) view returns (OperatorSet[], Allocation[])',
  'function getMaxMagnitudes(address operator, address[] strategies) view returns (uint64[])',
] as const

/** The AllocationManager views of `getPortfolio` and `getOperator` only. */
export const allocationManagerStakerAbi = /* @__PURE__ */ abiOf(amStakerViews)

/** EigenLayer AllocationManager fragments (views the staker client reads). */
export const allocationManagerAbi = /* @__PURE__ */ abiOf(
  amStakerViews,
  [
    'function getAllocatedSets(address operator) view returns (OperatorSet[])',
    'function getAllocatedStrategies(address operator, OperatorSet operatorSet) view returns (address[])',
    'function getAllocation(address operator, OperatorSet operatorSet, address strategy) view returns (Allocation)',
    'function getMaxMagnitude(address operator, address strategy) view returns (uint64)',
    'function getMaxMagnitudesAtBlock(address operator, address[] strategies, uint32 blockNumber) view returns (uint64[])',
    'function getAllocatableMagnitude(address operator, address strategy) view returns (uint64)',
    'function getMinimumSlashableStake(OperatorSet operatorSet, address[] operators, address[] strategies, uint32 futureBlock) view returns (uint256[][] slashableStake)',
    'function isMemberOfOperatorSet(address operator, OperatorSet operatorSet) view returns (bool)',
    'function DEALLOCATION_DELAY() view returns (uint32)',
    'function ALLOCATION_CONFIGURATION_DELAY() view returns (uint32)',
    // newer releases only (absent on v1.2): probed with a fallback in the same batch
    'function getAllocatedStake(OperatorSet operatorSet, address[] operators, address[] strategies) view returns (uint256[][])',
    'function getEncumberedMagnitude(address operator, address strategy) view returns (uint64)',
    'function isOperatorSlashable(address operator, OperatorSet operatorSet) view returns (bool)',
    // v1.2 name of the encumbered magnitude getter
    'function encumberedMagnitude(address operator, address strategy) view returns (uint64)',
    // v1.5+ redistribution, not chain-tested (v1.9+: served by AllocationManagerView through the proxy)
    'function isRedistributingOperatorSet(OperatorSet operatorSet) view returns (bool)',
    'function getRedistributionRecipient(OperatorSet operatorSet) view returns (address)',
    // v1.9+ split contract, not chain-tested: the view implementation behind the proxy
    'function viewImplementation() view returns (address)',
  ],
  amEvents,
)

/** EigenLayer strategy (IStrategy / StrategyBase) fragments. */
export const eigenlayerStrategyAbi = /* @__PURE__ */ parseAbi([
  'function underlyingToken() view returns (address)',
  'function totalShares() view returns (uint256)',
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
  'function underlyingToSharesView(uint256 amountUnderlying) view returns (uint256)',
  'function userUnderlyingView(address user) view returns (uint256)',
  'function shares(address user) view returns (uint256)',
])

/** The EigenPodManager views of a staker's pod. */
const podManagerViews = [
  'function getPod(address podOwner) view returns (address)',
  'function hasPod(address podOwner) view returns (bool)',
  'function podOwnerDepositShares(address podOwner) view returns (int256)',
  'function beaconChainSlashingFactor(address staker) view returns (uint64)',
] as const

/** The EigenPodManager views only (a staker's pod reads). */
export const eigenPodManagerViewsAbi = /* @__PURE__ */ abiOf(podManagerViews)

const podManagerEvents = ['event PodDeployed(address indexed eigenPod, address indexed podOwner)'] as const
/** The errors of `createPod` (each maps in `eigenPodManagerReverts`). */
export const podManagerErrors = ['error EigenPodAlreadyExists()', 'error CurrentlyPaused()'] as const

/** EigenLayer EigenPodManager fragments (no reference ABI; checked against the devnet bytecode). */
export const eigenPodManagerAbi = /* @__PURE__ */ abiOf(
  ['function createPod() returns (address)', 'function numPods() view returns (uint256)'],
  podManagerViews,
  podManagerEvents,
  podManagerErrors,
)

/** EigenLayer EigenPod fragments (the pod reads). */
export const eigenPodAbi = /* @__PURE__ */ parseAbi([
  'struct Checkpoint { bytes32 beaconBlockRoot; uint24 proofsRemaining; uint64 podBalanceGwei; int64 balanceDeltasGwei; uint64 prevBeaconBalanceGwei; }',
  'struct ValidatorInfo { uint64 validatorIndex; uint64 restakedBalanceGwei; uint64 lastCheckpointedAt; uint8 status; }',
  'function podOwner() view returns (address)',
  'function proofSubmitter() view returns (address)',
  'function withdrawableRestakedExecutionLayerGwei() view returns (uint64)',
  'function activeValidatorCount() view returns (uint256)',
  'function currentCheckpointTimestamp() view returns (uint64)',
  'function lastCheckpointTimestamp() view returns (uint64)',
  'function currentCheckpoint() view returns (Checkpoint)',
  'function validatorPubkeyHashToInfo(bytes32 validatorPubkeyHash) view returns (ValidatorInfo)',
])

/** `version()` (v1.3+ core contracts; absent on v1.2). */
export const eigenlayerVersionAbi = /* @__PURE__ */ parseAbi(['function version() view returns (string)'])

/** EigenLayer StrategyFactory fragments (no reference ABI; checked against the devnet bytecode). */
export const eigenlayerStrategyFactoryAbi = /* @__PURE__ */ parseAbi([
  'function deployNewStrategy(address token) returns (address newStrategy)',
  'function deployedStrategies(address token) view returns (address)',
])

const earnerLeafStruct = 'struct EarnerTreeMerkleLeaf { address earner; bytes32 earnerTokenRoot; }'
const tokenLeafStruct = 'struct TokenTreeMerkleLeaf { address token; uint256 cumulativeEarnings; }'
const claimStruct =
  'struct RewardsMerkleClaim { uint32 rootIndex; uint32 earnerIndex; bytes earnerTreeProof; EarnerTreeMerkleLeaf earnerLeaf; uint32[] tokenIndices; bytes[] tokenTreeProofs; TokenTreeMerkleLeaf[] tokenLeaves; }'
const distributionRootStruct =
  'struct DistributionRoot { bytes32 root; uint32 rewardsCalculationEndTimestamp; uint32 activatedAt; bool disabled; }'

const rcEvents = [
  'event ClaimerForSet(address indexed earner, address indexed oldClaimer, address indexed claimer)',
] as const

/** RewardsCoordinator fragments: who may claim an earner's rewards. */
export const rewardsCoordinatorAbi = /* @__PURE__ */ abiOf(
  [
    'function setClaimerFor(address claimer)',
    'function claimerFor(address earner) view returns (address claimer)',
  ],
  rcEvents,
)

/**
 * RewardsCoordinator fragments of rewards claims: the posted distribution roots, the claim
 * (`processClaim`, `processClaims`, `checkClaim`), leaf hashing and the claim path's errors. Apart
 * from `rewardsCoordinatorAbi` so that a bundle with `setClaimerFor` or the portfolio does not carry them.
 */
/** The RewardsCoordinator views of an earner's rewards state: roots, claimers, cumulative claimed, the pause flag. */
const rcRewardsStateViews = [
  distributionRootStruct,
  'function claimerFor(address earner) view returns (address claimer)',
  'function cumulativeClaimed(address earner, address token) view returns (uint256)',
  'function getCurrentClaimableDistributionRoot() view returns (DistributionRoot)',
  'function getCurrentDistributionRoot() view returns (DistributionRoot)',
  'function getDistributionRootAtIndex(uint256 index) view returns (DistributionRoot)',
  'function getDistributionRootsLength() view returns (uint256)',
  'function getRootIndexFromHash(bytes32 rootHash) view returns (uint32)',
  'function paused(uint8 index) view returns (bool)',
] as const

/** The views `getRewards` (and the portfolio's rewards entries) read: no claim functions, events or errors. */
export const rewardsStateAbi = /* @__PURE__ */ abiOf(rcRewardsStateViews)

export const rewardsClaimsAbi = /* @__PURE__ */ abiOf(rcRewardsStateViews, [
  earnerLeafStruct,
  tokenLeafStruct,
  claimStruct,
  // claims
  'function processClaim(RewardsMerkleClaim claim, address recipient)',
  'function processClaims(RewardsMerkleClaim[] claims, address recipient)',
  'function checkClaim(RewardsMerkleClaim claim) view returns (bool)',
  'function calculateEarnerLeafHash(EarnerTreeMerkleLeaf leaf) pure returns (bytes32)',
  'function calculateTokenLeafHash(TokenTreeMerkleLeaf leaf) pure returns (bytes32)',
  'event RewardsClaimed(bytes32 root, address indexed earner, address indexed claimer, address indexed recipient, address token, uint256 claimedAmount)',
  // errors of the claim path
  'error RootDisabled()',
  'error RootNotActivated()',
  'error InvalidRoot()',
  'error InvalidRootIndex()',
  'error InvalidClaimProof()',
  'error InvalidEarnerLeafIndex()',
  'error InvalidTokenLeafIndex()',
  'error EarningsNotGreaterThanClaimed()',
  'error UnauthorizedCaller()',
  'error InputArrayLengthMismatch()',
  'error CurrentlyPaused()',
])

/** RewardsCoordinator fragments of the rewards updater and owner: posting, disabling and delaying roots. */
export const rewardsUpdaterAbi = /* @__PURE__ */ parseAbi([
  'function activationDelay() view returns (uint32)',
  'function currRewardsCalculationEndTimestamp() view returns (uint32)',
  'function rewardsUpdater() view returns (address)',
  'function submitRoot(bytes32 root, uint32 rewardsCalculationEndTimestamp)',
  'function disableRoot(uint32 rootIndex)',
  'function setActivationDelay(uint32 _activationDelay)',
  'event DistributionRootSubmitted(uint32 indexed rootIndex, bytes32 indexed root, uint32 indexed rewardsCalculationEndTimestamp, uint32 activatedAt)',
  'error RootAlreadyActivated()',
  'error NewRootMustBeForNewCalculatedPeriod()',
  'error RewardsEndTimestampNotElapsed()',
])

/**
 * Every EigenLayer event the staker client decodes from receipts (built from the event fragments
 * only: a write that decodes its receipt does not carry the contracts' functions and errors).
 */
export const eigenlayerEventsAbi = /* @__PURE__ */ abiOf(
  [withdrawalStruct, operatorSetStruct],
  dmEvents,
  smEvents,
  amEvents,
  podManagerEvents,
  rcEvents,
)
