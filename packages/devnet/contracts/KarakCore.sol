// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

// restakekit TEST DOUBLE of the Karak v2 `Core` — written for restakekit's devnet, NOT Karak's code.
//
// It implements the real external signatures, events and errors of karak-network/v2-contracts
// (commit 3b3b78f10bcb7879042fda6d9aa9f7ca238d2387: src/Core.sol, src/entities/{CoreLib,Operator,
// SlasherLib}.sol, src/interfaces/Constants.sol) and their documented semantics:
// - `initialize` (owner = caller, manager and veto-committee roles), asset allowlist with a slashing
//   handler per asset, vault implementation allowlist;
// - DSS registration (`registerDSS`, the caller must be a contract, max slashable percent wad once,
//   0 < p <= 100e18), operator registration to a DSS (at most 32 DSSs per operator);
// - `deployVaults(configs, vaultImpl)`: one vault per config for the caller (the operator), assets must
//   be allowlisted, `vaultImpl` 0 = the standard implementation, at most 32 vaults per operator,
//   salt = keccak256(abi.encodePacked(operator, asset, vaultNonce)); here an EIP-1167 clone of the
//   implementation (Karak deploys an ERC-1967 beacon proxy whose beacon is Core);
// - vault stake in a DSS: `requestUpdateVaultStakeInDSS` then, after `MIN_STAKE_UPDATE_DELAY`
//   (9 days), `finalizeUpdateVaultStakeInDSS`; one pending update per vault;
// - slashing: `requestSlashing` by the DSS (per-vault percent wad, each <= the DSS's maximum, vaults
//   staked to the DSS, no duplicates, `SLASHING_COOLDOWN` between requests), `cancelSlashing` by the
//   veto committee, `finalizeSlashing` by anyone after `SLASHING_VETO_WINDOW` (2 days), which takes
//   `percentWad * totalAssets / 100e18` from each still-staked vault to the asset's slashing handler.
// Differences: no DSS hooks (no `supportsInterface` probing, no gas limits), no pausing, no
// upgrades, no `extSloads`; the constants are also exposed as public views (Karak compiles them in).

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import "./KarakTypes.sol";

interface IKarakVaultDouble {
    function initialize(
        address _owner,
        address _operator,
        address _depositToken,
        string memory _name,
        string memory _symbol,
        bytes memory _extraData
    ) external;
    function slashAssets(uint256 totalAssetsToSlash, address slashingHandler) external returns (uint256);
    function totalAssets() external view returns (uint256);
    function asset() external view returns (address);
    function vaultConfig() external pure returns (KarakVaultConfig memory);
}

contract KarakCore is Initializable {
    using EnumerableSet for EnumerableSet.AddressSet;

    string public constant VERSION = "2.0.0";

    // Karak's constants (src/interfaces/Constants.sol), as views.
    uint256 public constant SLASHING_WINDOW = KarakConstants.SLASHING_WINDOW;
    uint256 public constant SLASHING_VETO_WINDOW = KarakConstants.SLASHING_VETO_WINDOW;
    uint256 public constant MIN_STAKE_UPDATE_DELAY = KarakConstants.MIN_STAKE_UPDATE_DELAY;
    uint256 public constant MIN_WITHDRAWAL_DELAY = KarakConstants.MIN_WITHDRAWAL_DELAY;
    uint256 public constant SLASHING_COOLDOWN = KarakConstants.SLASHING_COOLDOWN;
    uint256 public constant MAX_SLASHING_PERCENT_WAD = KarakConstants.MAX_SLASHING_PERCENT_WAD;
    uint256 public constant MAX_VAULTS_PER_OPERATOR = KarakConstants.MAX_VAULTS_PER_OPERATOR;
    uint256 public constant MAX_DSS_PER_OPERATOR = KarakConstants.MAX_DSS_PER_OPERATOR;
    uint256 public constant MANAGER_ROLE = KarakConstants.MANAGER_ROLE;
    uint256 public constant VETO_COMMITTEE_ROLE = KarakConstants.VETO_COMMITTEE_ROLE;

    struct OperatorState {
        EnumerableSet.AddressSet vaults;
        EnumerableSet.AddressSet dssSet;
        mapping(address dss => EnumerableSet.AddressSet) vaultsStakedInDss;
        mapping(address dss => uint256) nextSlashableTimestamp;
        mapping(address vault => bytes32) pendingStakeUpdates;
        mapping(address vault => uint256) pendingSlashingsInVault;
    }

    address private _owner;
    mapping(address user => uint256) private _roles;
    address private _vaultImpl;
    address private _vetoCommittee;
    uint96 private _vaultNonce;
    uint96 private _nonce;
    mapping(address operator => OperatorState) private _operators;
    mapping(address vault => address) private _vaultToImpl;
    mapping(address impl => bool) private _allowlistedVaultImpl;
    mapping(address asset => address) private _assetSlashingHandlers;
    mapping(bytes32 slashRoot => bool) private _slashingRequests;
    mapping(address dss => uint256) private _dssMaxSlashablePercentageWad;

    function initialize(
        address _vaultImpl_,
        address _manager,
        address _vetoCommittee_,
        uint32 _hookCallGasLimit,
        uint32 _supportsInterfaceGasLimit,
        uint32 _hookGasBuffer
    ) external initializer {
        if (_vaultImpl_ == address(0) || _vetoCommittee_ == address(0)) revert ZeroAddress();
        _owner = msg.sender;
        _roles[_manager] |= KarakConstants.MANAGER_ROLE;
        _roles[_vetoCommittee_] |= KarakConstants.VETO_COMMITTEE_ROLE;
        _vaultImpl = _vaultImpl_;
        _vetoCommittee = _vetoCommittee_;
        emit InitializeCore(
            msg.sender,
            _vaultImpl_,
            _manager,
            _vetoCommittee_,
            _hookCallGasLimit,
            _supportsInterfaceGasLimit,
            _hookGasBuffer
        );
    }

    modifier onlyOwner() {
        if (msg.sender != _owner) revert Unauthorized();
        _;
    }

    modifier onlyRolesOrOwner(uint256 roles) {
        if (msg.sender != _owner && _roles[msg.sender] & roles == 0) revert Unauthorized();
        _;
    }

    // ------------------------------------------------------------ admin

    function allowlistAssets(address[] memory assets, address[] memory slashingHandlers)
        external
        onlyRolesOrOwner(KarakConstants.MANAGER_ROLE)
    {
        if (assets.length != slashingHandlers.length) revert LengthsDontMatch();
        for (uint256 i = 0; i < assets.length; i++) {
            if (slashingHandlers[i] == address(0) || assets[i] == address(0)) revert ZeroAddress();
            _assetSlashingHandlers[assets[i]] = slashingHandlers[i];
        }
        emit AllowlistedAssets(assets, slashingHandlers);
    }

    function allowlistVaultImpl(address vaultImpl) external onlyOwner {
        if (vaultImpl == address(0)) revert ZeroAddress();
        if (vaultImpl == KarakConstants.DEFAULT_VAULT_IMPLEMENTATION_FLAG) revert ReservedAddress();
        _allowlistedVaultImpl[vaultImpl] = true;
        emit AllowlistedVaultImpl(vaultImpl);
    }

    // ------------------------------------------------------------ DSS and operators

    function registerDSS(uint256 maxSlashablePercentageWad) external {
        if (msg.sender.code.length == 0) revert NotSmartContract();
        if (_dssMaxSlashablePercentageWad[msg.sender] != 0) revert DSSAlreadyRegistered();
        if (maxSlashablePercentageWad == 0) revert ZeroSlashPercentageWad();
        if (maxSlashablePercentageWad > KarakConstants.MAX_SLASHING_PERCENT_WAD) {
            revert MaxSlashPercentageWadBreached();
        }
        _dssMaxSlashablePercentageWad[msg.sender] = maxSlashablePercentageWad;
        emit DSSRegistered(msg.sender, maxSlashablePercentageWad);
    }

    function registerOperatorToDSS(address dss, bytes memory) external {
        if (!isDSSRegistered(dss)) revert DSSNotRegistered();
        OperatorState storage op = _operators[msg.sender];
        if (op.dssSet.contains(dss)) revert OperatorAlreadyRegisteredToDSS();
        if (op.dssSet.length() == KarakConstants.MAX_DSS_PER_OPERATOR) revert MaxDSSCapacityReached();
        op.dssSet.add(dss);
        emit RegisteredOperatorToDSS(msg.sender, dss);
    }

    function unregisterOperatorFromDSS(address dss) external {
        _checkOperatorInDSS(msg.sender, dss);
        OperatorState storage op = _operators[msg.sender];
        if (op.vaultsStakedInDss[dss].length() != 0) revert AllVaultsNotUnstakedFromDSS();
        op.dssSet.remove(dss);
        emit UnregisteredOperatorToDSS(msg.sender, dss);
    }

    // ------------------------------------------------------------ vaults

    function deployVaults(KarakVaultConfig[] calldata vaultConfigs, address vaultImpl)
        external
        returns (address[] memory vaults)
    {
        if (!(vaultImpl == address(0) || isVaultImplAllowListed(vaultImpl))) revert VaultImplNotAllowlisted();
        for (uint256 i = 0; i < vaultConfigs.length; i++) {
            if (_assetSlashingHandlers[vaultConfigs[i].asset] == address(0)) revert AssetNotAllowlisted();
        }
        address recorded = vaultImpl == address(0) ? KarakConstants.DEFAULT_VAULT_IMPLEMENTATION_FLAG : vaultImpl;
        address code = vaultImpl == address(0) ? _vaultImpl : vaultImpl;
        address operator = msg.sender;
        OperatorState storage op = _operators[operator];
        vaults = new address[](vaultConfigs.length);
        for (uint256 i = 0; i < vaultConfigs.length; i++) {
            KarakVaultConfig calldata config = vaultConfigs[i];
            bytes32 salt = keccak256(abi.encodePacked(operator, config.asset, _vaultNonce++));
            address expected = Clones.predictDeterministicAddress(code, salt);
            _vaultToImpl[expected] = recorded;
            address vault = Clones.cloneDeterministic(code, salt);
            IKarakVaultDouble(vault).initialize(
                address(this), operator, config.asset, config.name, config.symbol, config.extraData
            );
            if (vault != expected) revert VaultCreationFailedAddrMismatch(expected, vault);
            emit NewVault(vault, recorded);
            if (op.vaults.length() == KarakConstants.MAX_VAULTS_PER_OPERATOR) revert MaxVaultCapacityReached();
            op.vaults.add(vault);
            vaults[i] = vault;
            emit DeployedVault(operator, vault, config.asset);
        }
    }

    // ------------------------------------------------------------ stake of a vault in a DSS

    function requestUpdateVaultStakeInDSS(KarakStakeUpdateRequest memory vaultStakeUpdateRequest)
        external
        returns (KarakQueuedStakeUpdate memory updatedStake)
    {
        address operator = msg.sender;
        KarakStakeUpdateRequest memory req = vaultStakeUpdateRequest;
        _checkOperatorInDSS(operator, req.dss);
        OperatorState storage op = _operators[operator];
        if (op.pendingStakeUpdates[req.vault] != bytes32(0)) revert PendingStakeUpdateRequest();
        if (!op.vaults.contains(req.vault)) revert VaultNotAChildVault();
        bool staked = op.vaultsStakedInDss[req.dss].contains(req.vault);
        if (req.toStake && staked) revert VaultAlreadyStakedInDSS();
        if (!req.toStake && !staked) revert VaultNotStakedInDSS();
        updatedStake = KarakQueuedStakeUpdate({
            nonce: uint48(_nonce++),
            startTimestamp: uint48(block.timestamp),
            operator: operator,
            updateRequest: req
        });
        op.pendingStakeUpdates[req.vault] = keccak256(abi.encode(updatedStake));
        emit RequestedStakeUpdate(updatedStake);
    }

    function finalizeUpdateVaultStakeInDSS(KarakQueuedStakeUpdate memory queuedStake) external {
        KarakStakeUpdateRequest memory req = queuedStake.updateRequest;
        _checkOperatorInDSS(queuedStake.operator, req.dss);
        OperatorState storage op = _operators[queuedStake.operator];
        if (queuedStake.startTimestamp + KarakConstants.MIN_STAKE_UPDATE_DELAY > block.timestamp) {
            revert OperatorStakeUpdateDelayNotPassed();
        }
        if (keccak256(abi.encode(queuedStake)) != op.pendingStakeUpdates[req.vault]) {
            revert InvalidQueuedStakeUpdateInput();
        }
        if (req.toStake) op.vaultsStakedInDss[req.dss].add(req.vault);
        else op.vaultsStakedInDss[req.dss].remove(req.vault);
        delete op.pendingStakeUpdates[req.vault];
        emit FinishedStakeUpdate(queuedStake);
    }

    // ------------------------------------------------------------ slashing

    function requestSlashing(KarakSlashRequest calldata slashingRequest)
        external
        returns (KarakQueuedSlashing memory queuedSlashing)
    {
        address dss = msg.sender;
        _checkOperatorInDSS(slashingRequest.operator, dss);
        OperatorState storage op = _operators[slashingRequest.operator];
        if (block.timestamp < op.nextSlashableTimestamp[dss]) revert SlashingCooldownNotPassed();
        uint256 n = slashingRequest.vaults.length;
        if (slashingRequest.slashPercentagesWad.length != n) revert LengthsDontMatch();
        if (n > KarakConstants.MAX_SLASHABLE_VAULTS_PER_REQUEST) revert MaxSlashableVaultsPerRequestBreached();
        if (n == 0) revert EmptyArray();
        for (uint256 i = 0; i < n; i++) {
            for (uint256 j = i + 1; j < n; j++) {
                if (slashingRequest.vaults[i] == slashingRequest.vaults[j]) revert DuplicateSlashingVaults();
            }
        }
        uint256 maxPercent = _dssMaxSlashablePercentageWad[dss];
        for (uint256 i = 0; i < n; i++) {
            if (!op.vaultsStakedInDss[dss].contains(slashingRequest.vaults[i])) revert VaultNotStakedToDSS();
            if (slashingRequest.slashPercentagesWad[i] == 0) revert ZeroSlashPercentageWad();
            if (slashingRequest.slashPercentagesWad[i] > maxPercent) revert MaxSlashPercentageWadBreached();
        }
        queuedSlashing = KarakQueuedSlashing({
            dss: dss,
            timestamp: uint96(block.timestamp),
            operator: slashingRequest.operator,
            vaults: slashingRequest.vaults,
            slashPercentagesWad: slashingRequest.slashPercentagesWad,
            nonce: _nonce++
        });
        for (uint256 i = 0; i < n; i++) {
            op.pendingSlashingsInVault[slashingRequest.vaults[i]]++;
        }
        _slashingRequests[keccak256(abi.encode(queuedSlashing))] = true;
        op.nextSlashableTimestamp[dss] = block.timestamp + KarakConstants.SLASHING_COOLDOWN;
        emit RequestedSlashing(dss, slashingRequest);
    }

    function cancelSlashing(KarakQueuedSlashing memory queuedSlashing) external {
        if (_roles[msg.sender] & KarakConstants.VETO_COMMITTEE_ROLE == 0) revert Unauthorized();
        _consumeSlashing(queuedSlashing);
        emit CancelledSlashing(msg.sender, queuedSlashing);
    }

    function finalizeSlashing(KarakQueuedSlashing memory queuedSlashing) external {
        _checkOperatorInDSS(queuedSlashing.operator, queuedSlashing.dss);
        bytes32 root = keccak256(abi.encode(queuedSlashing));
        if (!_slashingRequests[root]) revert InvalidSlashingParams();
        if (queuedSlashing.timestamp + KarakConstants.SLASHING_VETO_WINDOW > block.timestamp) {
            revert MinSlashingDelayNotPassed();
        }
        _consumeSlashing(queuedSlashing);
        OperatorState storage op = _operators[queuedSlashing.operator];
        for (uint256 i = 0; i < queuedSlashing.vaults.length; i++) {
            address vault = queuedSlashing.vaults[i];
            if (!op.vaultsStakedInDss[queuedSlashing.dss].contains(vault)) {
                emit SkippedSlashing(vault);
                continue;
            }
            uint256 amount = Math.mulDiv(
                queuedSlashing.slashPercentagesWad[i],
                IKarakVaultDouble(vault).totalAssets(),
                KarakConstants.MAX_SLASHING_PERCENT_WAD
            );
            IKarakVaultDouble(vault).slashAssets(
                amount, _assetSlashingHandlers[IKarakVaultDouble(vault).asset()]
            );
        }
        emit FinalizedSlashing(msg.sender, queuedSlashing);
    }

    function _consumeSlashing(KarakQueuedSlashing memory queuedSlashing) private {
        bytes32 root = keccak256(abi.encode(queuedSlashing));
        if (!_slashingRequests[root]) revert InvalidSlashingParams();
        delete _slashingRequests[root];
        OperatorState storage op = _operators[queuedSlashing.operator];
        for (uint256 i = 0; i < queuedSlashing.vaults.length; i++) {
            address vault = queuedSlashing.vaults[i];
            if (op.pendingSlashingsInVault[vault] == 0) revert InvalidSlashingCount();
            op.pendingSlashingsInVault[vault]--;
        }
    }

    function _checkOperatorInDSS(address operator, address dss) private view {
        if (!isDSSRegistered(dss)) revert DSSNotRegistered();
        if (!_operators[operator].dssSet.contains(dss)) revert OperatorNotValidatingForDSS();
    }

    // ------------------------------------------------------------ views

    function owner() external view returns (address) {
        return _owner;
    }

    function rolesOf(address user) external view returns (uint256) {
        return _roles[user];
    }

    function isAssetAllowlisted(address asset) public view returns (bool) {
        return _assetSlashingHandlers[asset] != address(0);
    }

    function isVaultImplAllowListed(address vaultImpl) public view returns (bool) {
        return _allowlistedVaultImpl[vaultImpl] || vaultImpl == _vaultImpl;
    }

    function isDSSRegistered(address dss) public view returns (bool) {
        return _dssMaxSlashablePercentageWad[dss] != 0;
    }

    function getDssMaxSlashablePercentageWad(address dss) external view returns (uint256) {
        return _dssMaxSlashablePercentageWad[dss];
    }

    function isOperatorRegisteredToDSS(address operator, address dss) external view returns (bool) {
        return _operators[operator].dssSet.contains(dss);
    }

    function getOperatorVaults(address operator) external view returns (address[] memory vaults) {
        return _operators[operator].vaults.values();
    }

    function fetchVaultsStakedInDSS(address operator, address dss) external view returns (address[] memory vaults) {
        return _operators[operator].vaultsStakedInDss[dss].values();
    }

    /// Leverage in percent wad: 100e18 per DSS the vault is staked to.
    function getLeverage(address vault) external view returns (uint256 leverage) {
        address operator = IKarakVaultDouble(vault).vaultConfig().operator;
        OperatorState storage op = _operators[operator];
        address[] memory dssList = op.dssSet.values();
        for (uint256 i = 0; i < dssList.length; i++) {
            if (op.vaultsStakedInDss[dssList[i]].contains(vault)) leverage += KarakConstants.HUNDRED_PERCENT_WAD;
        }
    }

    function isVaultQueuedForSlashing(address vault) external view returns (bool) {
        address operator = IKarakVaultDouble(vault).vaultConfig().operator;
        return _operators[operator].pendingSlashingsInVault[vault] != 0;
    }

    function implementation(address vault) public view returns (address) {
        address impl = _vaultToImpl[vault];
        return impl == KarakConstants.DEFAULT_VAULT_IMPLEMENTATION_FLAG ? _vaultImpl : impl;
    }

    function implementation() external view returns (address) {
        return implementation(msg.sender);
    }
}

/// restakekit test double of a Karak slashing handler: pulls the slashed assets from the vault and
/// sends them to 0x…dEaD (Karak's handler sends them to address(0)).
contract KarakSlashingHandler {
    address private constant SINK = 0x000000000000000000000000000000000000dEaD;

    function handleSlashing(IERC20 token, uint256 amount) external {
        if (amount == 0) return;
        SafeERC20.safeTransferFrom(token, msg.sender, address(this), amount);
        SafeERC20.safeTransfer(token, SINK, amount);
    }
}

/// restakekit test DSS (a Distributed Secure Service): a contract (Core requires one) through which
/// tests register a DSS and request slashings. Anyone may drive it; it keeps the last queued slashing.
contract KarakTestDSS {
    KarakCore public immutable core;
    KarakQueuedSlashing private _last;

    constructor(KarakCore core_) {
        core = core_;
    }

    function registerDSS(uint256 maxSlashablePercentageWad) external {
        core.registerDSS(maxSlashablePercentageWad);
    }

    function requestSlashing(KarakSlashRequest calldata request) external returns (KarakQueuedSlashing memory q) {
        q = core.requestSlashing(request);
        _last = q;
    }

    function lastQueuedSlashing() external view returns (KarakQueuedSlashing memory) {
        return _last;
    }
}
