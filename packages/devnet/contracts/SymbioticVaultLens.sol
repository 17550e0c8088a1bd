// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

/// @title SymbioticVaultLens (restakekit)
/// @notice A read-only lens that is never deployed. `@restakekit/core` sends its creation code in
/// one `eth_call` without `to`: the constructor reads a Symbiotic (core 1.0.3) vault's
/// configuration, its delegator's and slasher's types and its stake, and reverts with
/// `SymbioticVault(...)` carrying the result, so `getVault` costs one JSON-RPC round trip even
/// though the delegator's type needs the delegator's address first.
contract SymbioticVaultLens {
    struct VaultInfo {
        /// False when the vault does not answer `collateral()` (not a vault).
        bool ok;
        /// VaultFactory.isEntity(vault); true when no factory was given.
        bool isEntity;
        address collateral;
        uint256 version;
        address burner;
        uint256 epochDuration;
        uint256 epochDurationInit;
        uint256 currentEpoch;
        uint256 currentEpochStart;
        uint256 nextEpochStart;
        bool depositWhitelist;
        bool isDepositLimit;
        uint256 depositLimit;
        address delegator;
        /// `TYPE()` of the delegator and slasher; type(uint256).max when unknown or absent.
        uint256 delegatorType;
        address slasher;
        uint256 slasherType;
        /// VetoSlasher only (0 otherwise).
        uint256 vetoDuration;
        uint256 totalStake;
        uint256 activeStake;
        uint256 activeShares;
        /// VaultTokenized: the share token's metadata.
        bool tokenized;
        string name;
        string symbol;
        uint256 decimals;
    }

    error SymbioticVault(VaultInfo info);

    uint256 private constant UNKNOWN = type(uint256).max;

    constructor(address vault, address vaultFactory) {
        VaultInfo memory info;
        info.delegatorType = UNKNOWN;
        info.slasherType = UNKNOWN;
        info.isEntity = true;
        if (vaultFactory != address(0)) {
            (, uint256 isEntity) = _word(vaultFactory, abi.encodeWithSignature("isEntity(address)", vault));
            info.isEntity = isEntity != 0;
        }
        uint256 value;
        (info.ok, value) = _word(vault, abi.encodeWithSignature("collateral()"));
        if (info.ok && vault.code.length > 0) {
            info.collateral = address(uint160(value));
            _config(vault, info);
            _stake(vault, info);
            _entities(info);
            _token(vault, info);
        } else {
            info.ok = false;
        }
        revert SymbioticVault(info);
    }

    /// One word from a view, or `ok = false` if the call fails or returns less than a word.
    function _word(address target, bytes memory data) private view returns (bool ok, uint256 value) {
        if (target.code.length == 0) return (false, 0);
        bytes memory ret;
        (ok, ret) = target.staticcall(data);
        if (!ok || ret.length < 32) return (false, 0);
        value = abi.decode(ret, (uint256));
    }

    function _get(address target, string memory signature) private view returns (uint256 value) {
        (, value) = _word(target, abi.encodeWithSignature(signature));
    }

    function _config(address vault, VaultInfo memory info) private view {
        info.version = _get(vault, "version()");
        info.burner = address(uint160(_get(vault, "burner()")));
        info.epochDuration = _get(vault, "epochDuration()");
        info.epochDurationInit = _get(vault, "epochDurationInit()");
        info.currentEpoch = _get(vault, "currentEpoch()");
        info.currentEpochStart = _get(vault, "currentEpochStart()");
        info.nextEpochStart = _get(vault, "nextEpochStart()");
        info.depositWhitelist = _get(vault, "depositWhitelist()") != 0;
        info.isDepositLimit = _get(vault, "isDepositLimit()") != 0;
        info.depositLimit = _get(vault, "depositLimit()");
        info.delegator = address(uint160(_get(vault, "delegator()")));
        info.slasher = address(uint160(_get(vault, "slasher()")));
    }

    function _stake(address vault, VaultInfo memory info) private view {
        info.totalStake = _get(vault, "totalStake()");
        info.activeStake = _get(vault, "activeStake()");
        info.activeShares = _get(vault, "activeShares()");
    }

    function _entities(VaultInfo memory info) private view {
        bool ok;
        uint256 value;
        if (info.delegator != address(0)) {
            (ok, value) = _word(info.delegator, abi.encodeWithSignature("TYPE()"));
            if (ok) info.delegatorType = value;
        }
        if (info.slasher != address(0)) {
            (ok, value) = _word(info.slasher, abi.encodeWithSignature("TYPE()"));
            if (ok) info.slasherType = value;
            if (ok && value == 1) info.vetoDuration = _get(info.slasher, "vetoDuration()");
        }
    }

    function _token(address vault, VaultInfo memory info) private view {
        bool ok;
        (ok, info.decimals) = _word(vault, abi.encodeWithSignature("decimals()"));
        if (!ok) {
            info.decimals = 0;
            return;
        }
        info.tokenized = true;
        info.name = _string(vault, "name()");
        info.symbol = _string(vault, "symbol()");
    }

    function _string(address target, string memory signature) private view returns (string memory value) {
        (bool ok, bytes memory ret) = target.staticcall(abi.encodeWithSignature(signature));
        if (ok && ret.length >= 64) value = abi.decode(ret, (string));
    }
}
