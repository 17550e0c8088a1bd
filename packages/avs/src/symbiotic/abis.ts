import { parseAbi } from 'viem'

/**
 * ABI fragments of Symbiotic core 1.0.3 for the network, operator and curator side (facts about
 * the public interfaces in `@symbioticfi/core/src/interfaces`, written here). `abis.test.ts` finds
 * every selector in the package's deployed bytecode. The staker side lives in
 * `@restakekit/core/symbiotic`.
 */

/** `NetworkRegistry` and `OperatorRegistry`: an account registers itself. */
export const symbioticEntityRegistryAbi = /* @__PURE__ */ parseAbi([
  'function registerNetwork()',
  'function registerOperator()',
  'function isEntity(address account) view returns (bool)',
  'event AddEntity(address indexed entity)',
  'error NetworkAlreadyRegistered()',
  'error OperatorAlreadyRegistered()',
  'error EntityNotExist()',
])

/** `NetworkMiddlewareService`: a network's middleware (the only account that may slash for it). */
export const symbioticMiddlewareServiceAbi = /* @__PURE__ */ parseAbi([
  'function setMiddleware(address middleware)',
  'function middleware(address network) view returns (address)',
  'event SetMiddleware(address indexed network, address middleware)',
  'error AlreadySet()',
  'error NotNetwork()',
])

/** `OptInService` (operator→vault and operator→network), with the EIP-712 signed variants. */
export const symbioticOptInAbi = /* @__PURE__ */ parseAbi([
  'function optIn(address where)',
  'function optOut(address where)',
  'function optIn(address who, address where, uint48 deadline, bytes signature)',
  'function optOut(address who, address where, uint48 deadline, bytes signature)',
  'function increaseNonce(address where)',
  'function isOptedIn(address who, address where) view returns (bool)',
  'function nonces(address who, address where) view returns (uint256)',
  'function WHO_REGISTRY() view returns (address)',
  'function WHERE_REGISTRY() view returns (address)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
  'event OptIn(address indexed who, address indexed where)',
  'event OptOut(address indexed who, address indexed where)',
  'event IncreaseNonce(address indexed who, address indexed where)',
  'error AlreadyOptedIn()',
  'error ExpiredSignature()',
  'error InvalidSignature()',
  'error NotOptedIn()',
  'error NotWhereEntity()',
  'error NotWho()',
  'error OptOutCooldown()',
])

/** Delegators (types 0..3): the limit and share setters, their role ids, views, events and errors. */
export const symbioticDelegatorAdminAbi = /* @__PURE__ */ parseAbi([
  'function TYPE() view returns (uint64)',
  'function vault() view returns (address)',
  'function setMaxNetworkLimit(uint96 identifier, uint256 amount)',
  'function maxNetworkLimit(bytes32 subnetwork) view returns (uint256)',
  'function stake(bytes32 subnetwork, address operator) view returns (uint256)',
  'function hasRole(bytes32 role, address account) view returns (bool)',
  // NetworkRestake (0), FullRestake (1), OperatorSpecific (2)
  'function setNetworkLimit(bytes32 subnetwork, uint256 amount)',
  'function networkLimit(bytes32 subnetwork) view returns (uint256)',
  'function NETWORK_LIMIT_SET_ROLE() view returns (bytes32)',
  // NetworkRestake (0)
  'function setOperatorNetworkShares(bytes32 subnetwork, address operator, uint256 shares)',
  'function operatorNetworkShares(bytes32 subnetwork, address operator) view returns (uint256)',
  'function totalOperatorNetworkShares(bytes32 subnetwork) view returns (uint256)',
  'function OPERATOR_NETWORK_SHARES_SET_ROLE() view returns (bytes32)',
  // FullRestake (1)
  'function setOperatorNetworkLimit(bytes32 subnetwork, address operator, uint256 amount)',
  'function operatorNetworkLimit(bytes32 subnetwork, address operator) view returns (uint256)',
  'function OPERATOR_NETWORK_LIMIT_SET_ROLE() view returns (bytes32)',
  // OperatorSpecific (2), OperatorNetworkSpecific (3)
  'function operator() view returns (address)',
  // OperatorNetworkSpecific (3)
  'function network() view returns (address)',
  'event SetMaxNetworkLimit(bytes32 indexed subnetwork, uint256 amount)',
  'event SetNetworkLimit(bytes32 indexed subnetwork, uint256 amount)',
  'event SetOperatorNetworkShares(bytes32 indexed subnetwork, address indexed operator, uint256 shares)',
  'event SetOperatorNetworkLimit(bytes32 indexed subnetwork, address indexed operator, uint256 amount)',
  'error AlreadySet()',
  'error NotNetwork()',
  'error ExceedsMaxNetworkLimit()',
  'error InvalidNetwork()',
  'error AccessControlUnauthorizedAccount(address account, bytes32 neededRole)',
])

/** Slashers: type 0 `Slasher` (instant) and type 1 `VetoSlasher` (request, veto, execute; resolvers). */
export const symbioticSlashingAbi = /* @__PURE__ */ parseAbi([
  'function TYPE() view returns (uint64)',
  'function vault() view returns (address)',
  'function NETWORK_MIDDLEWARE_SERVICE() view returns (address)',
  'function cumulativeSlash(bytes32 subnetwork, address operator) view returns (uint256)',
  'function latestSlashedCaptureTimestamp(bytes32 subnetwork, address operator) view returns (uint48)',
  'function slashableStake(bytes32 subnetwork, address operator, uint48 captureTimestamp, bytes hints) view returns (uint256)',
  // Slasher (0)
  'function slash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes hints) returns (uint256 slashedAmount)',
  'event Slash(bytes32 indexed subnetwork, address indexed operator, uint256 slashedAmount, uint48 captureTimestamp)',
  // VetoSlasher (1)
  'function requestSlash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes hints) returns (uint256 slashIndex)',
  'function executeSlash(uint256 slashIndex, bytes hints) returns (uint256 slashedAmount)',
  'function vetoSlash(uint256 slashIndex, bytes hints)',
  'function setResolver(uint96 identifier, address resolver, bytes hints)',
  'function vetoDuration() view returns (uint48)',
  'function resolverSetEpochsDelay() view returns (uint256)',
  'function slashRequestsLength() view returns (uint256)',
  'function slashRequests(uint256 slashIndex) view returns (bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, uint48 vetoDeadline, bool completed)',
  'function resolverAt(bytes32 subnetwork, uint48 timestamp, bytes hint) view returns (address)',
  'function resolver(bytes32 subnetwork, bytes hint) view returns (address)',
  'event RequestSlash(uint256 indexed slashIndex, bytes32 indexed subnetwork, address indexed operator, uint256 slashAmount, uint48 captureTimestamp, uint48 vetoDeadline)',
  'event ExecuteSlash(uint256 indexed slashIndex, uint256 slashedAmount)',
  'event VetoSlash(uint256 indexed slashIndex, address indexed resolver)',
  'event SetResolver(bytes32 indexed subnetwork, address resolver)',
  'error NotNetworkMiddleware()',
  'error InsufficientSlash()',
  'error InvalidCaptureTimestamp()',
  'error AlreadySet()',
  'error NoResolver()',
  'error NotNetwork()',
  'error NotResolver()',
  'error SlashPeriodEnded()',
  'error SlashRequestCompleted()',
  'error SlashRequestNotExist()',
  'error VetoPeriodEnded()',
  'error VetoPeriodNotEnded()',
])

/** The vault views the slashing checks read (epoch clock). */
export const symbioticVaultClockAbi = /* @__PURE__ */ parseAbi([
  'function epochDuration() view returns (uint48)',
  'function currentEpochStart() view returns (uint48)',
  'function delegator() view returns (address)',
  'function slasher() view returns (address)',
  'event OnSlash(uint256 amount, uint48 captureTimestamp, uint256 slashedAmount)',
])

/** Multicall3's clock: the landing block's timestamp, read in the same batch as the state it judges. */
export const multicallTimestampAbi = /* @__PURE__ */ parseAbi([
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])
