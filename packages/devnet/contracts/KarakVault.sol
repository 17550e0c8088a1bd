// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

// restakekit TEST DOUBLE of the Karak v2 `Vault` — written for restakekit's devnet, NOT Karak's code.
//
// It implements the real external signatures, events and errors of karak-network/v2-contracts
// (commit 3b3b78f10bcb7879042fda6d9aa9f7ca238d2387, src/Vault.sol) and their documented semantics:
// - an ERC-4626 vault per operator and asset (conversions, previews, rounding: OpenZeppelin's
//   ERC4626 with no decimals offset, which rounds like the Solady ERC4626 Karak uses);
// - `deposit(assets, to)` / `deposit(assets, to, minSharesOut)` (reverts `NotEnoughShares` on
//   slippage), `mint`; zero amounts revert `ZeroAmount` / `ZeroShares`;
// - `startRedeem(shares, beneficiary)` escrows the shares in the vault and queues a withdrawal under
//   `withdrawalKey = keccak256(abi.encode(staker, nonce))`, the staker's nonce counting up from 0.
//   As in Karak, the vault pulls the shares with `transferFrom` as itself, so the staker must first
//   `approve(vault, shares)` on the vault's own share token;
// - `finishRedeem(key)` (anyone may call it) pays `convertToAssets(shares)` at finish time to the
//   beneficiary once `start + MIN_WITHDRAWAL_DELAY <= block.timestamp` (9 days), else reverts
//   `MinWithdrawDelayNotPassed`; an unknown or finished key reverts `WithdrawalNotFound`;
// - ERC-4626 `withdraw` / `redeem` revert `NotImplemented`;
// - `slashAssets` (only Core, the owner) sends assets to the asset's slashing handler, which lowers
//   `totalAssets` and so every share's value, including shares escrowed in queued withdrawals.
// Differences: no pausing, no `permit`/`extSloads`, ERC-20 share-token errors other than the two
// raised by `startRedeem` are OpenZeppelin's; vaults are EIP-1167 clones of an implementation (Karak
// uses ERC-1967 beacon proxies), so they cannot be upgraded.

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20, IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import "./KarakTypes.sol";

/// Karak's slashing handler interface: pulls `amount` of `token` from the vault (which approved it).
interface IKarakSlashingHandler {
    function handleSlashing(IERC20 token, uint256 amount) external;
}

contract KarakVault is ERC4626, Initializable {
    string public constant VERSION = "2.0.0";

    /// The withdrawal delay (Karak `Constants.MIN_WITHDRAWAL_DELAY`, 9 days). A view only on this double.
    uint256 public constant MIN_WITHDRAWAL_DELAY = KarakConstants.MIN_WITHDRAWAL_DELAY;

    // keccak256("restakekit.karak.vault.config"): the config lives at a fixed slot so that
    // `vaultConfig()` can be `pure`, as in Karak's ABI.
    bytes32 private constant CONFIG_SLOT = 0x8a74a5f8f9e8e4a1c498466f6e95069f1aeab90d71ab12f8af33dabbd1b933f9;

    address private _core;
    mapping(address staker => uint256) private _withdrawNonce;
    mapping(bytes32 withdrawalKey => KarakQueuedWithdrawal) private _withdrawals;

    /// The implementation: no asset, no initializer (clones are initialized by Core).
    constructor() ERC4626(IERC20(address(0))) ERC20("", "") {
        _disableInitializers();
    }

    function initialize(
        address _owner,
        address _operator,
        address _depositToken,
        string memory _name,
        string memory _symbol,
        bytes memory _extraData
    ) external initializer {
        if (_owner == address(0) || _depositToken == address(0)) revert ZeroAddress();
        _core = _owner;
        KarakVaultConfig storage config = _config();
        config.asset = _depositToken;
        config.operator = _operator;
        config.name = _name;
        config.symbol = _symbol;
        config.extraData = _extraData;
        // as Karak: the token's decimals when it answers, else 18
        (bool ok, bytes memory data) = _depositToken.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        config.decimals = ok && data.length >= 32 && abi.decode(data, (uint256)) <= type(uint8).max
            ? uint8(abi.decode(data, (uint256)))
            : 18;
    }

    // ------------------------------------------------------------ deposits

    function deposit(uint256 assets, address to) public override returns (uint256 shares) {
        if (assets == 0) revert ZeroAmount();
        shares = _depositAssets(assets, to);
    }

    /// Deposit with slippage protection: reverts `NotEnoughShares` if fewer than `minSharesOut` are minted.
    function deposit(uint256 assets, address to, uint256 minSharesOut) external returns (uint256 shares) {
        if (assets == 0) revert ZeroAmount();
        shares = _depositAssets(assets, to);
        if (shares < minSharesOut) revert NotEnoughShares();
    }

    function mint(uint256 shares, address to) public override returns (uint256 assets) {
        if (shares == 0) revert ZeroShares();
        if (shares > maxMint(to)) revert MintMoreThanMax();
        assets = previewMint(shares);
        _deposit(msg.sender, to, assets, shares);
    }

    function _depositAssets(uint256 assets, address to) private returns (uint256 shares) {
        if (assets > maxDeposit(to)) revert DepositMoreThanMax();
        shares = previewDeposit(assets);
        _deposit(msg.sender, to, assets, shares);
    }

    // ------------------------------------------------------------ the withdrawal queue

    function startRedeem(uint256 shares, address beneficiary) external returns (bytes32 withdrawalKey) {
        if (shares == 0) revert ZeroShares();
        if (beneficiary == address(0)) revert ZeroAddress();
        address staker = msg.sender;
        uint256 assets = convertToAssets(shares);

        withdrawalKey = keccak256(abi.encode(staker, _withdrawNonce[staker]++));
        _withdrawals[withdrawalKey] = KarakQueuedWithdrawal({
            staker: staker,
            start: uint96(block.timestamp),
            shares: shares,
            beneficiary: beneficiary
        });

        // Karak: `this.transferFrom(msg.sender, address(this), shares)` — spends the staker's
        // allowance to the vault itself (Solady errors: allowance first, then balance).
        if (allowance(staker, address(this)) < shares) revert InsufficientAllowance();
        if (balanceOf(staker) < shares) revert InsufficientBalance();
        _spendAllowance(staker, address(this), shares);
        _transfer(staker, address(this), shares);

        emit StartedRedeem(staker, _config().operator, shares, withdrawalKey, assets);
    }

    function finishRedeem(bytes32 withdrawalKey) external {
        KarakQueuedWithdrawal memory queued = _withdrawals[withdrawalKey];
        if (queued.start == 0) revert WithdrawalNotFound();
        if (queued.start + KarakConstants.MIN_WITHDRAWAL_DELAY > block.timestamp) {
            revert MinWithdrawDelayNotPassed();
        }
        if (queued.shares > maxRedeem(address(this))) revert RedeemMoreThanMax();
        uint256 assets = convertToAssets(queued.shares);

        delete _withdrawals[withdrawalKey];
        _withdraw(address(this), queued.beneficiary, address(this), assets, queued.shares);

        emit FinishedRedeem(
            queued.staker, queued.beneficiary, _config().operator, queued.shares, assets, withdrawalKey
        );
    }

    function getNextWithdrawNonce(address staker) public view returns (uint256) {
        return _withdrawNonce[staker];
    }

    function isWithdrawalPending(address staker, uint256 _withdrawNonce_) public view returns (bool) {
        return _withdrawals[keccak256(abi.encode(staker, _withdrawNonce_))].start > 0;
    }

    function getQueuedWithdrawal(address staker, uint256 _withdrawNonce_)
        public
        view
        returns (KarakQueuedWithdrawal memory)
    {
        return _withdrawals[keccak256(abi.encode(staker, _withdrawNonce_))];
    }

    // `withdraw` and `redeem` stay nonpayable (solc suggests pure) to keep Karak's ABI.

    /// ERC-4626 `withdraw` is not implemented by Karak vaults: use `startRedeem` / `finishRedeem`.
    function withdraw(uint256, address, address) public override returns (uint256) {
        revert NotImplemented();
    }

    /// ERC-4626 `redeem` is not implemented by Karak vaults: use `startRedeem` / `finishRedeem`.
    function redeem(uint256, address, address) public override returns (uint256) {
        revert NotImplemented();
    }

    // ------------------------------------------------------------ slashing (Core only)

    function slashAssets(uint256 totalAssetsToSlash, address slashingHandler)
        external
        returns (uint256 transferAmount)
    {
        if (msg.sender != _core) revert Unauthorized();
        uint256 total = totalAssets();
        transferAmount = totalAssetsToSlash < total ? totalAssetsToSlash : total;
        IERC20 token = IERC20(asset());
        SafeERC20.forceApprove(token, slashingHandler, transferAmount);
        IKarakSlashingHandler(slashingHandler).handleSlashing(token, transferAmount);
        emit Slashed(transferAmount);
    }

    // ------------------------------------------------------------ views

    function owner() external view returns (address) {
        return _core;
    }

    function vaultConfig() public pure returns (KarakVaultConfig memory) {
        return _config();
    }

    function asset() public view override returns (address) {
        return _config().asset;
    }

    function name() public view override(ERC20, IERC20Metadata) returns (string memory) {
        return _config().name;
    }

    function symbol() public view override(ERC20, IERC20Metadata) returns (string memory) {
        return _config().symbol;
    }

    function decimals() public view override returns (uint8) {
        return _config().decimals;
    }

    function totalAssets() public view override returns (uint256) {
        return IERC20(asset()).balanceOf(address(this));
    }

    // ------------------------------------------------------------ internals

    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal override {
        SafeERC20.safeTransferFrom(IERC20(asset()), caller, address(this), assets);
        _mint(receiver, shares);
        emit Deposit(caller, receiver, assets, shares);
    }

    function _withdraw(address caller, address receiver, address owner_, uint256 assets, uint256 shares)
        internal
        override
    {
        _burn(owner_, shares);
        SafeERC20.safeTransfer(IERC20(asset()), receiver, assets);
        emit Withdraw(caller, receiver, owner_, assets, shares);
    }

    function _config() private pure returns (KarakVaultConfig storage config) {
        bytes32 slot = CONFIG_SLOT;
        assembly {
            config.slot := slot
        }
    }
}
