import { parseAbi } from 'viem'

/**
 * ABI fragments of Symbiotic's default rewards contracts, npm `@symbioticfi/rewards@2.0.0` (the
 * `IStakerRewards` / `IDefaultStakerRewards` / `IDefaultOperatorRewards` interfaces; "v1" rewards,
 * not the later Rewards V2 system). A test checks each against the package's compiled ABI.
 */

/** `DefaultStakerRewards`: one per vault; networks' middlewares distribute, stakers claim pro rata. */
export const symbioticStakerRewardsAbi = /* @__PURE__ */ parseAbi([
  'function distributeRewards(address network, address token, uint256 amount, bytes data)',
  'function claimRewards(address recipient, address token, bytes data)',
  'function claimable(address token, address account, bytes data) view returns (uint256)',
  'function rewardsLength(address token, address network) view returns (uint256)',
  'function rewards(address token, address network, uint256) view returns (uint256 amount, uint48 timestamp)',
  'function lastUnclaimedReward(address account, address token, address network) view returns (uint256)',
  'function adminFee() view returns (uint256)',
  'function claimableAdminFee(address token) view returns (uint256)',
  'function ADMIN_FEE_BASE() view returns (uint256)',
  'function VAULT() view returns (address)',
  'function NETWORK_MIDDLEWARE_SERVICE() view returns (address)',
  'function version() view returns (uint64)',
  'event DistributeRewards(address indexed network, address indexed token, uint256 distributeAmount, uint256 adminFeeAmount, uint48 timestamp)',
  'event ClaimRewards(address indexed network, address indexed token, address indexed claimer, uint256 amount, address recipient)',
  'event ClaimRewardsExtra(address indexed network, address indexed token, address indexed claimer, uint256 firstClaimedRewardIndex, uint256 rewardsClaimed)',
  'error NotNetworkMiddleware()',
  'error InvalidRewardTimestamp()',
  'error HighAdminFee()',
  'error InsufficientReward()',
  'error NoRewardsToClaim()',
  'error InvalidRecipient()',
  'error InvalidHintsLength()',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
])

/** `DefaultOperatorRewards`: Merkle roots of cumulative operator rewards per (network, token). */
export const symbioticOperatorRewardsAbi = /* @__PURE__ */ parseAbi([
  'function distributeRewards(address network, address token, uint256 amount, bytes32 root_)',
  'function claimRewards(address recipient, address network, address token, uint256 totalClaimable, bytes32[] proof) returns (uint256 amount)',
  'function root(address network, address token) view returns (bytes32)',
  'function balance(address network, address token) view returns (uint256)',
  'function claimed(address network, address token, address account) view returns (uint256)',
  'function NETWORK_MIDDLEWARE_SERVICE() view returns (address)',
  'event DistributeRewards(address indexed network, address indexed token, uint256 amount, bytes32 root)',
  'event ClaimRewards(address recipient, address indexed network, address indexed token, address indexed claimer, uint256 amount)',
  'error NotNetworkMiddleware()',
  'error RootNotSet()',
  'error InvalidProof()',
  'error InsufficientTotalClaimable()',
  'error InsufficientBalance()',
  'error InsufficientTransfer()',
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
])

/** The vault views the staker-rewards checks read (Symbiotic core 1.0.3). */
export const symbioticRewardsVaultAbi = /* @__PURE__ */ parseAbi([
  'function activeSharesAt(uint48 timestamp, bytes hint) view returns (uint256)',
  'function activeStakeAt(uint48 timestamp, bytes hint) view returns (uint256)',
  'function activeSharesOfAt(address account, uint48 timestamp, bytes hint) view returns (uint256)',
])

/** `NetworkMiddlewareService.middleware(network)`. */
export const symbioticMiddlewareAbi = /* @__PURE__ */ parseAbi([
  'function middleware(address network) view returns (address)',
])
