// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

/// Views of a Symbiotic (core 1.0.3) registry the lens reads.
interface ISymbioticLensRegistry {
    function totalEntities() external view returns (uint256);
    function entity(uint256 index) external view returns (address);
}

/// Views of a Symbiotic (core 1.0.3) vault the lens reads.
interface ISymbioticLensVault {
    function collateral() external view returns (address);
    function currentEpoch() external view returns (uint256);
    function epochDuration() external view returns (uint48);
    function epochDurationInit() external view returns (uint48);
    function activeSharesOf(address account) external view returns (uint256);
    function activeBalanceOf(address account) external view returns (uint256);
    function slashableBalanceOf(address account) external view returns (uint256);
    function withdrawalsOf(uint256 epoch, address account) external view returns (uint256);
    function withdrawalSharesOf(uint256 epoch, address account) external view returns (uint256);
    function isWithdrawalsClaimed(uint256 epoch, address account) external view returns (bool);
}

/// @title SymbioticPositionsLens (restakekit)
/// @notice A read-only lens that is never deployed. `@restakekit/core` sends its creation code in
/// one `eth_call` without `to`: the constructor reads one account's position in every vault (the
/// given ones, or the factory's vaults `offset .. offset + limit - 1`) and reverts with
/// `SymbioticPositions(...)` carrying the result, so many vaults cost one JSON-RPC round trip.
/// Reverting (not returning) avoids the 24,576-byte code-size limit on the result.
contract SymbioticPositionsLens {
    struct Withdrawal {
        uint256 epoch;
        uint256 amount;
        uint256 shares;
    }

    struct Position {
        address vault;
        address collateral;
        uint256 currentEpoch;
        uint256 epochDuration;
        uint256 epochDurationInit;
        uint256 activeShares;
        uint256 activeBalance;
        uint256 slashableBalance;
        /// Unclaimed buckets with shares, epochs `currentEpoch - lookback` to `currentEpoch + 1`.
        Withdrawal[] withdrawals;
    }

    /// The result: the block's timestamp, the factory's vault count (0 when vaults were given) and
    /// the positions (vaults that do not answer are left out).
    error SymbioticPositions(uint256 timestamp, uint256 totalVaults, Position[] positions);

    constructor(
        address vaultFactory,
        uint256 offset,
        uint256 limit,
        address[] memory vaults,
        address account,
        uint256 lookback,
        bool includeEmpty
    ) {
        uint256 total;
        if (vaults.length == 0 && vaultFactory != address(0)) (total, vaults) = _list(vaultFactory, offset, limit);
        Position[] memory positions = new Position[](vaults.length);
        uint256 count;
        for (uint256 i; i < vaults.length; ++i) {
            (bool ok, Position memory p) = _position(vaults[i], account, lookback);
            if (!ok) continue;
            if (!includeEmpty && p.activeShares == 0 && p.withdrawals.length == 0) continue;
            positions[count++] = p;
        }
        assembly ("memory-safe") {
            mstore(positions, count)
        }
        revert SymbioticPositions(block.timestamp, total, positions);
    }

    function _list(address factory, uint256 offset, uint256 limit)
        private
        view
        returns (uint256 total, address[] memory vaults)
    {
        total = ISymbioticLensRegistry(factory).totalEntities();
        uint256 end = offset + limit < total ? offset + limit : total;
        vaults = new address[](end > offset ? end - offset : 0);
        for (uint256 i; i < vaults.length; ++i) {
            vaults[i] = ISymbioticLensRegistry(factory).entity(offset + i);
        }
    }

    /// One word from a view, or `ok = false` if the call fails or returns less than a word.
    function _word(address target, bytes memory data) private view returns (bool ok, uint256 value) {
        bytes memory ret;
        (ok, ret) = target.staticcall(data);
        if (!ok || ret.length < 32) return (false, 0);
        value = abi.decode(ret, (uint256));
    }

    function _position(address vault, address account, uint256 lookback)
        private
        view
        returns (bool, Position memory p)
    {
        p.vault = vault;
        if (vault.code.length == 0) return (false, p);
        bool ok;
        uint256 value;
        (ok, value) = _word(vault, abi.encodeCall(ISymbioticLensVault.collateral, ()));
        if (!ok) return (false, p);
        p.collateral = address(uint160(value));
        (ok, p.currentEpoch) = _word(vault, abi.encodeCall(ISymbioticLensVault.currentEpoch, ()));
        if (!ok) return (false, p);
        (ok, p.epochDuration) = _word(vault, abi.encodeCall(ISymbioticLensVault.epochDuration, ()));
        if (!ok) return (false, p);
        (ok, p.epochDurationInit) = _word(vault, abi.encodeCall(ISymbioticLensVault.epochDurationInit, ()));
        if (!ok) return (false, p);
        (ok, p.activeShares) = _word(vault, abi.encodeCall(ISymbioticLensVault.activeSharesOf, (account)));
        if (!ok) return (false, p);
        (ok, p.activeBalance) = _word(vault, abi.encodeCall(ISymbioticLensVault.activeBalanceOf, (account)));
        if (!ok) return (false, p);
        (ok, p.slashableBalance) = _word(vault, abi.encodeCall(ISymbioticLensVault.slashableBalanceOf, (account)));
        if (!ok) return (false, p);
        p.withdrawals = _withdrawals(ISymbioticLensVault(vault), account, p.currentEpoch, lookback);
        return (true, p);
    }

    function _withdrawals(ISymbioticLensVault vault, address account, uint256 currentEpoch, uint256 lookback)
        private
        view
        returns (Withdrawal[] memory list)
    {
        uint256 from = currentEpoch > lookback ? currentEpoch - lookback : 0;
        list = new Withdrawal[](currentEpoch + 2 - from);
        uint256 count;
        for (uint256 epoch = from; epoch <= currentEpoch + 1; ++epoch) {
            uint256 shares = vault.withdrawalSharesOf(epoch, account);
            if (shares == 0 || vault.isWithdrawalsClaimed(epoch, account)) continue;
            list[count++] = Withdrawal(epoch, vault.withdrawalsOf(epoch, account), shares);
        }
        assembly ("memory-safe") {
            mstore(list, count)
        }
    }
}
