// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

// restakekit TEST DOUBLES of Renzo's ezETH contracts (EzEthToken, RenzoOracle, RestakeManager,
// WithdrawQueue and an OperatorDelegator), written here from the reference ABIs
// (Renzo-Protocol/contracts-public HEAD fc8c8e0 / v1.7, compiled ABI-only) and the project's fact
// sheet, not from Renzo's Solidity. The external functions, events and errors implemented here have
// Renzo's signatures (HEAD form: `claim(uint256,address)`). Simplifications, all deliberate:
// - roles are one admin (the deployer, `roleManager()`); the RestakeManager plays the DepositQueue
//   (it fills the withdraw buffer from deposits, as Renzo's DepositQueue does);
// - every collateral token is priced 1:1 in ETH by the oracle (a token needs `setOracleAddress`);
// - native ETH cannot be restaked through EigenPods on anvil, so deposited ETH stays in the
//   RestakeManager (or fills the WithdrawQueue's buffer); ERC-20 collateral is restaked for real: the
//   OperatorDelegator deposits it into the devnet's EigenLayer StrategyManager and is delegated to a
//   registered EigenLayer operator, so TVL, the rate and a slash are real EigenLayer state;
// - the TVL counts the WithdrawQueue's whole balance (reserved claims included, their ezETH is still
//   in the supply until the claim burns it), so a request does not move the rate;
// - the withdraw queue (requests waiting for the buffer to fill) is enabled for every asset.

address constant RENZO_IS_NATIVE = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

interface IRenzoDoubleStrategyManager {
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256);
}

interface IRenzoDoubleDelegationManager {
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

interface IRenzoDoubleStrategy {
    function sharesToUnderlyingView(uint256 amountShares) external view returns (uint256);
}

/// @notice Double of Renzo's EzEthToken: an ERC-20 minted by the RestakeManager, burned by the WithdrawQueue.
contract RenzoDoubleEzEthToken is ERC20 {
    error InvalidZeroInput();
    error NotEzETHMinterBurner();

    address public immutable roleManager;
    mapping(address => bool) internal minterBurner;

    constructor() ERC20("Renzo Restaked ETH", "ezETH") {
        roleManager = msg.sender;
    }

    /// @notice Wiring by the admin (Renzo grants the minter/burner role through its RoleManager).
    function setMinterBurner(address account, bool allowed) external {
        if (msg.sender != roleManager) revert NotEzETHMinterBurner();
        minterBurner[account] = allowed;
    }

    function mint(address to, uint256 amount) external {
        if (!minterBurner[msg.sender]) revert NotEzETHMinterBurner();
        if (to == address(0) || amount == 0) revert InvalidZeroInput();
        _mint(to, amount);
    }

    function burn(address from, uint256 amount) external {
        if (!minterBurner[msg.sender]) revert NotEzETHMinterBurner();
        if (from == address(0) || amount == 0) revert InvalidZeroInput();
        _burn(from, amount);
    }
}

/// @notice Double of Renzo's RenzoOracle: token values in ETH (1:1 for every token with an oracle set)
/// and the mint / redeem formulas of the fact sheet.
contract RenzoDoubleRenzoOracle {
    error InvalidTokenAmount();
    error InvalidZeroInput();
    error MismatchedArrayLengths();
    error NotOracleAdmin();
    error OracleNotFound();

    event OracleAddressUpdated(address token, address oracleAddress);

    address public immutable roleManager;
    mapping(address => address) public tokenOracleLookup;

    constructor() {
        roleManager = msg.sender;
    }

    function setOracleAddress(address _token, address _oracleAddress) external {
        if (msg.sender != roleManager) revert NotOracleAdmin();
        if (_token == address(0) || _oracleAddress == address(0)) revert InvalidZeroInput();
        tokenOracleLookup[_token] = _oracleAddress;
        emit OracleAddressUpdated(_token, _oracleAddress);
    }

    /// @notice ETH value of `_balance` of `_token` (1:1 in this double).
    function lookupTokenValue(address _token, uint256 _balance) public view returns (uint256) {
        if (tokenOracleLookup[_token] == address(0)) revert OracleNotFound();
        return _balance;
    }

    /// @notice Amount of `_token` worth `_value` ETH (1:1 in this double).
    function lookupTokenAmountFromValue(address _token, uint256 _value) external view returns (uint256) {
        if (tokenOracleLookup[_token] == address(0)) revert OracleNotFound();
        return _value;
    }

    function lookupTokenValues(address[] calldata _tokens, uint256[] calldata _balances)
        external
        view
        returns (uint256 total)
    {
        if (_tokens.length != _balances.length) revert MismatchedArrayLengths();
        for (uint256 i = 0; i < _tokens.length; i++) {
            total += lookupTokenValue(_tokens[i], _balances[i]);
        }
    }

    /// @notice ezETH to mint for `_newValueAdded` ETH: existingSupply × valueAdded / currentValue
    /// (1:1 for the first deposit).
    function calculateMintAmount(uint256 _currentValueInProtocol, uint256 _newValueAdded, uint256 _existingEzETHSupply)
        external
        pure
        returns (uint256 mintAmount)
    {
        if (_currentValueInProtocol == 0 || _existingEzETHSupply == 0) return _newValueAdded;
        mintAmount = (_existingEzETHSupply * _newValueAdded) / _currentValueInProtocol;
        if (mintAmount == 0) revert InvalidTokenAmount();
    }

    /// @notice ETH redeemed for `_ezETHBeingBurned`: currentValue × burned / supply.
    function calculateRedeemAmount(uint256 _ezETHBeingBurned, uint256 _existingEzETHSupply, uint256 _currentValueInProtocol)
        external
        pure
        returns (uint256 redeemAmount)
    {
        redeemAmount = (_currentValueInProtocol * _ezETHBeingBurned) / _existingEzETHSupply;
        if (redeemAmount == 0) revert InvalidTokenAmount();
    }
}

/// @notice Double of Renzo's OperatorDelegator (no reference ABI): an EigenLayer staker that deposits
/// the collateral it is given into its strategy on the real StrategyManager, delegated to an operator.
contract RenzoDoubleOperatorDelegator {
    error NotRestakeManagerAdmin();
    error NotRestakeManager();
    error InvalidZeroInput();

    address public immutable roleManager;
    address public immutable restakeManager;
    address public immutable strategyManager;
    address public immutable delegationManager;
    mapping(address => address) public tokenStrategyMapping;
    address public delegateAddress;

    constructor(address restakeManager_, address strategyManager_, address delegationManager_) {
        roleManager = msg.sender;
        restakeManager = restakeManager_;
        strategyManager = strategyManager_;
        delegationManager = delegationManager_;
    }

    function setTokenStrategy(address token, address strategy) external {
        if (msg.sender != roleManager) revert NotRestakeManagerAdmin();
        tokenStrategyMapping[token] = strategy;
    }

    /// @notice Delegates this staker to `operator` (an operator without a delegation approver).
    function setDelegateAddress(address operator) external {
        if (msg.sender != roleManager) revert NotRestakeManagerAdmin();
        delegateAddress = operator;
        IRenzoDoubleDelegationManager(delegationManager).delegateTo(
            operator, IRenzoDoubleDelegationManager.SignatureWithExpiry({signature: "", expiry: 0}), bytes32(0)
        );
    }

    /// @notice Restakes `amount` of `token` (already transferred here) into its EigenLayer strategy.
    function deposit(address token, uint256 amount) external returns (uint256 shares) {
        if (msg.sender != restakeManager) revert NotRestakeManager();
        address strategy = tokenStrategyMapping[token];
        if (strategy == address(0) || amount == 0) revert InvalidZeroInput();
        IERC20(token).approve(strategyManager, amount);
        shares = IRenzoDoubleStrategyManager(strategyManager).depositIntoStrategy(strategy, token, amount);
    }

    /// @notice `token` held here plus what its EigenLayer withdrawable shares are worth (after slashing).
    function getTokenBalanceFromStrategy(address token) external view returns (uint256 total) {
        total = IERC20(token).balanceOf(address(this));
        address strategy = tokenStrategyMapping[token];
        if (strategy == address(0)) return total;
        address[] memory strategies = new address[](1);
        strategies[0] = strategy;
        (uint256[] memory withdrawable,) =
            IRenzoDoubleDelegationManager(delegationManager).getWithdrawableShares(address(this), strategies);
        total += IRenzoDoubleStrategy(strategy).sharesToUnderlyingView(withdrawable[0]);
    }
}

/// @notice Double of Renzo's RestakeManager: ETH and ERC-20 deposits for ezETH, the TVLs, the
/// operator delegators and collateral tokens.
contract RenzoDoubleRestakeManager {
    error AlreadyAdded();
    error ContractPaused();
    error InvalidZeroInput();
    error MaxTokenTVLReached();
    error NotFound();
    error NotRestakeManagerAdmin();

    event CollateralTokenAdded(address token);
    event CollateralTokenTvlUpdated(address token, uint256 tvl);
    event Deposit(address depositor, address token, uint256 amount, uint256 ezETHMinted, uint256 referralId);
    event OperatorDelegatorAdded(address od);
    event OperatorDelegatorAllocationUpdated(address od, uint256 allocation);

    address public immutable roleManager;
    address public immutable ezETH;
    address public immutable renzoOracle;
    address public immutable strategyManager;
    address public immutable delegationManager;
    /// @notice The WithdrawQueue whose buffer deposits fill (Renzo's DepositQueue knows it).
    address internal withdrawQueueAddress;

    address[] public operatorDelegators;
    mapping(address => uint256) public operatorDelegatorAllocations;
    address[] public collateralTokens;
    mapping(address => uint256) public collateralTokenTvlLimits;
    bool public paused;

    constructor(address ezETH_, address renzoOracle_, address strategyManager_, address delegationManager_) {
        roleManager = msg.sender;
        ezETH = ezETH_;
        renzoOracle = renzoOracle_;
        strategyManager = strategyManager_;
        delegationManager = delegationManager_;
    }

    modifier onlyAdmin() {
        if (msg.sender != roleManager) revert NotRestakeManagerAdmin();
        _;
    }

    /// @notice The RestakeManager plays the DepositQueue in this double.
    function depositQueue() external view returns (address) {
        return address(this);
    }

    /// @notice No risk-oracle middleware in this double.
    function riskOracleMiddleware() external pure returns (address) {
        return address(0);
    }

    function setWithdrawQueue(address withdrawQueue_) external onlyAdmin {
        withdrawQueueAddress = withdrawQueue_;
    }

    function addOperatorDelegator(address _newOperatorDelegator, uint256 _allocationBasisPoints) external onlyAdmin {
        if (_newOperatorDelegator == address(0)) revert InvalidZeroInput();
        for (uint256 i = 0; i < operatorDelegators.length; i++) {
            if (operatorDelegators[i] == _newOperatorDelegator) revert AlreadyAdded();
        }
        operatorDelegators.push(_newOperatorDelegator);
        operatorDelegatorAllocations[_newOperatorDelegator] = _allocationBasisPoints;
        emit OperatorDelegatorAdded(_newOperatorDelegator);
        emit OperatorDelegatorAllocationUpdated(_newOperatorDelegator, _allocationBasisPoints);
    }

    function addCollateralToken(address _newCollateralToken) external onlyAdmin {
        if (_newCollateralToken == address(0)) revert InvalidZeroInput();
        for (uint256 i = 0; i < collateralTokens.length; i++) {
            if (collateralTokens[i] == _newCollateralToken) revert AlreadyAdded();
        }
        collateralTokens.push(_newCollateralToken);
        emit CollateralTokenAdded(_newCollateralToken);
    }

    function setTokenTvlLimit(address _token, uint256 _limit) external onlyAdmin {
        collateralTokenTvlLimits[_token] = _limit;
        emit CollateralTokenTvlUpdated(_token, _limit);
    }

    function setPaused(bool _paused) external onlyAdmin {
        paused = _paused;
    }

    function getOperatorDelegatorsLength() external view returns (uint256) {
        return operatorDelegators.length;
    }

    function getCollateralTokensLength() external view returns (uint256) {
        return collateralTokens.length;
    }

    function getCollateralTokenIndex(address _collateralToken) public view returns (uint256) {
        for (uint256 i = 0; i < collateralTokens.length; i++) {
            if (collateralTokens[i] == _collateralToken) return i;
        }
        revert NotFound();
    }

    /// @notice TVLs in ETH: per operator delegator and collateral token (the last column is ETH),
    /// per operator delegator, and the total (ETH held here and the WithdrawQueue's balances on the first).
    function calculateTVLs() public view returns (uint256[][] memory, uint256[] memory, uint256) {
        uint256 n = operatorDelegators.length;
        uint256[][] memory tokenTVLs = new uint256[][](n);
        uint256[] memory odTVLs = new uint256[](n);
        uint256 total;
        for (uint256 i = 0; i < n; i++) {
            tokenTVLs[i] = _odTokenTVLs(operatorDelegators[i], i == 0);
            for (uint256 j = 0; j < tokenTVLs[i].length; j++) {
                odTVLs[i] += tokenTVLs[i][j];
            }
            total += odTVLs[i];
        }
        return (tokenTVLs, odTVLs, total + address(this).balance);
    }

    function _odTokenTVLs(address od, bool withQueue) internal view returns (uint256[] memory tvls) {
        uint256 m = collateralTokens.length;
        tvls = new uint256[](m + 1);
        for (uint256 j = 0; j < m; j++) {
            address token = collateralTokens[j];
            uint256 balance = RenzoDoubleOperatorDelegator(od).getTokenBalanceFromStrategy(token);
            if (withQueue && withdrawQueueAddress != address(0)) balance += IERC20(token).balanceOf(withdrawQueueAddress);
            tvls[j] = RenzoDoubleRenzoOracle(renzoOracle).lookupTokenValue(token, balance);
        }
        tvls[m] = od.balance + (withQueue ? withdrawQueueAddress.balance : 0);
    }

    function depositETH() external payable {
        _depositETH(0);
    }

    function depositETH(uint256 _referralId) external payable {
        _depositETH(_referralId);
    }

    function _depositETH(uint256 referralId) internal {
        if (paused) revert ContractPaused();
        if (msg.value == 0) revert InvalidZeroInput();
        (,, uint256 totalTVL) = calculateTVLs();
        // msg.value is already in this balance: the value before the deposit excludes it
        uint256 minted = RenzoDoubleRenzoOracle(renzoOracle).calculateMintAmount(
            totalTVL - msg.value, msg.value, IERC20(ezETH).totalSupply()
        );
        uint256 deficit = RenzoDoubleWithdrawQueue(payable(withdrawQueueAddress)).getWithdrawDeficit(RENZO_IS_NATIVE);
        if (deficit > 0) {
            RenzoDoubleWithdrawQueue(payable(withdrawQueueAddress)).fillEthWithdrawBuffer{
                value: deficit < msg.value ? deficit : msg.value
            }();
        }
        RenzoDoubleEzEthToken(ezETH).mint(msg.sender, minted);
        emit Deposit(msg.sender, RENZO_IS_NATIVE, msg.value, minted, referralId);
    }

    function deposit(address _collateralToken, uint256 _amount) external {
        _deposit(_collateralToken, _amount, 0);
    }

    function deposit(address _collateralToken, uint256 _amount, uint256 _referralId) external {
        _deposit(_collateralToken, _amount, _referralId);
    }

    function _deposit(address token, uint256 amount, uint256 referralId) internal {
        if (paused) revert ContractPaused();
        if (amount == 0) revert InvalidZeroInput();
        uint256 index = getCollateralTokenIndex(token);
        (uint256[][] memory tokenTVLs,, uint256 totalTVL) = calculateTVLs();
        uint256 value = RenzoDoubleRenzoOracle(renzoOracle).lookupTokenValue(token, amount);
        _checkTvlLimit(token, index, tokenTVLs, value);
        uint256 minted = RenzoDoubleRenzoOracle(renzoOracle).calculateMintAmount(
            totalTVL, value, IERC20(ezETH).totalSupply()
        );
        IERC20(token).transferFrom(msg.sender, address(this), amount);
        uint256 rest = amount - _fillBuffer(token, amount);
        if (rest > 0) {
            address od = operatorDelegators[0];
            IERC20(token).transfer(od, rest);
            RenzoDoubleOperatorDelegator(od).deposit(token, rest);
        }
        RenzoDoubleEzEthToken(ezETH).mint(msg.sender, minted);
        emit Deposit(msg.sender, token, amount, minted, referralId);
    }

    function _checkTvlLimit(address token, uint256 index, uint256[][] memory tokenTVLs, uint256 value) internal view {
        uint256 limit = collateralTokenTvlLimits[token];
        if (limit == 0) return;
        uint256 current;
        for (uint256 i = 0; i < tokenTVLs.length; i++) {
            current += tokenTVLs[i][index];
        }
        if (current + value > limit) revert MaxTokenTVLReached();
    }

    function _fillBuffer(address token, uint256 amount) internal returns (uint256 fill) {
        RenzoDoubleWithdrawQueue queue = RenzoDoubleWithdrawQueue(payable(withdrawQueueAddress));
        if (queue.withdrawalBufferTarget(token) == 0) return 0;
        uint256 deficit = queue.getWithdrawDeficit(token);
        fill = deficit < amount ? deficit : amount;
        if (fill > 0) {
            IERC20(token).approve(address(queue), fill);
            queue.fillERC20WithdrawBuffer(token, fill);
        }
    }
}

/// @notice Double of Renzo's WithdrawQueue (HEAD form): requests in the user's array, claimed by
/// index after `coolDownPeriod` (swap-and-pop: the last request takes the claimed one's index), and
/// queued when the buffer cannot pay them until deposits fill it (`QueuedWithdrawalNotFilled`).
contract RenzoDoubleWithdrawQueue {
    error ClaimPaused();
    error EarlyClaim();
    error InvalidWithdrawIndex();
    error InvalidZeroInput();
    error NotDepositQueue();
    error NotEnoughCollateralValue();
    error NotWithdrawQueueAdmin();
    error QueuedWithdrawalNotFilled();
    error TransferFailed();
    error UnsupportedWithdrawAsset();
    error WithdrawRequestPaused();

    event CoolDownPeriodUpdated(uint256 oldCoolDownPeriod, uint256 newCoolDownPeriod);
    event ERC20BufferFilled(address asset, uint256 amount);
    event EthBufferFilled(uint256 amount);
    event QueueFilled(uint256 amount, address asset);
    event WithdrawBufferTargetUpdated(uint256 oldBufferTarget, uint256 newBufferTarget);
    event WithdrawRequestClaimed(WithdrawRequest withdrawRequest);
    event WithdrawRequestCreated(
        uint256 indexed withdrawRequestID,
        address user,
        address claimToken,
        uint256 amountToRedeem,
        uint256 ezETHAmountLocked,
        uint256 withdrawRequestIndex,
        bool queued,
        uint256 queueFilled
    );

    struct WithdrawRequest {
        address collateralToken;
        uint256 withdrawRequestID;
        uint256 amountToRedeem;
        uint256 ezETHLocked;
        uint256 createdAt;
    }

    struct TokenWithdrawBuffer {
        address asset;
        uint256 bufferAmount;
    }

    struct WithdrawQueueStatus {
        bool queued;
        uint256 fillAt;
    }

    struct QueueTotals {
        uint256 queuedWithdrawToFill;
        uint256 queuedWithdrawFilled;
    }

    address public constant IS_NATIVE = RENZO_IS_NATIVE;
    address public immutable roleManager;
    address public immutable restakeManager;
    address public immutable ezETH;
    address public immutable renzoOracle;

    uint256 public coolDownPeriod;
    uint256 public withdrawRequestNonce;
    bool public paused;
    mapping(address => uint256) public withdrawalBufferTarget;
    mapping(address => uint256) public claimReserve;
    mapping(address => WithdrawRequest[]) public withdrawRequests;
    mapping(bytes32 => WithdrawQueueStatus) public withdrawQueued;
    mapping(address => bool) public whitelisted;
    mapping(address => QueueTotals) internal queues;

    constructor(address restakeManager_, address ezETH_, address renzoOracle_, uint256 coolDownPeriod_) {
        roleManager = msg.sender;
        restakeManager = restakeManager_;
        ezETH = ezETH_;
        renzoOracle = renzoOracle_;
        coolDownPeriod = coolDownPeriod_;
    }

    receive() external payable {}

    modifier onlyAdmin() {
        if (msg.sender != roleManager) revert NotWithdrawQueueAdmin();
        _;
    }

    modifier onlyDepositQueue() {
        if (msg.sender != restakeManager) revert NotDepositQueue();
        _;
    }

    /// @notice Renzo's risk-oracle middleware (v1.9+), or none: the claim waits the larger of
    /// `coolDownPeriod` and its `withdrawCooldownPeriod()`.
    address public riskOracleMiddleware;

    function setRiskOracleMiddleware(address middleware) external onlyAdmin {
        riskOracleMiddleware = middleware;
    }

    function _cooldown() internal view returns (uint256 cooldown) {
        cooldown = coolDownPeriod;
        if (riskOracleMiddleware != address(0)) {
            uint256 risk = RenzoDoubleRiskOracleMiddleware(riskOracleMiddleware).withdrawCooldownPeriod();
            if (risk > cooldown) cooldown = risk;
        }
    }

    function updateCoolDownPeriod(uint256 _newCoolDownPeriod) external onlyAdmin {
        if (_newCoolDownPeriod == 0) revert InvalidZeroInput();
        emit CoolDownPeriodUpdated(coolDownPeriod, _newCoolDownPeriod);
        coolDownPeriod = _newCoolDownPeriod;
    }

    function updateWithdrawBufferTarget(TokenWithdrawBuffer[] calldata _newBufferTarget) external onlyAdmin {
        for (uint256 i = 0; i < _newBufferTarget.length; i++) {
            TokenWithdrawBuffer calldata b = _newBufferTarget[i];
            if (b.asset == address(0) || b.bufferAmount == 0) revert InvalidZeroInput();
            emit WithdrawBufferTargetUpdated(withdrawalBufferTarget[b.asset], b.bufferAmount);
            withdrawalBufferTarget[b.asset] = b.bufferAmount;
        }
    }

    function pause() external onlyAdmin {
        paused = true;
    }

    function unpause() external onlyAdmin {
        paused = false;
    }

    function ethWithdrawQueue() external view returns (uint256 queuedWithdrawToFill, uint256 queuedWithdrawFilled) {
        QueueTotals storage q = queues[RENZO_IS_NATIVE];
        return (q.queuedWithdrawToFill, q.queuedWithdrawFilled);
    }

    function erc20WithdrawQueue(address asset)
        external
        view
        returns (uint256 queuedWithdrawToFill, uint256 queuedWithdrawFilled)
    {
        QueueTotals storage q = queues[asset];
        return (q.queuedWithdrawToFill, q.queuedWithdrawFilled);
    }

    function erc20WithdrawQueueEnabled(address asset) external view returns (bool) {
        return asset != RENZO_IS_NATIVE && withdrawalBufferTarget[asset] > 0;
    }

    function getAvailableToWithdraw(address _asset) public view returns (uint256) {
        uint256 balance = _asset == RENZO_IS_NATIVE ? address(this).balance : IERC20(_asset).balanceOf(address(this));
        return balance - claimReserve[_asset];
    }

    function getQueueDeficit(address _asset) public view returns (uint256) {
        QueueTotals storage q = queues[_asset];
        return q.queuedWithdrawToFill > q.queuedWithdrawFilled ? q.queuedWithdrawToFill - q.queuedWithdrawFilled : 0;
    }

    function getWithdrawDeficit(address _asset) public view returns (uint256) {
        uint256 available = getAvailableToWithdraw(_asset);
        uint256 target = withdrawalBufferTarget[_asset];
        return (target > available ? target - available : 0) + getQueueDeficit(_asset);
    }

    function fillEthWithdrawBuffer() external payable onlyDepositQueue {
        uint256 queueFilled = _fillQueue(RENZO_IS_NATIVE, msg.value);
        emit EthBufferFilled(msg.value - queueFilled);
    }

    function fillERC20WithdrawBuffer(address _asset, uint256 _amount) external onlyDepositQueue {
        if (_asset == address(0) || _amount == 0) revert InvalidZeroInput();
        if (withdrawalBufferTarget[_asset] == 0) revert UnsupportedWithdrawAsset();
        uint256 queueFilled = _fillQueue(_asset, _amount);
        if (!IERC20(_asset).transferFrom(msg.sender, address(this), _amount)) revert TransferFailed();
        emit ERC20BufferFilled(_asset, _amount - queueFilled);
    }

    function _fillQueue(address asset, uint256 amount) internal returns (uint256 filled) {
        uint256 deficit = getQueueDeficit(asset);
        if (deficit == 0) return 0;
        filled = deficit < amount ? deficit : amount;
        claimReserve[asset] += filled;
        queues[asset].queuedWithdrawFilled += filled;
        emit QueueFilled(filled, asset);
    }

    /// @notice What `_amount` ezETH redeems now in `_assetOut`, and the operator delegators' TVLs.
    function calculateAmountToRedeem(uint256 _amount, address _assetOut)
        public
        view
        returns (uint256[][] memory operatorDelegatorTokenTVLs, uint256 amountToRedeem)
    {
        uint256 totalTVL;
        (operatorDelegatorTokenTVLs,, totalTVL) = RenzoDoubleRestakeManager(restakeManager).calculateTVLs();
        amountToRedeem = RenzoDoubleRenzoOracle(renzoOracle).calculateRedeemAmount(
            _amount, IERC20(ezETH).totalSupply(), totalTVL
        );
        if (_assetOut != RENZO_IS_NATIVE) {
            amountToRedeem = RenzoDoubleRenzoOracle(renzoOracle).lookupTokenAmountFromValue(_assetOut, amountToRedeem);
        }
    }

    /// @notice Locks `_amount` ezETH and records a request for `_assetOut` in the sender's array; when
    /// the buffer cannot pay it, the request is queued until deposits fill the queue up to it.
    function withdraw(uint256 _amount, address _assetOut) external {
        if (paused) revert WithdrawRequestPaused();
        if (_amount == 0 || _assetOut == address(0)) revert InvalidZeroInput();
        if (withdrawalBufferTarget[_assetOut] == 0) revert UnsupportedWithdrawAsset();
        if (!IERC20(ezETH).transferFrom(msg.sender, address(this), _amount)) revert TransferFailed();
        (, uint256 amountToRedeem) = calculateAmountToRedeem(_amount, _assetOut);
        withdrawRequestNonce++;
        WithdrawRequest memory request =
            WithdrawRequest(_assetOut, withdrawRequestNonce, amountToRedeem, _amount, block.timestamp);
        uint256 available = getAvailableToWithdraw(_assetOut);
        bool queued = amountToRedeem > available;
        if (queued) {
            QueueTotals storage q = queues[_assetOut];
            q.queuedWithdrawFilled += available;
            q.queuedWithdrawToFill += amountToRedeem;
            claimReserve[_assetOut] += available;
            withdrawQueued[keccak256(abi.encode(request, msg.sender))] = WithdrawQueueStatus(true, q.queuedWithdrawToFill);
        } else {
            claimReserve[_assetOut] += amountToRedeem;
        }
        withdrawRequests[msg.sender].push(request);
        emit WithdrawRequestCreated(
            withdrawRequestNonce,
            msg.sender,
            _assetOut,
            amountToRedeem,
            _amount,
            withdrawRequests[msg.sender].length - 1,
            queued,
            available
        );
    }

    function getOutstandingWithdrawRequests(address user) external view returns (uint256) {
        return withdrawRequests[user].length;
    }

    /// @notice Pays `user`'s request at `withdrawRequestIndex` (anyone may send it): the lesser of the
    /// amount at request time and at claim time. The last request of the array takes its index.
    function claim(uint256 withdrawRequestIndex, address user) external {
        if (paused) revert ClaimPaused();
        if (withdrawRequestIndex >= withdrawRequests[user].length) revert InvalidWithdrawIndex();
        WithdrawRequest memory request = withdrawRequests[user][withdrawRequestIndex];
        if (block.timestamp - request.createdAt < _cooldown()) revert EarlyClaim();
        WithdrawQueueStatus memory status = withdrawQueued[keccak256(abi.encode(request, user))];
        if (status.queued && status.fillAt > queues[request.collateralToken].queuedWithdrawFilled) {
            revert QueuedWithdrawalNotFilled();
        }
        (, uint256 nowAmount) = calculateAmountToRedeem(request.ezETHLocked, request.collateralToken);
        claimReserve[request.collateralToken] -= request.amountToRedeem;
        if (nowAmount < request.amountToRedeem) request.amountToRedeem = nowAmount;
        WithdrawRequest[] storage list = withdrawRequests[user];
        list[withdrawRequestIndex] = list[list.length - 1];
        list.pop();
        RenzoDoubleEzEthToken(ezETH).burn(address(this), request.ezETHLocked);
        if (request.collateralToken == RENZO_IS_NATIVE) {
            (bool ok,) = payable(user).call{value: request.amountToRedeem}("");
            if (!ok) revert TransferFailed();
        } else if (!IERC20(request.collateralToken).transfer(user, request.amountToRedeem)) {
            revert TransferFailed();
        }
        emit WithdrawRequestClaimed(request);
    }
}

/// @notice TEST DOUBLE of Renzo's RiskOracleMiddleware (no reference ABI; the fact sheet names
/// `withdrawCooldownPeriod()`): a second cooldown, set by the admin, that the claim also waits for.
contract RenzoDoubleRiskOracleMiddleware {
    error NotWithdrawQueueAdmin();

    address public immutable admin;
    uint256 public withdrawCooldownPeriod;

    constructor(uint256 withdrawCooldownPeriod_) {
        admin = msg.sender;
        withdrawCooldownPeriod = withdrawCooldownPeriod_;
    }

    function setWithdrawCooldownPeriod(uint256 seconds_) external {
        if (msg.sender != admin) revert NotWithdrawQueueAdmin();
        withdrawCooldownPeriod = seconds_;
    }
}

/// @notice TEST DOUBLE stand-in for the v1.7 WithdrawQueue implementation: only the v1.7 claim
/// form, `claim(uint256)` (0x379607f5), so the SDK's version probe can be tested against its code.
contract RenzoDoubleWithdrawQueueV17 {
    error EarlyClaim();

    function claim(uint256 withdrawRequestIndex) external pure {
        withdrawRequestIndex;
        revert EarlyClaim();
    }
}
