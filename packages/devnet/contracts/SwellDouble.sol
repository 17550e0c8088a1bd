// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";

// restakekit TEST DOUBLES of Swell's rswETH contracts (RswETH, RswEXIT and the AccessControlManager's
// address book), written here from the reference ABIs (SwellNetwork/v3-core-public contracts/lrt, HEAD
// ba1eeff, compiled ABI-only) and the project's fact sheet, not from Swell's Solidity. The external
// functions, events and errors implemented have Swell's signatures; Swell's roles (bot, PROCESS_WITHDRAWALS,
// platform admin) are reduced to one admin, the deployer, whom the tests play. Reward fees are 0.
//
// Restaking: Swell restakes native ETH through EigenPods, which cannot run on anvil. Here the admin moves
// ETH from rswETH to a module (standing for the validators' deposits; the generic stand-in module double
// of PufferDouble.sol) which restakes an ERC-20 STAND-IN of the same amount (the devnet's EigenLayer
// fixture token) for real into the fixture strategy, delegated to a registered EigenLayer operator. As on
// mainnet, the rate only moves when the bot calls `reprice` with the reserves it computed off chain.

/// @notice TEST DOUBLE of Swell's AccessControlManager, reduced to the address book the adapter reads.
contract SwellDoubleAccessControlManager {
    event UpdatedRswETH(address newAddress, address oldAddress);
    event UpdatedRswEXIT(address newAddress, address oldAddress);

    address public immutable admin;
    address public rswETH;
    address public rswEXIT;
    bool public constant withdrawalsPaused = false;
    bool public constant coreMethodsPaused = false;

    constructor() {
        admin = msg.sender;
    }

    function setRswETH(address _rswETH) external {
        require(msg.sender == admin, "only admin");
        emit UpdatedRswETH(_rswETH, rswETH);
        rswETH = _rswETH;
    }

    function setRswEXIT(address _rswEXIT) external {
        require(msg.sender == admin, "only admin");
        emit UpdatedRswEXIT(_rswEXIT, rswEXIT);
        rswEXIT = _rswEXIT;
    }
}

/// @notice TEST DOUBLE of RswETH: ETH in at `ethToRswETHRate`, a stored `rswETHToETHRate` set by `reprice`.
contract SwellDoubleRswETH is ERC20 {
    error CannotBeZeroAddress();
    error CannotReferSelf();
    error CannotRepriceWithZeroRswETHSupply();
    error InvalidETHDeposit();
    error InvalidMethodCall();

    event ETHDepositReceived(
        address indexed from, uint256 amount, uint256 rswETHMinted, uint256 newTotalETHDeposited, address indexed referral
    );
    event Reprice(
        uint256 newEthReserves,
        uint256 newRswETHToETHRate,
        uint256 nodeOperatorRewards,
        uint256 swellTreasuryRewards,
        uint256 totalETHDeposited
    );

    address public immutable AccessControlManager;
    address public immutable admin;
    address public module;
    uint256 public totalETHDeposited;
    uint256 public lastRepriceETHReserves;
    uint256 public lastRepriceUNIX;
    uint256 private _rswETHToETHRate = 1e18;

    constructor(address accessControlManager) ERC20("rswETH", "rswETH") {
        AccessControlManager = accessControlManager;
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert InvalidMethodCall();
        _;
    }

    modifier onlyExit() {
        if (msg.sender != SwellDoubleAccessControlManager(AccessControlManager).rswEXIT()) revert InvalidMethodCall();
        _;
    }

    receive() external payable {}

    function setModule(address module_) external onlyAdmin {
        module = module_;
    }

    function rswETHToETHRate() public view returns (uint256) {
        return _rswETHToETHRate;
    }

    function getRate() external view returns (uint256) {
        return _rswETHToETHRate;
    }

    function ethToRswETHRate() public view returns (uint256) {
        return (1e18 * 1e18) / _rswETHToETHRate;
    }

    function deposit() external payable {
        _deposit(address(0));
    }

    function depositWithReferral(address referral) external payable {
        if (referral == msg.sender) revert CannotReferSelf();
        _deposit(referral);
    }

    function _deposit(address referral) private {
        if (msg.value == 0) revert InvalidETHDeposit();
        uint256 minted = (msg.value * ethToRswETHRate()) / 1e18;
        totalETHDeposited += msg.value;
        _mint(msg.sender, minted);
        emit ETHDepositReceived(msg.sender, msg.value, minted, totalETHDeposited, referral);
    }

    /// @notice The bot's reprice: the new rate is (reserves + rewards) / supply (no reward fees in the double).
    function reprice(uint256 _preRewardETHReserves, uint256 _newETHRewards, uint256 _rswETHTotalSupply)
        external
        onlyAdmin
    {
        if (_rswETHTotalSupply == 0) revert CannotRepriceWithZeroRswETHSupply();
        uint256 reserves = _preRewardETHReserves + _newETHRewards;
        _rswETHToETHRate = (reserves * 1e18) / _rswETHTotalSupply;
        lastRepriceETHReserves = reserves;
        lastRepriceUNIX = block.timestamp;
        emit Reprice(reserves, _rswETHToETHRate, 0, 0, totalETHDeposited);
    }

    /// @notice rswEXIT burns the rswETH of processed requests (Swell's burner role).
    function burn(uint256 amount) external onlyExit {
        _burn(msg.sender, amount);
    }

    /// @notice Admin step of the devnet: ETH to the module (the validators' deposits, see the label).
    function sendToModule(uint256 amount) external onlyAdmin {
        (bool ok,) = module.call{value: amount}("");
        require(ok, "ETH transfer failed");
    }

    /// @notice rswEXIT's hook: the ETH of processed withdrawals (on mainnet the deposit manager sends it).
    function payExit(uint256 amount) external onlyExit {
        (bool ok,) = msg.sender.call{value: amount}("");
        require(ok, "ETH transfer failed");
    }
}

/// @notice TEST DOUBLE of RswEXIT: withdrawal requests are NFTs. `createWithdrawRequest` locks rswETH
/// at the rate then; `processWithdrawals` (the admin here) processes every request up to a token id at
/// the rate then; the NFT's owner finalizes and is paid `amount × min(rateWhenCreated, processedRate)` in ETH.
contract SwellDoubleRswEXIT is ERC721Enumerable {
    error CannotProcessWithdrawalsForNonExistentToken();
    error InvalidMethodCall();
    error LastTokenIdToProcessMustBeGreaterOrEqualThanPrevious();
    error WithdrawRequestMaximumMustBeGreaterOrEqualToMinimum();
    error WithdrawRequestMinimumMustBeLessOrEqualToMaximum();
    error WithdrawRequestTooLarge(uint256 amount, uint256 limit);
    error WithdrawRequestTooSmall(uint256 amount, uint256 minimum);
    error WithdrawalRequestDoesNotExist();
    error WithdrawalRequestFinalizationOnlyAllowedForNFTOwner();
    error WithdrawalRequestNotProcessed();

    event ETHReceived(address indexed sender, uint256 amount);
    event WithdrawRequestCreated(
        uint256 tokenId,
        uint256 amount,
        uint256 timestamp,
        uint256 indexed lastTokenIdProcessed,
        uint256 rateWhenCreated,
        address indexed owner
    );
    event WithdrawalClaimed(address indexed owner, uint256 tokenId, uint256 exitClaimedETH);
    event WithdrawalRequestMaximumUpdated(uint256 oldLimit, uint256 newLimit);
    event WithdrawalRequestMinimumUpdated(uint256 oldMinimum, uint256 newMinimum);
    event WithdrawalsProcessed(
        uint256 fromTokenId,
        uint256 toTokenId,
        uint256 processedRate,
        uint256 processedExitingETH,
        uint256 processedExitedETH
    );

    struct WithdrawRequest {
        uint256 amount;
        uint256 lastTokenIdProcessed;
        uint256 rateWhenCreated;
    }

    struct Checkpoint {
        uint256 lastTokenId;
        uint256 rate;
    }

    address public immutable AccessControlManager;
    address public immutable admin;
    uint256 public withdrawRequestMinimum = 0.005 ether;
    uint256 public withdrawRequestMaximum = 500 ether;
    uint256 public exitingETH;
    uint256 public totalETHExited;
    mapping(uint256 => WithdrawRequest) public withdrawalRequests;

    uint256 private _lastTokenIdCreated;
    uint256 private _lastTokenIdProcessed;
    Checkpoint[] private _checkpoints;

    constructor(address accessControlManager) ERC721("rswEXIT", "rswEXIT") {
        AccessControlManager = accessControlManager;
        admin = msg.sender;
    }

    modifier onlyAdmin() {
        if (msg.sender != admin) revert InvalidMethodCall();
        _;
    }

    receive() external payable {
        emit ETHReceived(msg.sender, msg.value);
    }

    function _rswETH() private view returns (SwellDoubleRswETH) {
        return SwellDoubleRswETH(payable(SwellDoubleAccessControlManager(AccessControlManager).rswETH()));
    }

    function getLastTokenIdCreated() external view returns (uint256) {
        return _lastTokenIdCreated;
    }

    function getLastTokenIdProcessed() external view returns (uint256) {
        return _lastTokenIdProcessed;
    }

    function setWithdrawRequestMinimum(uint256 _withdrawRequestMinimum) external onlyAdmin {
        if (_withdrawRequestMinimum > withdrawRequestMaximum) revert WithdrawRequestMinimumMustBeLessOrEqualToMaximum();
        emit WithdrawalRequestMinimumUpdated(withdrawRequestMinimum, _withdrawRequestMinimum);
        withdrawRequestMinimum = _withdrawRequestMinimum;
    }

    function setWithdrawRequestMaximum(uint256 _withdrawRequestMaximum) external onlyAdmin {
        if (_withdrawRequestMaximum < withdrawRequestMinimum) revert WithdrawRequestMaximumMustBeGreaterOrEqualToMinimum();
        emit WithdrawalRequestMaximumUpdated(withdrawRequestMaximum, _withdrawRequestMaximum);
        withdrawRequestMaximum = _withdrawRequestMaximum;
    }

    function createWithdrawRequest(uint256 amount) external {
        if (amount < withdrawRequestMinimum) revert WithdrawRequestTooSmall(amount, withdrawRequestMinimum);
        if (amount > withdrawRequestMaximum) revert WithdrawRequestTooLarge(amount, withdrawRequestMaximum);
        SwellDoubleRswETH rswETH = _rswETH();
        rswETH.transferFrom(msg.sender, address(this), amount);
        uint256 rate = rswETH.rswETHToETHRate();
        uint256 tokenId = ++_lastTokenIdCreated;
        withdrawalRequests[tokenId] =
            WithdrawRequest({amount: amount, lastTokenIdProcessed: _lastTokenIdProcessed, rateWhenCreated: rate});
        exitingETH += (amount * rate) / 1e18;
        _safeMint(msg.sender, tokenId);
        emit WithdrawRequestCreated(tokenId, amount, block.timestamp, _lastTokenIdProcessed, rate, msg.sender);
    }

    /// @notice Processes every request up to `_lastTokenIdToProcess` at rswETH's rate now (PROCESS_WITHDRAWALS role).
    function processWithdrawals(uint256 _lastTokenIdToProcess) external onlyAdmin {
        if (_lastTokenIdToProcess < _lastTokenIdProcessed) revert LastTokenIdToProcessMustBeGreaterOrEqualThanPrevious();
        if (_lastTokenIdToProcess > _lastTokenIdCreated) revert CannotProcessWithdrawalsForNonExistentToken();
        SwellDoubleRswETH rswETH = _rswETH();
        uint256 processedRate = rswETH.rswETHToETHRate();
        uint256 from = _lastTokenIdProcessed + 1;
        uint256 exiting;
        uint256 exited;
        uint256 toBurn;
        for (uint256 id = from; id <= _lastTokenIdToProcess; id++) {
            WithdrawRequest memory r = withdrawalRequests[id];
            exiting += (r.amount * r.rateWhenCreated) / 1e18;
            uint256 rate = r.rateWhenCreated < processedRate ? r.rateWhenCreated : processedRate;
            exited += (r.amount * rate) / 1e18;
            toBurn += r.amount;
        }
        _checkpoints.push(Checkpoint({lastTokenId: _lastTokenIdToProcess, rate: processedRate}));
        _lastTokenIdProcessed = _lastTokenIdToProcess;
        exitingETH -= exiting;
        if (exited > 0) rswETH.payExit(exited);
        if (toBurn > 0) rswETH.burn(toBurn);
        emit WithdrawalsProcessed(from, _lastTokenIdToProcess, processedRate, exiting, exited);
    }

    function getProcessedRateForTokenId(uint256 tokenId) public view returns (bool isProcessed, uint256 processedRate) {
        if (tokenId == 0 || tokenId > _lastTokenIdProcessed) return (false, 0);
        for (uint256 i = 0; i < _checkpoints.length; i++) {
            if (_checkpoints[i].lastTokenId >= tokenId) return (true, _checkpoints[i].rate);
        }
        return (false, 0);
    }

    /// @notice The NFT's owner is paid `amount × min(rateWhenCreated, processedRate)` in ETH; the NFT is burnt.
    function finalizeWithdrawal(uint256 tokenId) external {
        if (_ownerOf(tokenId) == address(0)) revert WithdrawalRequestDoesNotExist();
        if (ownerOf(tokenId) != msg.sender) revert WithdrawalRequestFinalizationOnlyAllowedForNFTOwner();
        (bool processed, uint256 processedRate) = getProcessedRateForTokenId(tokenId);
        if (!processed) revert WithdrawalRequestNotProcessed();
        WithdrawRequest memory r = withdrawalRequests[tokenId];
        uint256 rate = r.rateWhenCreated < processedRate ? r.rateWhenCreated : processedRate;
        uint256 payout = (r.amount * rate) / 1e18;
        delete withdrawalRequests[tokenId];
        _burn(tokenId);
        totalETHExited += payout;
        (bool ok,) = msg.sender.call{value: payout}("");
        require(ok, "ETH transfer failed");
        emit WithdrawalClaimed(msg.sender, tokenId, payout);
    }
}
