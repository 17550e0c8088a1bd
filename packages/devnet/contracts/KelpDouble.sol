// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// restakekit TEST DOUBLES of Kelp's rsETH contracts (LRTConfig, RSETH, LRTOracle, LRTDepositPool and
// a NodeDelegator), written from the reference ABIs (Kelp-DAO/LRT-rsETH v5.1.0, compiled ABI-only)
// and the project's fact sheet, not from Kelp's Solidity. The external functions, events and errors
// implemented here have Kelp's signatures; roles are reduced to one admin (the deployer), and the
// price oracles of LSTs are a fixed 1:1 per asset. Native ETH cannot be restaked through EigenPods on
// anvil, so ETH stays in the pool; ERC-20 assets are restaked for real: the NodeDelegator deposits
// them into the devnet's EigenLayer StrategyManager and delegates to an EigenLayer operator.

address constant KELP_ETH_TOKEN = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

interface IKelpStrategyManager {
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256);
}

interface IKelpDelegationManager {
    struct SignatureWithExpiry {
        bytes signature;
        uint256 expiry;
    }

    function delegateTo(address operator, SignatureWithExpiry memory approverSignatureAndExpiry, bytes32 approverSalt)
        external;

    function getWithdrawableShares(address staker, address[] memory strategies)
        external
        view
        returns (uint256[] memory withdrawableShares, uint256[] memory depositShares);
}

interface IKelpStrategy {
    function sharesToUnderlyingView(uint256 amountShares) external view returns (uint256);
}

/// @notice Double of Kelp's LRTConfig: supported assets, their deposit limits and EigenLayer strategies.
contract KelpDoubleLRTConfig {
    error AssetAlreadySupported();
    error AssetNotSupported();
    error CallerNotLRTConfigAdmin();
    error ZeroAddressNotAllowed();

    event AddedNewSupportedAsset(address indexed asset, uint256 depositLimit);
    event AssetDepositLimitUpdate(address indexed asset, uint256 depositLimit);
    event AssetStrategyUpdate(address indexed asset, address indexed strategy);
    event SetRSETH(address indexed rsETH);

    address public immutable admin;
    address public rsETH;
    address[] public supportedAssetList;
    mapping(address => bool) public isSupportedAsset;
    mapping(address => uint256) public depositLimitByAsset;
    mapping(address => address) public assetStrategy;

    constructor() {
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert CallerNotLRTConfigAdmin();
        _;
    }

    function setRSETH(address rsETH_) external onlyAdmin {
        if (rsETH_ == address(0)) revert ZeroAddressNotAllowed();
        rsETH = rsETH_;
        emit SetRSETH(rsETH_);
    }

    function addNewSupportedAsset(address asset, uint256 depositLimit) external onlyAdmin {
        if (asset == address(0)) revert ZeroAddressNotAllowed();
        if (isSupportedAsset[asset]) revert AssetAlreadySupported();
        isSupportedAsset[asset] = true;
        supportedAssetList.push(asset);
        depositLimitByAsset[asset] = depositLimit;
        emit AddedNewSupportedAsset(asset, depositLimit);
    }

    function updateAssetDepositLimit(address asset, uint256 depositLimit) external onlyAdmin {
        if (!isSupportedAsset[asset]) revert AssetNotSupported();
        depositLimitByAsset[asset] = depositLimit;
        emit AssetDepositLimitUpdate(asset, depositLimit);
    }

    function updateAssetStrategy(address asset, address strategy) external onlyAdmin {
        if (!isSupportedAsset[asset]) revert AssetNotSupported();
        if (strategy == address(0)) revert ZeroAddressNotAllowed();
        assetStrategy[asset] = strategy;
        emit AssetStrategyUpdate(asset, strategy);
    }

    function getSupportedAssetList() external view returns (address[] memory) {
        return supportedAssetList;
    }
}

/// @notice Double of Kelp's RSETH token: an ERC-20 that only the deposit pool mints.
contract KelpDoubleRSETH is ERC20 {
    error CallerNotLRTConfigAllowedRole(string role);

    address public immutable lrtConfig;
    address public minter;
    /// @notice The withdrawal manager, which burns the rsETH of the requests it unlocks (Kelp's BURNER_ROLE).
    address public burner;

    constructor(address lrtConfig_) ERC20("rsETH", "rsETH") {
        lrtConfig = lrtConfig_;
    }

    /// @notice One-time wiring by the config admin (Kelp grants MINTER_ROLE to the deposit pool).
    function setMinter(address minter_) external {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin() || minter != address(0)) {
            revert CallerNotLRTConfigAllowedRole("DEFAULT_ADMIN_ROLE");
        }
        minter = minter_;
    }

    /// @notice One-time wiring by the config admin (Kelp grants BURNER_ROLE to the withdrawal manager).
    function setBurner(address burner_) external {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin() || burner != address(0)) {
            revert CallerNotLRTConfigAllowedRole("DEFAULT_ADMIN_ROLE");
        }
        burner = burner_;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert CallerNotLRTConfigAllowedRole("MINTER_ROLE");
        _mint(to, amount);
    }

    function burnFrom(address account, uint256 amount) external {
        if (msg.sender != minter && msg.sender != burner) revert CallerNotLRTConfigAllowedRole("BURNER_ROLE");
        _burn(account, amount);
    }
}

/// @notice Double of Kelp's LRTOracle: the stored rsETH price, recomputed from the pool's real holdings.
contract KelpDoubleLRTOracle {
    error CallerNotLRTConfigAdmin();
    error AssetOracleNotSupported();

    event RsETHPriceUpdate(uint256 newPrice, uint256 oldPrice);

    address public immutable lrtConfig;
    address public depositPool;
    /// @notice rsETH's price in ETH, 1e18-scaled (stored; `updateRSETHPrice` recomputes it).
    uint256 public rsETHPrice = 1e18;

    constructor(address lrtConfig_) {
        lrtConfig = lrtConfig_;
    }

    function setDepositPool(address depositPool_) external {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin() || depositPool != address(0)) {
            revert CallerNotLRTConfigAdmin();
        }
        depositPool = depositPool_;
    }

    /// @notice An asset's price in ETH, 1e18-scaled: ETH and every supported LST count 1:1 in this double.
    function getAssetPrice(address asset) public view returns (uint256) {
        if (!KelpDoubleLRTConfig(lrtConfig).isSupportedAsset(asset)) revert AssetOracleNotSupported();
        return 1e18;
    }

    /// @notice Recomputes the price: the ETH value of every supported asset the protocol holds
    /// (pool, node delegators, EigenLayer withdrawable shares) over rsETH's supply.
    function updateRSETHPrice() external {
        KelpDoubleLRTConfig config = KelpDoubleLRTConfig(lrtConfig);
        uint256 supply = IERC20(config.rsETH()).totalSupply();
        uint256 oldPrice = rsETHPrice;
        if (supply == 0) {
            rsETHPrice = 1e18;
        } else {
            address[] memory assets = config.getSupportedAssetList();
            uint256 value;
            for (uint256 i = 0; i < assets.length; i++) {
                value += KelpDoubleLRTDepositPool(payable(depositPool)).getTotalAssetDeposits(assets[i])
                    * getAssetPrice(assets[i]);
            }
            rsETHPrice = value / supply;
        }
        emit RsETHPriceUpdate(rsETHPrice, oldPrice);
    }
}

/// @notice Double of Kelp's LRTDepositPool: deposits of ETH and LSTs for rsETH, with the slippage floor.
contract KelpDoubleLRTDepositPool {
    error AssetNotSupported();
    error CallerNotLRTConfigAdmin();
    error InvalidAmountToDeposit();
    error MaximumDepositLimitReached();
    error MinimumAmountToReceiveNotMet();
    error NodeDelegatorNotFound();
    error NotEnoughAssetToTransfer();
    error ZeroAddressNotAllowed();

    event AssetDeposit(
        address indexed depositor,
        address indexed asset,
        uint256 depositAmount,
        uint256 rsethMintAmount,
        string referralId
    );
    event ETHDeposit(address indexed depositor, uint256 depositAmount, uint256 rsethMintAmount, string referralId);
    event MinAmountToDepositUpdated(uint256 minAmountToDeposit);
    event NodeDelegatorAddedinQueue(address[] nodeDelegatorContracts);

    address public immutable lrtConfig;
    address public immutable oracle;
    /// @notice The withdrawal manager the pool pays unlocked withdrawals to (Kelp pays them from its
    /// LRTUnstakingVault; this double keeps that liquidity in the pool).
    address public withdrawalManager;
    uint256 public minAmountToDeposit;
    address[] public nodeDelegatorQueue;
    mapping(address => uint256) public isNodeDelegator;
    /// @notice Always false: this double has no pause.
    bool public constant paused = false;

    constructor(address lrtConfig_, address oracle_) {
        lrtConfig = lrtConfig_;
        oracle = oracle_;
    }

    modifier onlyAdmin() {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin()) revert CallerNotLRTConfigAdmin();
        _;
    }

    modifier onlySupported(address asset) {
        if (!KelpDoubleLRTConfig(lrtConfig).isSupportedAsset(asset)) revert AssetNotSupported();
        _;
    }

    function setMinAmountToDeposit(uint256 minAmountToDeposit_) external onlyAdmin {
        minAmountToDeposit = minAmountToDeposit_;
        emit MinAmountToDepositUpdated(minAmountToDeposit_);
    }

    function setWithdrawalManager(address withdrawalManager_) external onlyAdmin {
        if (withdrawalManager != address(0)) revert CallerNotLRTConfigAdmin();
        if (withdrawalManager_ == address(0)) revert ZeroAddressNotAllowed();
        withdrawalManager = withdrawalManager_;
    }

    /// @notice What the pool holds of `asset` itself, not restaked (the liquidity withdrawals are paid from).
    function liquidAssetBalance(address asset) public view returns (uint256) {
        return asset == KELP_ETH_TOKEN ? address(this).balance : IERC20(asset).balanceOf(address(this));
    }

    /// @notice Pays `amount` of `asset` to the withdrawal manager when it unlocks requests (only it may call).
    function sendToWithdrawalManager(address asset, uint256 amount) external {
        if (msg.sender != withdrawalManager || withdrawalManager == address(0)) revert CallerNotLRTConfigAdmin();
        if (asset == KELP_ETH_TOKEN) {
            KelpDoubleLRTWithdrawalManager(payable(withdrawalManager)).receiveFromLRTUnstakingVault{value: amount}();
        } else if (!IERC20(asset).transfer(withdrawalManager, amount)) {
            revert NotEnoughAssetToTransfer();
        }
    }

    function addNodeDelegatorContractToQueue(address[] calldata nodeDelegatorContracts) external onlyAdmin {
        for (uint256 i = 0; i < nodeDelegatorContracts.length; i++) {
            address ndc = nodeDelegatorContracts[i];
            if (ndc == address(0)) revert ZeroAddressNotAllowed();
            if (isNodeDelegator[ndc] == 0) {
                isNodeDelegator[ndc] = 1;
                nodeDelegatorQueue.push(ndc);
            }
        }
        emit NodeDelegatorAddedinQueue(nodeDelegatorContracts);
    }

    function getNodeDelegatorQueue() external view returns (address[] memory) {
        return nodeDelegatorQueue;
    }

    /// @notice What the protocol holds of `asset`: in the pool, in node delegators, and restaked in
    /// EigenLayer (the node delegators' withdrawable shares, valued by the strategy).
    function getTotalAssetDeposits(address asset) public view returns (uint256 total) {
        total = asset == KELP_ETH_TOKEN ? address(this).balance : IERC20(asset).balanceOf(address(this));
        for (uint256 i = 0; i < nodeDelegatorQueue.length; i++) {
            total += KelpDoubleNodeDelegator(nodeDelegatorQueue[i]).getAssetBalance(asset);
        }
    }

    function getAssetCurrentLimit(address asset) public view returns (uint256) {
        uint256 limit = KelpDoubleLRTConfig(lrtConfig).depositLimitByAsset(asset);
        uint256 deposits = getTotalAssetDeposits(asset);
        return deposits >= limit ? 0 : limit - deposits;
    }

    /// @notice rsETH minted for `amount` of `asset` now: amount × assetPrice / rsETHPrice.
    function getRsETHAmountToMint(address asset, uint256 amount) public view returns (uint256) {
        KelpDoubleLRTOracle o = KelpDoubleLRTOracle(oracle);
        return (amount * o.getAssetPrice(asset)) / o.rsETHPrice();
    }

    function depositETH(uint256 minRSETHAmountExpected, string calldata referralId)
        external
        payable
        onlySupported(KELP_ETH_TOKEN)
    {
        // the value is already in the balance: the limit is checked against the balance before it
        if (msg.value == 0 || msg.value < minAmountToDeposit) revert InvalidAmountToDeposit();
        if (getTotalAssetDeposits(KELP_ETH_TOKEN) > KelpDoubleLRTConfig(lrtConfig).depositLimitByAsset(KELP_ETH_TOKEN)) {
            revert MaximumDepositLimitReached();
        }
        uint256 minted = _mint(KELP_ETH_TOKEN, msg.value, minRSETHAmountExpected);
        emit ETHDeposit(msg.sender, msg.value, minted, referralId);
    }

    function depositAsset(
        address asset,
        uint256 depositAmount,
        uint256 minRSETHAmountExpected,
        string calldata referralId
    ) external onlySupported(asset) {
        if (asset == KELP_ETH_TOKEN) revert AssetNotSupported();
        if (depositAmount == 0 || depositAmount < minAmountToDeposit) revert InvalidAmountToDeposit();
        if (depositAmount > getAssetCurrentLimit(asset)) revert MaximumDepositLimitReached();
        uint256 minted = _mint(asset, depositAmount, minRSETHAmountExpected);
        if (!IERC20(asset).transferFrom(msg.sender, address(this), depositAmount)) revert NotEnoughAssetToTransfer();
        emit AssetDeposit(msg.sender, asset, depositAmount, minted, referralId);
    }

    function _mint(address asset, uint256 amount, uint256 minExpected) private returns (uint256 minted) {
        minted = getRsETHAmountToMint(asset, amount);
        if (minted < minExpected) revert MinimumAmountToReceiveNotMet();
        KelpDoubleRSETH(KelpDoubleLRTConfig(lrtConfig).rsETH()).mint(msg.sender, minted);
    }

    /// @notice Moves `amount` of `asset` from the pool to node delegator `ndcIndex` (operator role in Kelp).
    function transferAssetToNodeDelegator(uint256 ndcIndex, address asset, uint256 amount)
        external
        onlyAdmin
        onlySupported(asset)
    {
        if (ndcIndex >= nodeDelegatorQueue.length) revert NodeDelegatorNotFound();
        if (!IERC20(asset).transfer(nodeDelegatorQueue[ndcIndex], amount)) revert NotEnoughAssetToTransfer();
    }
}

/// @notice Double of Kelp's NodeDelegator (no reference ABI): an EigenLayer staker that deposits the
/// assets it holds into their strategy on the real StrategyManager and delegates to an operator.
contract KelpDoubleNodeDelegator {
    error CallerNotLRTConfigAdmin();
    error AssetNotSupported();

    address public immutable lrtConfig;
    address public immutable strategyManager;
    address public immutable delegationManager;

    constructor(address lrtConfig_, address strategyManager_, address delegationManager_) {
        lrtConfig = lrtConfig_;
        strategyManager = strategyManager_;
        delegationManager = delegationManager_;
    }

    modifier onlyAdmin() {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin()) revert CallerNotLRTConfigAdmin();
        _;
    }

    /// @notice Deposits this contract's whole balance of `asset` into the asset's EigenLayer strategy.
    function depositAssetIntoStrategy(address asset) external onlyAdmin returns (uint256 shares) {
        address strategy = KelpDoubleLRTConfig(lrtConfig).assetStrategy(asset);
        if (strategy == address(0)) revert AssetNotSupported();
        uint256 amount = IERC20(asset).balanceOf(address(this));
        IERC20(asset).approve(strategyManager, amount);
        shares = IKelpStrategyManager(strategyManager).depositIntoStrategy(strategy, asset, amount);
    }

    /// @notice Delegates this staker's EigenLayer shares to `operator` (an operator without an approver).
    function delegateTo(address operator) external onlyAdmin {
        IKelpDelegationManager(delegationManager).delegateTo(
            operator, IKelpDelegationManager.SignatureWithExpiry({signature: "", expiry: 0}), bytes32(0)
        );
    }

    /// @notice `asset` held here plus what its EigenLayer withdrawable shares are worth (after slashing).
    function getAssetBalance(address asset) external view returns (uint256 total) {
        if (asset == KELP_ETH_TOKEN) return address(this).balance;
        total = IERC20(asset).balanceOf(address(this));
        address strategy = KelpDoubleLRTConfig(lrtConfig).assetStrategy(asset);
        if (strategy == address(0)) return total;
        address[] memory strategies = new address[](1);
        strategies[0] = strategy;
        (uint256[] memory withdrawable,) =
            IKelpDelegationManager(delegationManager).getWithdrawableShares(address(this), strategies);
        total += IKelpStrategy(strategy).sharesToUnderlyingView(withdrawable[0]);
    }
}

/// @notice Double of Kelp's LRTWithdrawalManager in its v5.1.0 form (`initiateWithdrawal` and
/// `completeWithdrawal` with a `referralId`; the 2024-07 form without it is not deployed here).
/// Semantics kept from the fact sheet: one global nonce sequence per asset, each user's nonces in a
/// FIFO queue per asset; the operator role (the config admin here, played by the tests) unlocks the
/// queue up to `firstExcludedIndex` within price bounds, but only requests at least
/// `withdrawalDelayBlocks` old (an unlock before the delay unlocks nothing and does not revert); an
/// unlocked request pays `min(expected at request, rsETH × rsETHPrice / assetPrice at unlock)` and
/// its rsETH is burnt; `completeWithdrawal` pays the caller's OLDEST request only, when its nonce is
/// below `nextLockedNonce` and the delay has passed. Liquidity comes from the deposit pool (Kelp's
/// LRTUnstakingVault is not part of this double).
contract KelpDoubleLRTWithdrawalManager {
    error AmountMustBeGreaterThanZero();
    error AssetNotSupported();
    error AssetPriceOutOfPriceRange(uint256 assetPrice);
    error CallerNotLRTConfigOperator();
    error CallerNotLRTConfigAdmin();
    error EthTransferFailed();
    error ExceedAmountToWithdraw();
    error ExceedWithdrawalDelay();
    error InvalidAmountToWithdraw();
    error NoPendingWithdrawals();
    error QueueOutOfBounds();
    error RsETHPriceOutOfPriceRange(uint256 rsEthPrice);
    error TokenTransferFailed();
    error WithdrawalDelayNotPassed();
    error WithdrawalLocked();

    event AssetUnlocked(
        address indexed asset, uint256 rsEthAmount, uint256 assetAmount, uint256 rsEThPrice, uint256 assetPrice
    );
    event AssetWithdrawalFinalized(
        address indexed withdrawer, address indexed asset, uint256 amountBurned, uint256 amountReceived
    );
    event AssetWithdrawalQueued(
        address indexed withdrawer, address indexed asset, uint256 rsETHUnstaked, uint256 indexed userNonce
    );
    event MinAmountToWithdrawUpdated(address asset, uint256 minRsEthAmountToWithdraw);
    event ReferralIdEmitted(string referralId);
    event WithdrawalDelayBlocksUpdated(uint256 withdrawalDelayBlocks);

    struct WithdrawalRequest {
        uint256 rsETHUnstaked;
        uint256 expectedAssetAmount;
        uint256 withdrawalStartBlock;
    }

    struct UserNonces {
        uint128 begin;
        uint128 end;
        mapping(uint256 => uint256) at;
    }

    /// @notice Kelp's cap on the delay: 10 days of 12-second blocks.
    uint256 public constant MAX_WITHDRAWAL_DELAY_BLOCKS = 10 days / 12 seconds;

    address public immutable lrtConfig;
    address payable public immutable depositPool;
    address public immutable oracle;
    /// @notice Always false: this double has no pause.
    bool public constant paused = false;

    uint256 public withdrawalDelayBlocks = 8 days / 12 seconds;
    mapping(address => uint256) public minRsEthAmountToWithdraw;
    mapping(address => uint256) public nextUnusedNonce;
    mapping(address => uint256) public nextLockedNonce;
    /// @notice The asset still owed to requests that are queued and not unlocked (their expected amounts).
    mapping(address => uint256) public assetsCommitted;
    mapping(bytes32 => WithdrawalRequest) public withdrawalRequests;
    mapping(address => mapping(address => UserNonces)) private userNonces;

    constructor(address lrtConfig_, address payable depositPool_, address oracle_) {
        lrtConfig = lrtConfig_;
        depositPool = depositPool_;
        oracle = oracle_;
    }

    modifier onlyAdmin() {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin()) revert CallerNotLRTConfigAdmin();
        _;
    }

    modifier onlyOperator() {
        if (msg.sender != KelpDoubleLRTConfig(lrtConfig).admin()) revert CallerNotLRTConfigOperator();
        _;
    }

    modifier onlySupported(address asset) {
        if (!KelpDoubleLRTConfig(lrtConfig).isSupportedAsset(asset)) revert AssetNotSupported();
        _;
    }

    receive() external payable {}

    /// @notice Where the withdrawn ETH arrives from (the deposit pool in this double).
    function receiveFromLRTUnstakingVault() external payable {}

    function setWithdrawalDelayBlocks(uint256 withdrawalDelayBlocks_) external onlyAdmin {
        if (withdrawalDelayBlocks_ > MAX_WITHDRAWAL_DELAY_BLOCKS) revert ExceedWithdrawalDelay();
        withdrawalDelayBlocks = withdrawalDelayBlocks_;
        emit WithdrawalDelayBlocksUpdated(withdrawalDelayBlocks_);
    }

    function setMinRsEthAmountToWithdraw(address asset, uint256 minRsEthAmountToWithdraw_)
        external
        onlyAdmin
        onlySupported(asset)
    {
        minRsEthAmountToWithdraw[asset] = minRsEthAmountToWithdraw_;
        emit MinAmountToWithdrawUpdated(asset, minRsEthAmountToWithdraw_);
    }

    function getRequestId(address asset, uint256 requestIndex) public pure returns (bytes32) {
        return keccak256(abi.encodePacked(asset, requestIndex));
    }

    /// @notice `asset` that `amount` rsETH is worth now: amount × rsETHPrice / assetPrice.
    function getExpectedAssetAmount(address asset, uint256 amount) public view returns (uint256) {
        KelpDoubleLRTOracle o = KelpDoubleLRTOracle(oracle);
        return (amount * o.rsETHPrice()) / o.getAssetPrice(asset);
    }

    /// @notice The pool's liquid `asset` not yet promised to queued requests.
    function getAvailableAssetAmount(address asset) public view returns (uint256) {
        uint256 liquid = KelpDoubleLRTDepositPool(depositPool).liquidAssetBalance(asset);
        return liquid > assetsCommitted[asset] ? liquid - assetsCommitted[asset] : 0;
    }

    function userAssociatedNonces(address asset, address user) external view returns (uint128 _begin, uint128 _end) {
        UserNonces storage q = userNonces[asset][user];
        return (q.begin, q.end);
    }

    /// @notice The user's `userIndex`-th open request for `asset` (0 = the oldest, the next to complete).
    function getUserWithdrawalRequest(address asset, address user, uint256 userIndex)
        external
        view
        returns (uint256 rsETHAmount, uint256 expectedAssetAmount, uint256 withdrawalStartBlock, uint256 userNonce)
    {
        UserNonces storage q = userNonces[asset][user];
        if (userIndex >= q.end - q.begin) revert QueueOutOfBounds();
        userNonce = q.at[q.begin + userIndex];
        WithdrawalRequest storage r = withdrawalRequests[getRequestId(asset, userNonce)];
        return (r.rsETHUnstaked, r.expectedAssetAmount, r.withdrawalStartBlock, userNonce);
    }

    function initiateWithdrawal(address asset, uint256 rsETHUnstaked, string calldata referralId)
        external
        onlySupported(asset)
    {
        if (rsETHUnstaked == 0 || rsETHUnstaked < minRsEthAmountToWithdraw[asset]) revert InvalidAmountToWithdraw();
        uint256 expected = getExpectedAssetAmount(asset, rsETHUnstaked);
        if (expected > getAvailableAssetAmount(asset)) revert ExceedAmountToWithdraw();
        if (!IERC20(KelpDoubleLRTConfig(lrtConfig).rsETH()).transferFrom(msg.sender, address(this), rsETHUnstaked)) {
            revert TokenTransferFailed();
        }
        assetsCommitted[asset] += expected;
        uint256 nonce = nextUnusedNonce[asset]++;
        withdrawalRequests[getRequestId(asset, nonce)] = WithdrawalRequest(rsETHUnstaked, expected, block.number);
        UserNonces storage q = userNonces[asset][msg.sender];
        q.at[q.end] = nonce;
        q.end += 1;
        emit AssetWithdrawalQueued(msg.sender, asset, rsETHUnstaked, nonce);
        emit ReferralIdEmitted(referralId);
    }

    /// @notice Operator step: unlocks requests from `nextLockedNonce` up to `firstExcludedIndex`
    /// (exclusive), stopping at the first one younger than the delay or beyond the pool's liquidity.
    function unlockQueue(
        address asset,
        uint256 firstExcludedIndex,
        uint256 minimumAssetPrice,
        uint256 minimumRsEthPrice,
        uint256 maximumAssetPrice,
        uint256 maximumRsEthPrice
    ) external onlyOperator onlySupported(asset) returns (uint256 rsETHBurned, uint256 assetAmountUnlocked) {
        KelpDoubleLRTOracle o = KelpDoubleLRTOracle(oracle);
        uint256 rsETHPrice = o.rsETHPrice();
        uint256 assetPrice = o.getAssetPrice(asset);
        if (assetPrice < minimumAssetPrice || assetPrice > maximumAssetPrice) {
            revert AssetPriceOutOfPriceRange(assetPrice);
        }
        if (rsETHPrice < minimumRsEthPrice || rsETHPrice > maximumRsEthPrice) {
            revert RsETHPriceOutOfPriceRange(rsETHPrice);
        }
        (rsETHBurned, assetAmountUnlocked) = _unlock(asset, firstExcludedIndex, rsETHPrice, assetPrice);
        if (rsETHBurned > 0) {
            KelpDoubleRSETH(KelpDoubleLRTConfig(lrtConfig).rsETH()).burnFrom(address(this), rsETHBurned);
        }
        if (assetAmountUnlocked > 0) {
            KelpDoubleLRTDepositPool(depositPool).sendToWithdrawalManager(asset, assetAmountUnlocked);
        }
        emit AssetUnlocked(asset, rsETHBurned, assetAmountUnlocked, rsETHPrice, assetPrice);
    }

    function _unlock(address asset, uint256 firstExcludedIndex, uint256 rsETHPrice, uint256 assetPrice)
        private
        returns (uint256 rsETHBurned, uint256 assetAmountUnlocked)
    {
        uint256 end = firstExcludedIndex < nextUnusedNonce[asset] ? firstExcludedIndex : nextUnusedNonce[asset];
        uint256 liquid = KelpDoubleLRTDepositPool(depositPool).liquidAssetBalance(asset);
        uint256 nonce = nextLockedNonce[asset];
        for (; nonce < end; nonce++) {
            WithdrawalRequest storage r = withdrawalRequests[getRequestId(asset, nonce)];
            if (block.number < r.withdrawalStartBlock + withdrawalDelayBlocks) break;
            uint256 atUnlock = (r.rsETHUnstaked * rsETHPrice) / assetPrice;
            uint256 payout = r.expectedAssetAmount < atUnlock ? r.expectedAssetAmount : atUnlock;
            if (assetAmountUnlocked + payout > liquid) break;
            assetsCommitted[asset] -= r.expectedAssetAmount;
            r.expectedAssetAmount = payout;
            rsETHBurned += r.rsETHUnstaked;
            assetAmountUnlocked += payout;
        }
        nextLockedNonce[asset] = nonce;
    }

    /// @notice Pays the caller's OLDEST request for `asset` (FIFO), once unlocked and past the delay.
    function completeWithdrawal(address asset, string calldata referralId) external onlySupported(asset) {
        UserNonces storage q = userNonces[asset][msg.sender];
        if (q.end == q.begin) revert NoPendingWithdrawals();
        uint256 nonce = q.at[q.begin];
        if (nonce >= nextLockedNonce[asset]) revert WithdrawalLocked();
        bytes32 id = getRequestId(asset, nonce);
        WithdrawalRequest memory r = withdrawalRequests[id];
        if (block.number < r.withdrawalStartBlock + withdrawalDelayBlocks) revert WithdrawalDelayNotPassed();
        delete q.at[q.begin];
        q.begin += 1;
        delete withdrawalRequests[id];
        if (asset == KELP_ETH_TOKEN) {
            (bool ok,) = payable(msg.sender).call{value: r.expectedAssetAmount}("");
            if (!ok) revert EthTransferFailed();
        } else if (!IERC20(asset).transfer(msg.sender, r.expectedAssetAmount)) {
            revert TokenTransferFailed();
        }
        emit AssetWithdrawalFinalized(msg.sender, asset, r.rsETHUnstaked, r.expectedAssetAmount);
        emit ReferralIdEmitted(referralId);
    }
}
