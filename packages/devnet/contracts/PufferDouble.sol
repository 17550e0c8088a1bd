// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Eip2612Double} from "./Eip2612Double.sol";

/// @notice Puffer's `Permit` (PufferWithdrawalManager, PufferDepositor): deadline first, then amount.
struct PufferPermit {
    uint256 deadline;
    uint256 amount;
    uint8 v;
    bytes32 r;
    bytes32 s;
}

// restakekit TEST DOUBLES of Puffer's pufETH contracts (PufferVaultV5 and PufferWithdrawalManager),
// written here from the reference ABIs (PufferFinance/puffer-contracts mainnet-contracts, HEAD 3806000
// and v1.5.0, compiled ABI-only) and the project's fact sheet, not from Puffer's Solidity. The external
// functions, events and errors implemented have Puffer's signatures; Puffer's AccessManager roles are
// reduced to one admin (the deployer), who also plays the withdrawal finalizer. The vault is an ERC-4626
// over WETH (a WETH9-like double below) that also takes native ETH.
//
// Restaking: Puffer restakes native ETH through EigenPods, which cannot run on anvil (no beacon state).
// Here the admin moves ETH from the vault to a module (standing for the validators' deposits) and the
// module restakes an ERC-20 STAND-IN of the same amount (the devnet's EigenLayer fixture token) for
// real into the fixture strategy, delegated to a registered EigenLayer operator. The vault counts the
// stand-in's EigenLayer withdrawable shares, valued by the strategy, as ETH 1:1: a real slash of the
// operator lowers pufETH's rate.

interface IPufferDoubleStrategyManager {
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256);
}

interface IPufferDoubleDelegationManager {
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

interface IPufferDoubleStrategy {
    function sharesToUnderlyingView(uint256 amountShares) external view returns (uint256);
}

/// @notice TEST DOUBLE of WETH9: wraps ETH 1:1 (`deposit` payable, `withdraw`).
contract PufferDoubleWETH is ERC20 {
    constructor() ERC20("Wrapped Ether", "WETH") {}

    function deposit() public payable {
        _mint(msg.sender, msg.value);
    }

    function withdraw(uint256 amount) external {
        _burn(msg.sender, amount);
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "WETH: ETH transfer failed");
    }

    receive() external payable {
        deposit();
    }
}

/// @notice TEST DOUBLE of a Puffer module (no reference ABI): an EigenLayer staker that restakes the
/// ERC-20 stand-in it holds into the fixture strategy and is delegated to an operator. The ETH it
/// receives from the vault stands for the validators' deposits and is not counted again.
contract PufferDoubleModule {
    error AccessManagedUnauthorized(address caller);

    address public immutable admin;
    address public immutable strategyManager;
    address public immutable delegationManager;
    address public immutable strategy;
    address public immutable token;

    constructor(address strategyManager_, address delegationManager_, address strategy_, address token_) {
        admin = msg.sender;
        strategyManager = strategyManager_;
        delegationManager = delegationManager_;
        strategy = strategy_;
        token = token_;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    receive() external payable {}

    /// @notice Restakes this module's whole balance of the stand-in into the strategy.
    function restake() external onlyAdmin returns (uint256 shares) {
        uint256 amount = IERC20(token).balanceOf(address(this));
        IERC20(token).approve(strategyManager, amount);
        shares = IPufferDoubleStrategyManager(strategyManager).depositIntoStrategy(strategy, token, amount);
    }

    function delegateTo(address operator) external onlyAdmin {
        IPufferDoubleDelegationManager(delegationManager).delegateTo(
            operator, IPufferDoubleDelegationManager.SignatureWithExpiry({signature: "", expiry: 0}), bytes32(0)
        );
    }

    /// @notice What the restaked stand-in is worth now (withdrawable shares, after slashing), in ETH 1:1.
    function restakedValue() external view returns (uint256) {
        address[] memory strategies = new address[](1);
        strategies[0] = strategy;
        (uint256[] memory withdrawable,) =
            IPufferDoubleDelegationManager(delegationManager).getWithdrawableShares(address(this), strategies);
        return IPufferDoubleStrategy(strategy).sharesToUnderlyingView(withdrawable[0]);
    }
}

/// @notice Shared body of the two vault doubles: an ERC-4626 over WETH with native-ETH deposits, the
/// 1-step exit (`withdraw`/`redeem`, paid in WETH, limited by the vault's liquidity) with an exit fee
/// in basis points, no deposit and withdrawal in one transaction, and the hooks the withdrawal
/// manager uses (`transferETH`, `burn`).
/// pufETH has an EIP-2612 permit and ERC-5267's `eip712Domain` (TEST DOUBLE, Eip2612Double.sol; domain
/// name "pufETH", version "1"; OpenZeppelin 5's ERC2612 errors, as in the reference ABI).
abstract contract PufferDoubleVaultBase is ERC4626, Eip2612Double {
    using Math for uint256;

    error AccessManagedUnauthorized(address caller);
    error ERC2612ExpiredSignature(uint256 deadline);
    error ERC2612InvalidSigner(address signer, address owner);
    error DepositAndWithdrawalForbidden();
    error ETHTransferFailed();
    error InvalidExitFeeBasisPoints();

    event ExitFeeBasisPointsSet(uint256 previousFee, uint256 newFee);
    event TransferredETH(address indexed to, uint256 amount);
    event UpdatedTotalRewardsAmount(
        uint256 previousTotalRewardsAmount, uint256 newTotalRewardsAmount, uint256 depositedETHAmount
    );

    uint256 internal constant _MAX_EXIT_FEE_BASIS_POINTS = 250;
    /// @dev transient slot marking a deposit in the current transaction
    bytes32 private constant _DEPOSIT_TRACKER = keccak256("restakekit.puffer-double.deposited");

    address public immutable admin;
    address public withdrawalManager;
    address public module;
    uint256 internal _exitFeeBasisPoints;
    uint256 internal _totalRewardDepositAmount;

    constructor(address weth) ERC4626(IERC20(weth)) ERC20("pufETH", "pufETH") {
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    modifier onlyWithdrawalManager() {
        if (msg.sender != withdrawalManager) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    receive() external payable {}

    /// @notice One-time wiring (Puffer grants the manager its role through the AccessManager).
    function setWithdrawalManager(address manager) external onlyAdmin {
        withdrawalManager = manager;
    }

    function setModule(address module_) external onlyAdmin {
        module = module_;
    }

    // ---- assets and rate

    /// @notice WETH and ETH held plus the module's restaked stand-in (ETH 1:1).
    function totalAssets() public view override returns (uint256) {
        uint256 restaked = module == address(0) ? 0 : PufferDoubleModule(payable(module)).restakedValue();
        return IERC20(asset()).balanceOf(address(this)) + address(this).balance + restaked;
    }

    function convertToSharesUp(uint256 assets) external view returns (uint256) {
        return _convertToShares(assets, Math.Rounding.Ceil);
    }

    // ---- deposits

    function depositETH(address receiver) external payable returns (uint256 shares) {
        _markDeposit();
        // msg.value is already in the balance: price it against the assets before it
        shares = msg.value.mulDiv(totalSupply() + 1, totalAssets() - msg.value + 1, Math.Rounding.Floor);
        _mint(receiver, shares);
        emit Deposit(msg.sender, receiver, msg.value, shares);
    }

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        _markDeposit();
        super._deposit(caller, receiver, assets, shares);
    }

    /// @notice Rewards (restricted in Puffer): ETH added without minting, so the rate rises.
    function depositRewards() external payable onlyAdmin {
        uint256 previous = _totalRewardDepositAmount;
        _totalRewardDepositAmount += msg.value;
        emit UpdatedTotalRewardsAmount(previous, _totalRewardDepositAmount, msg.value);
    }

    function getTotalRewardDepositAmount() external view returns (uint256) {
        return _totalRewardDepositAmount;
    }

    /// @notice Admin step of the devnet: ETH to the module (the validators' deposits, see the label).
    function sendToModule(uint256 amount) external onlyAdmin {
        _ensureETH(amount);
        (bool ok,) = module.call{value: amount}("");
        if (!ok) revert ETHTransferFailed();
    }

    // ---- exit fees

    function getExitFeeBasisPoints() public view returns (uint256) {
        return _exitFeeBasisPoints;
    }

    function setExitFeeBasisPoints(uint256 newExitFeeBasisPoints) external onlyAdmin {
        if (newExitFeeBasisPoints > _MAX_EXIT_FEE_BASIS_POINTS) revert InvalidExitFeeBasisPoints();
        emit ExitFeeBasisPointsSet(_exitFeeBasisPoints, newExitFeeBasisPoints);
        _exitFeeBasisPoints = newExitFeeBasisPoints;
    }

    /// @dev the treasury's share of the fee (0 in the v1.5.0 form)
    function _treasuryFeeBasisPoints() internal view virtual returns (uint256);

    function _treasury() internal view virtual returns (address);

    function _totalFeeBasisPoints() internal view returns (uint256) {
        return _exitFeeBasisPoints + _treasuryFeeBasisPoints();
    }

    // ---- the 1-step exit

    /// @notice Shares burnt for `assets` out: the fee is charged on top of the assets.
    function previewWithdraw(uint256 assets) public view override returns (uint256) {
        uint256 fee = assets.mulDiv(_totalFeeBasisPoints(), 10_000, Math.Rounding.Ceil);
        return _convertToShares(assets + fee, Math.Rounding.Ceil);
    }

    /// @notice Assets out for `shares`: their value less the fee included in it.
    function previewRedeem(uint256 shares) public view override returns (uint256) {
        uint256 assets = _convertToAssets(shares, Math.Rounding.Floor);
        uint256 bps = _totalFeeBasisPoints();
        return assets - assets.mulDiv(bps, bps + 10_000, Math.Rounding.Ceil);
    }

    function _liquidity() internal view returns (uint256) {
        return IERC20(asset()).balanceOf(address(this)) + address(this).balance;
    }

    function maxWithdraw(address owner) public view override returns (uint256) {
        uint256 own = previewRedeem(balanceOf(owner));
        uint256 liquid = _liquidity();
        // the treasury's part leaves the vault too
        uint256 t = _treasuryFeeBasisPoints();
        uint256 payable_ = liquid.mulDiv(10_000, 10_000 + t, Math.Rounding.Floor);
        return own < payable_ ? own : payable_;
    }

    function maxRedeem(address owner) public view override returns (uint256) {
        uint256 own = balanceOf(owner);
        uint256 byLiquidity = previewWithdraw(maxWithdraw(owner));
        return own < byLiquidity ? own : byLiquidity;
    }

    function _withdraw(address caller, address receiver, address owner, uint256 assets, uint256 shares)
        internal
        override
    {
        if (_deposited()) revert DepositAndWithdrawalForbidden();
        uint256 treasuryFee = assets.mulDiv(_treasuryFeeBasisPoints(), 10_000, Math.Rounding.Floor);
        _ensureWETH(assets + treasuryFee);
        super._withdraw(caller, receiver, owner, assets, shares);
        if (treasuryFee > 0) IERC20(asset()).transfer(_treasury(), treasuryFee);
    }

    // ---- the withdrawal manager's hooks (restricted in Puffer)

    function transferETH(address to, uint256 ethAmount) external onlyWithdrawalManager {
        _ensureETH(ethAmount);
        (bool ok,) = to.call{value: ethAmount}("");
        if (!ok) revert ETHTransferFailed();
        emit TransferredETH(to, ethAmount);
    }

    function burn(uint256 shares) external onlyWithdrawalManager {
        _burn(msg.sender, shares);
    }

    // ---- EIP-2612 (Eip2612Double) and ERC-5267

    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        return (hex"0f", _eip712Name(), "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    function _eip712Name() internal pure override returns (string memory) {
        return "pufETH";
    }

    function _permitApprove(address owner, address spender, uint256 value) internal override {
        _approve(owner, spender, value);
    }

    function _revertExpired(uint256 deadline) internal pure override {
        revert ERC2612ExpiredSignature(deadline);
    }

    function _revertInvalidSigner(address signer, address owner) internal pure override {
        revert ERC2612InvalidSigner(signer, owner);
    }

    // ---- internals

    function _ensureWETH(uint256 amount) private {
        uint256 held = IERC20(asset()).balanceOf(address(this));
        if (held < amount) PufferDoubleWETH(payable(asset())).deposit{value: amount - held}();
    }

    function _ensureETH(uint256 amount) private {
        uint256 held = address(this).balance;
        if (held < amount) PufferDoubleWETH(payable(asset())).withdraw(amount - held);
    }

    function _markDeposit() private {
        bytes32 slot = _DEPOSIT_TRACKER;
        assembly {
            tstore(slot, 1)
        }
    }

    function _deposited() private view returns (bool d) {
        bytes32 slot = _DEPOSIT_TRACKER;
        assembly {
            d := tload(slot)
        }
    }
}

/// @notice TEST DOUBLE of PufferVaultV5 (v1.6.0+ form): the exit fee has a treasury part.
contract PufferDoubleVault is PufferDoubleVaultBase {
    event TreasuryExitFeeBasisPointsSet(
        uint96 previousFee, uint96 newFee, address indexed previousTreasury, address indexed newTreasury
    );

    uint96 private _treasuryExitFeeBasisPoints;
    address private _treasuryAddress;

    constructor(address weth) PufferDoubleVaultBase(weth) {}

    function getTreasuryExitFeeBasisPoints() external view returns (uint96) {
        return _treasuryExitFeeBasisPoints;
    }

    function getTotalExitFeeBasisPoints() external view returns (uint256) {
        return _totalFeeBasisPoints();
    }

    function getTreasury() external view returns (address) {
        return _treasuryAddress;
    }

    function setTreasuryExitFeeBasisPoints(uint96 newTreasuryExitFeeBasisPoints, address newTreasury)
        external
        onlyAdmin
    {
        if (newTreasuryExitFeeBasisPoints > _MAX_EXIT_FEE_BASIS_POINTS) revert InvalidExitFeeBasisPoints();
        emit TreasuryExitFeeBasisPointsSet(
            _treasuryExitFeeBasisPoints, newTreasuryExitFeeBasisPoints, _treasuryAddress, newTreasury
        );
        _treasuryExitFeeBasisPoints = newTreasuryExitFeeBasisPoints;
        _treasuryAddress = newTreasury;
    }

    function _treasuryFeeBasisPoints() internal view override returns (uint256) {
        return _treasuryExitFeeBasisPoints;
    }

    function _treasury() internal view override returns (address) {
        return _treasuryAddress;
    }
}

/// @notice TEST DOUBLE of the v1.5.0 vault form: one exit fee, no treasury (no `getTotalExitFeeBasisPoints`).
contract PufferDoubleVaultV150 is PufferDoubleVaultBase {
    constructor(address weth) PufferDoubleVaultBase(weth) {}

    function _treasuryFeeBasisPoints() internal pure override returns (uint256) {
        return 0;
    }

    function _treasury() internal pure override returns (address) {
        return address(0);
    }
}

/// @notice An EIP-1967 proxy (OpenZeppelin's) for the version probe's tests: its implementation slot
/// points at a vault double.
contract PufferDoubleProxy is ERC1967Proxy {
    constructor(address implementation) ERC1967Proxy(implementation, "") {}
}

/// @notice TEST DOUBLE of PufferWithdrawalManager: the 2-step exit. Requests (one per transaction, at
/// least 0.01 pufETH) lock pufETH at the vault's rate then; they are grouped into batches of
/// BATCH_SIZE; the finalizer (the admin here) finalizes full batches in order at the rate then; a
/// public `completeQueuedWithdrawal` pays `pufETHAmount × min(requestRate, batchRate)` in WETH.
/// Batch 0 is a full dummy batch, finalized at deploy, so real requests start at index BATCH_SIZE.
contract PufferDoubleWithdrawalManager {
    error AccessManagedUnauthorized(address caller);
    error BatchAlreadyFinalized(uint256 batchIndex);
    error BatchesAreNotFull();
    error InvalidMaxWithdrawalAmount();
    error MultipleWithdrawalsAreForbidden();
    error NotFinalized();
    error TransferFailed();
    error WithdrawalAlreadyCompleted();
    error WithdrawalAmountTooHigh();
    error WithdrawalAmountTooLow();
    error WithdrawalToZeroAddress();

    event BatchFinalized(
        uint256 indexed batchIdx, uint256 expectedETHAmount, uint256 actualEthAmount, uint256 pufETHBurnAmount
    );
    event MaxWithdrawalAmountChanged(uint256 oldMaxWithdrawalAmount, uint256 newMaxWithdrawalAmount);
    event WithdrawalCompleted(
        uint256 indexed withdrawalIdx, uint256 ethPayoutAmount, uint256 payoutExchangeRate, address indexed recipient
    );
    event WithdrawalRequested(
        uint256 indexed withdrawalIdx, uint256 indexed batchIdx, uint256 pufETHAmount, address indexed recipient
    );

    struct Withdrawal {
        uint128 pufETHAmount;
        uint128 pufETHToETHExchangeRate;
        address recipient;
    }

    struct WithdrawalBatch {
        uint64 pufETHToETHExchangeRate;
        uint88 toBurn;
        uint96 toTransfer;
        uint128 withdrawalsClaimed;
        uint128 amountClaimed;
    }

    uint256 public constant MIN_WITHDRAWAL_AMOUNT = 0.01 ether;
    /// @dev transient slot marking a request in the current transaction
    bytes32 private constant _REQUEST_TRACKER = keccak256("restakekit.puffer-double.requested");

    uint256 public immutable BATCH_SIZE;
    address public immutable PUFFER_VAULT;
    address public immutable WETH;
    address public immutable admin;

    Withdrawal[] private _withdrawals;
    mapping(uint256 => WithdrawalBatch) private _batches;
    uint256 private _finalizedWithdrawalBatch;
    uint256 private _maxWithdrawalAmount;

    constructor(uint256 batchSize, address vault, address weth) {
        admin = msg.sender;
        BATCH_SIZE = batchSize;
        PUFFER_VAULT = vault;
        WETH = weth;
        _maxWithdrawalAmount = type(uint128).max;
        for (uint256 i = 0; i < batchSize; i++) {
            _withdrawals.push(Withdrawal({pufETHAmount: 0, pufETHToETHExchangeRate: 0, recipient: address(0)}));
        }
        // the dummy batch 0 counts as finalized
        _finalizedWithdrawalBatch = 0;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert AccessManagedUnauthorized(msg.sender);
        _;
    }

    receive() external payable {}

    function requestWithdrawal(uint128 pufETHAmount, address recipient) external {
        _requestWithdrawal(pufETHAmount, recipient);
    }

    /// @notice `requestWithdrawal(permitData.amount, recipient)` after the caller's pufETH permit to this
    /// manager (one transaction): the permit's amount is the request's.
    function requestWithdrawalWithPermit(PufferPermit calldata permitData, address recipient) external {
        PufferDoubleVaultBase(payable(PUFFER_VAULT)).permit(
            msg.sender, address(this), permitData.amount, permitData.deadline, permitData.v, permitData.r, permitData.s
        );
        _requestWithdrawal(uint128(permitData.amount), recipient);
    }

    function _requestWithdrawal(uint128 pufETHAmount, address recipient) private {
        bytes32 slot = _REQUEST_TRACKER;
        uint256 already;
        assembly {
            already := tload(slot)
            tstore(slot, 1)
        }
        if (already != 0) revert MultipleWithdrawalsAreForbidden();
        if (pufETHAmount < MIN_WITHDRAWAL_AMOUNT) revert WithdrawalAmountTooLow();
        if (pufETHAmount > _maxWithdrawalAmount) revert WithdrawalAmountTooHigh();
        if (recipient == address(0)) revert WithdrawalToZeroAddress();
        if (!IERC20(PUFFER_VAULT).transferFrom(msg.sender, address(this), pufETHAmount)) revert TransferFailed();

        uint256 rate = ERC4626(PUFFER_VAULT).convertToAssets(1 ether);
        uint256 idx = _withdrawals.length;
        uint256 batchIdx = idx / BATCH_SIZE;
        WithdrawalBatch storage batch = _batches[batchIdx];
        batch.toBurn += uint88(pufETHAmount);
        batch.toTransfer += uint96((uint256(pufETHAmount) * rate) / 1 ether);
        _withdrawals.push(
            Withdrawal({pufETHAmount: pufETHAmount, pufETHToETHExchangeRate: uint128(rate), recipient: recipient})
        );
        emit WithdrawalRequested(idx, batchIdx, pufETHAmount, recipient);
    }

    /// @notice Finalizes every batch up to `withdrawalBatchIndex` (each must be full) at the vault's rate now.
    function finalizeWithdrawals(uint256 withdrawalBatchIndex) external onlyAdmin {
        if (withdrawalBatchIndex <= _finalizedWithdrawalBatch) revert BatchAlreadyFinalized(withdrawalBatchIndex);
        if ((withdrawalBatchIndex + 1) * BATCH_SIZE > _withdrawals.length) revert BatchesAreNotFull();
        for (uint256 b = _finalizedWithdrawalBatch + 1; b <= withdrawalBatchIndex; b++) {
            WithdrawalBatch storage batch = _batches[b];
            uint256 batchRate = ERC4626(PUFFER_VAULT).convertToAssets(1 ether);
            uint256 expected = batch.toTransfer;
            uint256 actual = (uint256(batch.toBurn) * batchRate) / 1 ether;
            uint256 amount = expected < actual ? expected : actual;
            batch.pufETHToETHExchangeRate = uint64(batchRate);
            PufferDoubleVaultBase(payable(PUFFER_VAULT)).transferETH(address(this), amount);
            PufferDoubleVaultBase(payable(PUFFER_VAULT)).burn(batch.toBurn);
            emit BatchFinalized(b, expected, actual, batch.toBurn);
        }
        _finalizedWithdrawalBatch = withdrawalBatchIndex;
    }

    /// @notice Public: pays the request's recipient `pufETHAmount × min(requestRate, batchRate)` in WETH.
    function completeQueuedWithdrawal(uint256 withdrawalIdx) external {
        uint256 batchIdx = withdrawalIdx / BATCH_SIZE;
        if (batchIdx > _finalizedWithdrawalBatch) revert NotFinalized();
        Withdrawal storage w = _withdrawals[withdrawalIdx];
        address recipient = w.recipient;
        if (recipient == address(0)) revert WithdrawalAlreadyCompleted();
        WithdrawalBatch storage batch = _batches[batchIdx];
        uint256 rate = w.pufETHToETHExchangeRate < batch.pufETHToETHExchangeRate
            ? w.pufETHToETHExchangeRate
            : batch.pufETHToETHExchangeRate;
        uint256 payout = (uint256(w.pufETHAmount) * rate) / 1 ether;
        w.recipient = address(0);
        batch.withdrawalsClaimed += 1;
        batch.amountClaimed += uint128(payout);
        PufferDoubleWETH(payable(WETH)).deposit{value: payout}();
        if (!IERC20(WETH).transfer(recipient, payout)) revert TransferFailed();
        emit WithdrawalCompleted(withdrawalIdx, payout, rate, recipient);
    }

    function changeMaxWithdrawalAmount(uint256 newMaxWithdrawalAmount) external onlyAdmin {
        if (newMaxWithdrawalAmount < MIN_WITHDRAWAL_AMOUNT) revert InvalidMaxWithdrawalAmount();
        emit MaxWithdrawalAmountChanged(_maxWithdrawalAmount, newMaxWithdrawalAmount);
        _maxWithdrawalAmount = newMaxWithdrawalAmount;
    }

    function getMaxWithdrawalAmount() external view returns (uint256) {
        return _maxWithdrawalAmount;
    }

    function getFinalizedWithdrawalBatch() external view returns (uint256) {
        return _finalizedWithdrawalBatch;
    }

    function getWithdrawalsLength() external view returns (uint256) {
        return _withdrawals.length;
    }

    function getWithdrawal(uint256 withdrawalIdx) external view returns (Withdrawal memory) {
        return _withdrawals[withdrawalIdx];
    }

    function getBatch(uint256 batchIdx) external view returns (WithdrawalBatch memory) {
        return _batches[batchIdx];
    }
}
