// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Eip2612Double} from "./Eip2612Double.sol";

// restakekit TEST DOUBLES of ether.fi's eETH / weETH contracts (LiquidityPool, EETH, WeETH,
// WithdrawRequestNFT, EtherFiRedemptionManager in its HEAD/2026-03 form and in its 2025-03 form, and a
// restaking node), written from the reference ABIs (etherfi-protocol/smart-contracts, compiled
// ABI-only) and the project's fact sheet, not from ether.fi's Solidity. The external functions, events
// and errors implemented here have ether.fi's signatures; roles are reduced to one admin (the deployer,
// which also plays EtherFiAdmin: rebase and finalizeRequests). Native ETH cannot be restaked through
// EigenPods on anvil: deposited ETH stays in the pool (or in the node, where `sendToNode` moves it as
// "out of LP"), and the node restakes an ERC-20 STAND-IN (the devnet EigenLayer fixture token) into the
// fixture strategy, delegated to a registered operator, so the backing is real EigenLayer state.

address constant ETHERFI_ETH_ADDRESS = 0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE;

/// @notice ether.fi's `PermitInput` (LiquidityPool, WeETH, EtherFiRedemptionManager): value first.
struct EtherFiPermitInput {
    uint256 value;
    uint256 deadline;
    uint8 v;
    bytes32 r;
    bytes32 s;
}

interface IEtherFiStrategyManager {
    function depositIntoStrategy(address strategy, address token, uint256 amount) external returns (uint256);
}

interface IEtherFiDelegationManager {
    struct SignatureWithExpiry {
        bytes signature;
        uint256 expiry;
    }

    function delegateTo(address operator, SignatureWithExpiry memory approverSignatureAndExpiry, bytes32 approverSalt)
        external;
}

/// @notice Double of ether.fi's EETH: a rebasing token whose balances are pool shares valued at the pool's rate,
/// with an EIP-2612 permit (TEST DOUBLE, Eip2612Double.sol; the domain name is `name()`, version "1").
contract EtherFiDoubleEETH is Eip2612Double {
    error IncorrectCaller();
    error ExpiredDeadline();
    error InvalidSignature();
    error TransferAmountExceedsBalance();
    error TransferAmountExceedsAllowance();
    error BurnAmountExceedsBalance();
    error AddressZero();

    event Transfer(address indexed from, address indexed to, uint256 value);
    event TransferShares(address indexed from, address indexed to, uint256 sharesValue);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    address public liquidityPool;
    uint256 public totalShares;
    mapping(address => uint256) public shares;
    mapping(address => mapping(address => uint256)) public allowances;
    address private immutable deployer;

    constructor() {
        deployer = msg.sender;
    }

    /// @notice One-time wiring (ether.fi initializes it with the pool).
    function setLiquidityPool(address pool) external {
        if (msg.sender != deployer || liquidityPool != address(0)) revert IncorrectCaller();
        liquidityPool = pool;
    }

    function name() external pure returns (string memory) {
        return "ether.fi ETH";
    }

    function symbol() external pure returns (string memory) {
        return "eETH";
    }

    function decimals() external pure returns (uint8) {
        return 18;
    }

    function totalSupply() external view returns (uint256) {
        return EtherFiDoubleLiquidityPool(payable(liquidityPool)).getTotalPooledEther();
    }

    function balanceOf(address _user) external view returns (uint256) {
        return EtherFiDoubleLiquidityPool(payable(liquidityPool)).getTotalEtherClaimOf(_user);
    }

    function allowance(address _owner, address _spender) external view returns (uint256) {
        return allowances[_owner][_spender];
    }

    function approve(address _spender, uint256 _amount) external returns (bool) {
        allowances[msg.sender][_spender] = _amount;
        emit Approval(msg.sender, _spender, _amount);
        return true;
    }

    function _eip712Name() internal pure override returns (string memory) {
        return "ether.fi ETH";
    }

    function _permitApprove(address owner, address spender, uint256 value) internal override {
        allowances[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _revertExpired(uint256) internal pure override {
        revert ExpiredDeadline();
    }

    function _revertInvalidSigner(address, address) internal pure override {
        revert InvalidSignature();
    }

    function transfer(address _recipient, uint256 _amount) external returns (bool) {
        _transfer(msg.sender, _recipient, _amount);
        return true;
    }

    function transferFrom(address _sender, address _recipient, uint256 _amount) external returns (bool) {
        uint256 current = allowances[_sender][msg.sender];
        if (current < _amount) revert TransferAmountExceedsAllowance();
        if (current != type(uint256).max) allowances[_sender][msg.sender] = current - _amount;
        _transfer(_sender, _recipient, _amount);
        return true;
    }

    function _transfer(address from, address to, uint256 amount) private {
        if (to == address(0)) revert AddressZero();
        uint256 share = EtherFiDoubleLiquidityPool(payable(liquidityPool)).sharesForAmount(amount);
        if (shares[from] < share) revert TransferAmountExceedsBalance();
        shares[from] -= share;
        shares[to] += share;
        emit Transfer(from, to, amount);
        emit TransferShares(from, to, share);
    }

    function mintShares(address _user, uint256 _share) external {
        if (msg.sender != liquidityPool) revert IncorrectCaller();
        shares[_user] += _share;
        totalShares += _share;
        emit TransferShares(address(0), _user, _share);
    }

    function burnShares(address _user, uint256 _share) external {
        if (msg.sender != liquidityPool) revert IncorrectCaller();
        if (shares[_user] < _share) revert BurnAmountExceedsBalance();
        shares[_user] -= _share;
        totalShares -= _share;
        emit TransferShares(_user, address(0), _share);
    }
}

/// @notice Double of ether.fi's LiquidityPool: ETH deposits for eETH shares, withdrawal requests
/// (pulling eETH, which must be approved to the pool), the rate, and the admin's rebase.
contract EtherFiDoubleLiquidityPool {
    error IncorrectCaller();
    error InvalidAmount();
    error InsufficientLiquidity();
    error SendFail();

    event Deposit(address indexed sender, uint256 amount, uint8 source, address referral);
    event Withdraw(address indexed sender, address recipient, uint256 amount, uint8 source);

    address public immutable etherFiAdminContract;
    EtherFiDoubleEETH public immutable eETH;
    address public withdrawRequestNFT;
    address public etherFiRedemptionManager;
    /// @dev The 2025-03-form redemption manager double, also allowed to pay out (version probing tests).
    address private legacyRedemptionManager;
    uint128 public totalValueOutOfLp;
    uint128 public totalValueInLp;
    uint256 public minWithdrawAmount;
    uint256 public maxWithdrawAmount = type(uint96).max;
    /// @notice Always false: this double has no pause.
    bool public constant paused = false;

    constructor(address eETH_) {
        etherFiAdminContract = msg.sender;
        eETH = EtherFiDoubleEETH(eETH_);
    }

    modifier onlyAdmin() {
        if (msg.sender != etherFiAdminContract) revert IncorrectCaller();
        _;
    }

    /// @notice One-time wiring of the NFT and the redemption managers (initializer in ether.fi).
    function setWithdrawalContracts(address nft, address redemptionManager, address legacy) external onlyAdmin {
        if (withdrawRequestNFT != address(0)) revert IncorrectCaller();
        withdrawRequestNFT = nft;
        etherFiRedemptionManager = redemptionManager;
        legacyRedemptionManager = legacy;
    }

    function _payer() private view returns (bool) {
        return msg.sender == withdrawRequestNFT || msg.sender == etherFiRedemptionManager
            || msg.sender == legacyRedemptionManager;
    }

    function setMinWithdrawAmount(uint256 amount) external onlyAdmin {
        minWithdrawAmount = amount;
    }

    function setMaxWithdrawAmount(uint256 amount) external onlyAdmin {
        maxWithdrawAmount = amount;
    }

    function getTotalPooledEther() public view returns (uint256) {
        return uint256(totalValueInLp) + uint256(totalValueOutOfLp);
    }

    /// @notice eETH shares worth `_amount` now, rounded down (1:1 before the first deposit).
    function sharesForAmount(uint256 _amount) public view returns (uint256) {
        uint256 pooled = getTotalPooledEther();
        if (pooled == 0) return 0;
        return (_amount * eETH.totalShares()) / pooled;
    }

    /// @notice eETH shares a withdrawal of `_amount` burns, rounded up.
    function sharesForWithdrawalAmount(uint256 _amount) public view returns (uint256) {
        uint256 pooled = getTotalPooledEther();
        if (pooled == 0) return 0;
        return (_amount * eETH.totalShares() + pooled - 1) / pooled;
    }

    /// @notice What `_share` eETH shares are worth now, rounded down.
    function amountForShare(uint256 _share) public view returns (uint256) {
        uint256 total = eETH.totalShares();
        if (total == 0) return 0;
        return (_share * getTotalPooledEther()) / total;
    }

    function getTotalEtherClaimOf(address _user) external view returns (uint256) {
        return amountForShare(eETH.shares(_user));
    }

    function deposit() external payable returns (uint256) {
        return _deposit(address(0));
    }

    function deposit(address _referral) external payable returns (uint256) {
        return _deposit(_referral);
    }

    function _deposit(address referral) private returns (uint256 share) {
        if (msg.value == 0) revert InvalidAmount();
        uint256 pooled = getTotalPooledEther();
        uint256 total = eETH.totalShares();
        share = (pooled == 0 || total == 0) ? msg.value : (msg.value * total) / pooled;
        if (share == 0) revert InvalidAmount();
        totalValueInLp += uint128(msg.value);
        eETH.mintShares(msg.sender, share);
        emit Deposit(msg.sender, msg.value, 0, referral);
    }

    /// @notice Locks `amount` eETH of the caller in the WithdrawRequestNFT (pulled with the caller's
    /// allowance to this pool) and mints `recipient` a request NFT; returns its id.
    function requestWithdraw(address recipient, uint256 amount) external returns (uint256) {
        return _requestWithdraw(recipient, amount);
    }

    /// @notice `requestWithdraw(_owner, _amount)` after the caller's eETH permit to this pool (one transaction).
    function requestWithdrawWithPermit(address _owner, uint256 _amount, EtherFiPermitInput calldata _permit)
        external
        returns (uint256)
    {
        eETH.permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s);
        return _requestWithdraw(_owner, _amount);
    }

    function _requestWithdraw(address recipient, uint256 amount) private returns (uint256) {
        if (amount < minWithdrawAmount || amount > maxWithdrawAmount || amount > type(uint96).max) {
            revert InvalidAmount();
        }
        uint256 share = sharesForAmount(amount);
        if (share == 0) revert InvalidAmount();
        if (!eETH.transferFrom(msg.sender, withdrawRequestNFT, amount)) revert SendFail();
        return EtherFiDoubleWithdrawRequestNFT(withdrawRequestNFT).requestWithdraw(uint96(amount), uint96(share), recipient);
    }

    /// @notice Pays `_amount` ETH out of the pool to `_recipient` (the NFT's claims, the redemption manager).
    function withdraw(address _recipient, uint256 _amount) external returns (uint256) {
        if (!_payer()) revert IncorrectCaller();
        if (_amount > totalValueInLp || _amount > address(this).balance) revert InsufficientLiquidity();
        totalValueInLp -= uint128(_amount);
        (bool ok,) = _recipient.call{value: _amount}("");
        if (!ok) revert SendFail();
        emit Withdraw(msg.sender, _recipient, _amount, 0);
        return _amount;
    }

    /// @notice Burns the caller's own eETH shares (the NFT and redemption manager, for what they paid out).
    function burnEEthShares(uint256 shares) external {
        if (!_payer()) revert IncorrectCaller();
        eETH.burnShares(msg.sender, shares);
    }

    /// @notice The oracle report (EtherFiAdmin): rewards (or, negative, a slash) accrued out of the LP.
    /// `_protocolFees` is accepted and not minted in this double.
    function rebase(int128 _accruedRewards, uint128 _protocolFees) external onlyAdmin {
        _protocolFees;
        totalValueOutOfLp = uint128(int128(totalValueOutOfLp) + _accruedRewards);
    }

    /// @notice Double hook (no ether.fi counterpart): moves `amount` ETH out of the LP to a node, as
    /// funding validators does; the ETH then counts as out of LP.
    function sendToNode(address payable node, uint256 amount) external onlyAdmin {
        if (amount > totalValueInLp) revert InsufficientLiquidity();
        totalValueInLp -= uint128(amount);
        totalValueOutOfLp += uint128(amount);
        (bool ok,) = node.call{value: amount}("");
        if (!ok) revert SendFail();
    }

    receive() external payable {}
}

/// @notice Double of ether.fi's WeETH: a non-rebasing wrapper holding eETH shares 1:1, with an EIP-2612
/// permit (TEST DOUBLE, Eip2612Double.sol; domain name `name()`, version "1"; revert strings as OpenZeppelin 4).
contract EtherFiDoubleWeETH is ERC20, Eip2612Double {
    error ZeroAmount();

    EtherFiDoubleEETH public immutable eETH;
    EtherFiDoubleLiquidityPool public immutable liquidityPool;

    constructor(address eETH_, address pool_) ERC20("Wrapped eETH", "weETH") {
        eETH = EtherFiDoubleEETH(eETH_);
        liquidityPool = EtherFiDoubleLiquidityPool(payable(pool_));
    }

    /// @notice Wraps `_eETHAmount` eETH (approved to this contract) into weETH; returns the weETH minted.
    function wrap(uint256 _eETHAmount) external returns (uint256 weETHAmount) {
        return _wrap(_eETHAmount);
    }

    /// @notice `wrap(_eETHAmount)` after the caller's eETH permit to this contract (one transaction).
    function wrapWithPermit(uint256 _eETHAmount, EtherFiPermitInput calldata _permit) external returns (uint256) {
        eETH.permit(msg.sender, address(this), _permit.value, _permit.deadline, _permit.v, _permit.r, _permit.s);
        return _wrap(_eETHAmount);
    }

    function _wrap(uint256 _eETHAmount) private returns (uint256 weETHAmount) {
        if (_eETHAmount == 0) revert ZeroAmount();
        weETHAmount = liquidityPool.sharesForAmount(_eETHAmount);
        eETH.transferFrom(msg.sender, address(this), _eETHAmount);
        _mint(msg.sender, weETHAmount);
    }

    /// @notice Unwraps `_weETHAmount` weETH into eETH; returns the eETH sent.
    function unwrap(uint256 _weETHAmount) external returns (uint256 eETHAmount) {
        if (_weETHAmount == 0) revert ZeroAmount();
        eETHAmount = liquidityPool.amountForShare(_weETHAmount);
        _burn(msg.sender, _weETHAmount);
        eETH.transfer(msg.sender, eETHAmount);
    }

    function getWeETHByeETH(uint256 _eETHAmount) external view returns (uint256) {
        return liquidityPool.sharesForAmount(_eETHAmount);
    }

    function getEETHByWeETH(uint256 _weETHAmount) public view returns (uint256) {
        return liquidityPool.amountForShare(_weETHAmount);
    }

    /// @notice eETH per 1e18 weETH.
    function getRate() external view returns (uint256) {
        return getEETHByWeETH(1 ether);
    }

    function _eip712Name() internal pure override returns (string memory) {
        return "Wrapped eETH";
    }

    function _permitApprove(address owner, address spender, uint256 value) internal override {
        _approve(owner, spender, value);
    }

    function _revertExpired(uint256) internal pure override {
        revert("ERC20Permit: expired deadline");
    }

    function _revertInvalidSigner(address, address) internal pure override {
        revert("ERC20Permit: invalid signature");
    }
}

/// @notice Double of ether.fi's WithdrawRequestNFT (HEAD form): one ERC-721 per request, finalized by
/// the admin up to an id with the payout frozen at finalization, claimed by the NFT's owner.
contract EtherFiDoubleWithdrawRequestNFT is ERC721 {
    error IncorrectCaller();
    error CannotFinalizeFutureRequests();
    error CannotUndoFinalization();
    error RequestNotFinalized();
    error RequestNotValid();
    error CannotInvalidateFinalizedRequest();

    event WithdrawRequestInvalidated(uint32 indexed requestId);
    event WithdrawRequestCreated(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);
    event WithdrawRequestClaimed(uint32 indexed requestId, uint256 amountOfEEth, uint256 shareOfEEth, address owner);

    struct WithdrawRequest {
        uint96 amountOfEEth;
        uint96 shareOfEEth;
        bool isValid;
        uint32 feeGwei;
    }

    address public immutable liquidityPool;
    address public immutable etherFiAdmin;
    uint32 public nextRequestId = 1;
    uint32 public lastFinalizedRequestId;
    uint128 public ethAmountLockedForWithdrawal;
    /// @notice Always false: this double has no pause.
    bool public constant paused = false;
    mapping(uint256 => WithdrawRequest) private requests;
    /// @dev The payout fixed at finalization (ether.fi freezes the share rate then).
    mapping(uint256 => uint256) private frozenAmount;

    constructor(address pool_) ERC721("Withdraw Request NFT", "WithdrawRequestNFT") {
        liquidityPool = pool_;
        etherFiAdmin = msg.sender;
    }

    function requestWithdraw(uint96 amountOfEEth, uint96 shareOfEEth, address recipient) external returns (uint256 id) {
        if (msg.sender != liquidityPool) revert IncorrectCaller();
        id = nextRequestId++;
        requests[id] = WithdrawRequest(amountOfEEth, shareOfEEth, true, 0);
        _mint(recipient, id);
        emit WithdrawRequestCreated(uint32(id), amountOfEEth, shareOfEEth, recipient);
    }

    function getRequest(uint256 requestId) external view returns (WithdrawRequest memory) {
        return requests[requestId];
    }

    function isValid(uint256 requestId) external view returns (bool) {
        return requests[requestId].isValid;
    }

    /// @notice `requestId <= lastFinalizedRequestId`: stays true after the request is claimed.
    function isFinalized(uint256 requestId) public view returns (bool) {
        return requestId <= lastFinalizedRequestId;
    }

    /// @notice Finalizes every request up to `requestId`: each pays min(its eETH amount, its shares at the rate now).
    function finalizeRequests(uint256 requestId) external {
        if (msg.sender != etherFiAdmin) revert IncorrectCaller();
        if (requestId >= nextRequestId) revert CannotFinalizeFutureRequests();
        if (requestId < lastFinalizedRequestId) revert CannotUndoFinalization();
        EtherFiDoubleLiquidityPool pool = EtherFiDoubleLiquidityPool(payable(liquidityPool));
        for (uint256 id = uint256(lastFinalizedRequestId) + 1; id <= requestId; id++) {
            WithdrawRequest memory r = requests[id];
            if (!r.isValid) continue;
            uint256 value = pool.amountForShare(r.shareOfEEth);
            uint256 amount = value < r.amountOfEEth ? value : r.amountOfEEth;
            frozenAmount[id] = amount;
            ethAmountLockedForWithdrawal += uint128(amount);
        }
        lastFinalizedRequestId = uint32(requestId);
    }

    /// @notice The admin invalidates a request before finalization (ether.fi can then seize it):
    /// it stays owned and, once finalized past, `isFinalized` is true while it is not claimable.
    function invalidateRequest(uint256 requestId) external {
        if (msg.sender != etherFiAdmin) revert IncorrectCaller();
        if (!requests[requestId].isValid) revert RequestNotValid();
        if (isFinalized(requestId)) revert CannotInvalidateFinalizedRequest();
        requests[requestId].isValid = false;
        emit WithdrawRequestInvalidated(uint32(requestId));
    }

    /// @notice ETH the request pays its owner when claimed (finalized and valid only).
    function getClaimableAmount(uint256 tokenId) public view returns (uint256) {
        WithdrawRequest memory r = requests[tokenId];
        if (!r.isValid) revert RequestNotValid();
        if (!isFinalized(tokenId)) revert RequestNotFinalized();
        return frozenAmount[tokenId] - uint256(r.feeGwei) * 1 gwei;
    }

    function claimWithdraw(uint256 tokenId) external {
        _claim(tokenId);
    }

    function batchClaimWithdraw(uint256[] calldata tokenIds) external {
        for (uint256 i = 0; i < tokenIds.length; i++) {
            _claim(tokenIds[i]);
        }
    }

    function _claim(uint256 tokenId) private {
        if (_ownerOf(tokenId) != msg.sender) revert IncorrectCaller();
        uint256 amount = getClaimableAmount(tokenId);
        WithdrawRequest memory r = requests[tokenId];
        _burn(tokenId);
        delete requests[tokenId];
        ethAmountLockedForWithdrawal -= uint128(frozenAmount[tokenId]);
        delete frozenAmount[tokenId];
        EtherFiDoubleLiquidityPool pool = EtherFiDoubleLiquidityPool(payable(liquidityPool));
        // the request's whole shares are burnt; the ETH paid is the frozen amount
        pool.burnEEthShares(r.shareOfEEth);
        pool.withdraw(msg.sender, amount);
        emit WithdrawRequestClaimed(uint32(tokenId), amount, r.shareOfEEth, msg.sender);
    }
}

/// @notice The redemption logic shared by both forms of the EtherFiRedemptionManager double: an
/// instant exit of eETH (or weETH) for ETH out of the pool's liquidity, less an exit fee split between
/// the treasury (eETH) and the stakers (burnt shares), rate-limited by a bucket in gwei.
abstract contract EtherFiDoubleRedemptionBase {
    error IncorrectCaller();
    error InvalidAmount();
    error ExceededRedeemable();
    error ExceedsMaxExitFee();

    struct BucketLimit {
        uint64 capacity;
        uint64 remaining;
        uint64 lastRefill;
        uint64 refillRate;
    }

    address public immutable admin;
    address public immutable treasury;
    EtherFiDoubleLiquidityPool public immutable liquidityPool;
    EtherFiDoubleEETH public immutable eEth;
    EtherFiDoubleWeETH public immutable weEth;
    BucketLimit internal bucket;
    uint16 internal exitFeeBps;
    uint16 internal treasurySplitBps;
    uint16 internal lowWatermarkBps;
    /// @notice Always false: this double has no pause.
    bool public constant paused = false;

    constructor(address pool_, address eEth_, address weEth_, address treasury_) {
        admin = msg.sender;
        liquidityPool = EtherFiDoubleLiquidityPool(payable(pool_));
        eEth = EtherFiDoubleEETH(eEth_);
        weEth = EtherFiDoubleWeETH(weEth_);
        treasury = treasury_;
        bucket = BucketLimit(type(uint64).max, type(uint64).max, uint64(block.timestamp), 0);
        exitFeeBps = 30;
        treasurySplitBps = 1000;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert IncorrectCaller();
        _;
    }

    function _bucketNow() internal view returns (BucketLimit memory b) {
        b = bucket;
        uint256 refilled = uint256(b.remaining) + uint256(b.refillRate) * (block.timestamp - b.lastRefill);
        b.remaining = uint64(refilled > b.capacity ? b.capacity : refilled);
        b.lastRefill = uint64(block.timestamp);
    }

    function _lowWatermarkInETH() internal view returns (uint256) {
        return (liquidityPool.getTotalPooledEther() * lowWatermarkBps) / 10_000;
    }

    /// @notice ETH redeemable now: the pool's liquidity not locked for finalized requests, above the
    /// low watermark, and within the bucket.
    function _totalRedeemable() internal view returns (uint256) {
        uint256 inLp = liquidityPool.totalValueInLp();
        uint256 locked =
            EtherFiDoubleWithdrawRequestNFT(liquidityPool.withdrawRequestNFT()).ethAmountLockedForWithdrawal();
        uint256 floor = locked + _lowWatermarkInETH();
        uint256 liquid = inLp > floor ? inLp - floor : 0;
        uint256 limit = uint256(_bucketNow().remaining) * 1 gwei;
        return liquid < limit ? liquid : limit;
    }

    function _previewRedeem(uint256 shares) internal view returns (uint256) {
        uint256 amount = liquidityPool.amountForShare(shares);
        return amount - (amount * exitFeeBps) / 10_000;
    }

    /// @dev Redeems `eEthAmount` eETH this contract already holds for the caller; returns the fee split.
    function _redeem(uint256 eEthAmount, address receiver)
        internal
        returns (uint256 ethOut, uint256 feeToTreasury, uint256 feeToStakers)
    {
        uint256 shares = liquidityPool.sharesForAmount(eEthAmount);
        uint256 value = liquidityPool.amountForShare(shares);
        ethOut = _previewRedeem(shares);
        if (ethOut == 0) revert InvalidAmount();
        if (value > _totalRedeemable()) revert ExceededRedeemable();
        uint256 fee = value - ethOut;
        feeToTreasury = (fee * treasurySplitBps) / 10_000;
        feeToStakers = fee - feeToTreasury;
        BucketLimit memory b = _bucketNow();
        b.remaining -= uint64((ethOut + 1 gwei - 1) / 1 gwei);
        bucket = b;
        uint256 treasuryShares = liquidityPool.sharesForAmount(feeToTreasury);
        if (treasuryShares > 0) eEth.transfer(treasury, feeToTreasury);
        // the rest of the shares is burnt: ethOut leaves the pool, the stakers' fee stays in it
        liquidityPool.burnEEthShares(eEth.shares(address(this)));
        liquidityPool.withdraw(receiver, ethOut);
    }

    /// @dev The caller's permit of `token` (eETH or weETH) to this contract, as the `*WithPermit` forms take first.
    function _permitFrom(Eip2612Double token, EtherFiPermitInput calldata p) internal {
        token.permit(msg.sender, address(this), p.value, p.deadline, p.v, p.r, p.s);
    }

    function _pullWeEth(uint256 weEthAmount) internal returns (uint256 eEthAmount) {
        weEth.transferFrom(msg.sender, address(this), weEthAmount);
        eEthAmount = weEth.unwrap(weEthAmount);
    }

    function _setExitFee(uint16 bps) internal {
        if (bps > 10_000) revert ExceedsMaxExitFee();
        exitFeeBps = bps;
    }
}

/// @notice Double of the EtherFiRedemptionManager in its HEAD / 2026-03 form (with `outputToken`; ETH only here).
contract EtherFiDoubleRedemptionManager is EtherFiDoubleRedemptionBase {
    error InvalidOutputToken();

    event Redeemed(
        address indexed receiver,
        uint256 redemptionAmount,
        uint256 feeAmountToTreasury,
        uint256 feeAmountToStakers,
        address token
    );

    constructor(address pool_, address eEth_, address weEth_, address treasury_)
        EtherFiDoubleRedemptionBase(pool_, eEth_, weEth_, treasury_)
    {}

    modifier onlyEth(address token) {
        if (token != ETHERFI_ETH_ADDRESS) revert InvalidOutputToken();
        _;
    }

    function ETH_ADDRESS() external pure returns (address) {
        return ETHERFI_ETH_ADDRESS;
    }

    function tokenToRedemptionInfo(address token)
        external
        view
        returns (BucketLimit memory limit, uint16 exitFeeSplitToTreasuryInBps, uint16 exitFeeInBps, uint16 lowWatermarkInBpsOfTvl)
    {
        if (token != ETHERFI_ETH_ADDRESS) return (limit, 0, 0, 0);
        return (_bucketNow(), treasurySplitBps, exitFeeBps, lowWatermarkBps);
    }

    function previewRedeem(uint256 shares, address token) external view onlyEth(token) returns (uint256) {
        return _previewRedeem(shares);
    }

    function totalRedeemableAmount(address token) external view onlyEth(token) returns (uint256) {
        return _totalRedeemable();
    }

    function canRedeem(uint256 amount, address token) external view onlyEth(token) returns (bool) {
        return amount <= _totalRedeemable();
    }

    function lowWatermarkInETH(address token) external view onlyEth(token) returns (uint256) {
        return _lowWatermarkInETH();
    }

    function redeemEEth(uint256 eEthAmount, address receiver, address outputToken) external onlyEth(outputToken) {
        eEth.transferFrom(msg.sender, address(this), eEthAmount);
        _emitRedeemed(eEthAmount, receiver);
    }

    function redeemWeEth(uint256 weEthAmount, address receiver, address outputToken) external onlyEth(outputToken) {
        _emitRedeemed(_pullWeEth(weEthAmount), receiver);
    }

    function redeemEEthWithPermit(
        uint256 eEthAmount,
        address receiver,
        EtherFiPermitInput calldata permit,
        address outputToken
    ) external onlyEth(outputToken) {
        _permitFrom(eEth, permit);
        eEth.transferFrom(msg.sender, address(this), eEthAmount);
        _emitRedeemed(eEthAmount, receiver);
    }

    function redeemWeEthWithPermit(
        uint256 weEthAmount,
        address receiver,
        EtherFiPermitInput calldata permit,
        address outputToken
    ) external onlyEth(outputToken) {
        _permitFrom(weEth, permit);
        _emitRedeemed(_pullWeEth(weEthAmount), receiver);
    }

    function _emitRedeemed(uint256 eEthAmount, address receiver) private {
        (uint256 out, uint256 toTreasury, uint256 toStakers) = _redeem(eEthAmount, receiver);
        emit Redeemed(receiver, out, toTreasury, toStakers, ETHERFI_ETH_ADDRESS);
    }

    function setExitFeeBasisPoints(uint16 _exitFeeInBps, address token) external onlyAdmin onlyEth(token) {
        _setExitFee(_exitFeeInBps);
    }

    function setCapacity(uint256 capacity, address token) external onlyAdmin onlyEth(token) {
        bucket = BucketLimit(uint64(capacity), uint64(capacity), uint64(block.timestamp), bucket.refillRate);
    }

    function setRefillRatePerSecond(uint256 refillRate, address token) external onlyAdmin onlyEth(token) {
        BucketLimit memory b = _bucketNow();
        b.refillRate = uint64(refillRate);
        bucket = b;
    }

    function setLowWatermarkInBpsOfTvl(uint16 _lowWatermarkInBpsOfTvl, address token) external onlyAdmin onlyEth(token) {
        lowWatermarkBps = _lowWatermarkInBpsOfTvl;
    }
}

/// @notice Double of the EtherFiRedemptionManager in its 2025-03 form (no `outputToken`; fee fields at top level).
contract EtherFiDoubleRedemptionManagerV2025 is EtherFiDoubleRedemptionBase {
    event Redeemed(address indexed receiver, uint256 redemptionAmount, uint256 feeAmountToTreasury, uint256 feeAmountToStakers);

    constructor(address pool_, address eEth_, address weEth_, address treasury_)
        EtherFiDoubleRedemptionBase(pool_, eEth_, weEth_, treasury_)
    {}

    function exitFeeInBps() external view returns (uint16) {
        return exitFeeBps;
    }

    function exitFeeSplitToTreasuryInBps() external view returns (uint16) {
        return treasurySplitBps;
    }

    function lowWatermarkInBpsOfTvl() external view returns (uint16) {
        return lowWatermarkBps;
    }

    function limit() external view returns (uint64 capacity, uint64 remaining, uint64 lastRefill, uint64 refillRate) {
        BucketLimit memory b = _bucketNow();
        return (b.capacity, b.remaining, b.lastRefill, b.refillRate);
    }

    function previewRedeem(uint256 shares) external view returns (uint256) {
        return _previewRedeem(shares);
    }

    function totalRedeemableAmount() external view returns (uint256) {
        return _totalRedeemable();
    }

    function canRedeem(uint256 amount) external view returns (bool) {
        return amount <= _totalRedeemable();
    }

    function redeemEEth(uint256 eEthAmount, address receiver) external {
        eEth.transferFrom(msg.sender, address(this), eEthAmount);
        _emitRedeemed(eEthAmount, receiver);
    }

    function redeemWeEth(uint256 weEthAmount, address receiver) external {
        _emitRedeemed(_pullWeEth(weEthAmount), receiver);
    }

    function redeemEEthWithPermit(uint256 eEthAmount, address receiver, EtherFiPermitInput calldata permit) external {
        _permitFrom(eEth, permit);
        eEth.transferFrom(msg.sender, address(this), eEthAmount);
        _emitRedeemed(eEthAmount, receiver);
    }

    function redeemWeEthWithPermit(uint256 weEthAmount, address receiver, EtherFiPermitInput calldata permit)
        external
    {
        _permitFrom(weEth, permit);
        _emitRedeemed(_pullWeEth(weEthAmount), receiver);
    }

    function _emitRedeemed(uint256 eEthAmount, address receiver) private {
        (uint256 out, uint256 toTreasury, uint256 toStakers) = _redeem(eEthAmount, receiver);
        emit Redeemed(receiver, out, toTreasury, toStakers);
    }

    function setExitFeeBasisPoints(uint16 _exitFeeInBps) external onlyAdmin {
        _setExitFee(_exitFeeInBps);
    }
}

/// @notice Double of an ether.fi restaking node (no reference ABI): an EigenLayer staker that holds the
/// ETH the pool sent it (native ETH stays here) and restakes an ERC-20 STAND-IN for it into the devnet's
/// EigenLayer strategy, delegated to an operator.
contract EtherFiDoubleNode {
    error IncorrectCaller();

    address public immutable admin;
    address public immutable strategyManager;
    address public immutable delegationManager;

    constructor(address strategyManager_, address delegationManager_) {
        admin = msg.sender;
        strategyManager = strategyManager_;
        delegationManager = delegationManager_;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert IncorrectCaller();
        _;
    }

    /// @notice Deposits `amount` of the stand-in token held here into `strategy`.
    function restake(address strategy, address token, uint256 amount) external onlyAdmin returns (uint256) {
        IERC20(token).approve(strategyManager, amount);
        return IEtherFiStrategyManager(strategyManager).depositIntoStrategy(strategy, token, amount);
    }

    function delegateTo(address operator) external onlyAdmin {
        IEtherFiDelegationManager(delegationManager).delegateTo(
            operator, IEtherFiDelegationManager.SignatureWithExpiry({signature: "", expiry: 0}), bytes32(0)
        );
    }

    receive() external payable {}
}
