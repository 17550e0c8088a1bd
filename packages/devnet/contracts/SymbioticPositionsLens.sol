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
/// `SymbioticPositions(words)` carrying the result, so many vaults cost one JSON-RPC round trip.
/// Reverting (not returning) avoids the 24,576-byte code-size limit on the result. The result is
/// flat words (not nested structs) and every view is a raw `staticcall` writing its calldata in
/// unallocated memory: the creation code stays small (the SDK bundles it) and memory does not grow
/// with the number of calls.
contract SymbioticPositionsLens {
    /// The result, flat: `words[0]` the block's timestamp, `words[1]` the factory's vault count (0
    /// when vaults were given), then per position (vaults that do not answer are left out): vault,
    /// collateral, currentEpoch, epochDuration, epochDurationInit, activeShares, activeBalance,
    /// slashableBalance, n, and n times (epoch, amount, shares): the unclaimed buckets with shares,
    /// epochs `currentEpoch - lookback` to `currentEpoch + 1`.
    error SymbioticPositions(uint256[] words);

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
        // at most 9 words and lookback + 2 buckets of 3 words per vault
        uint256[] memory out = new uint256[](2 + vaults.length * (15 + 3 * lookback));
        out[0] = block.timestamp;
        out[1] = total;
        uint256 end = 2;
        for (uint256 i; i < vaults.length; ++i) {
            end = _position(out, end, vaults[i], account, lookback, includeEmpty);
        }
        assembly ("memory-safe") {
            mstore(out, end)
        }
        revert SymbioticPositions(out);
    }

    function _list(address factory, uint256 offset, uint256 limit)
        private
        view
        returns (uint256 total, address[] memory vaults)
    {
        bool ok;
        (ok, total) = _word(factory, ISymbioticLensRegistry.totalEntities.selector, 0, 0, 0);
        require(ok);
        uint256 end = offset + limit < total ? offset + limit : total;
        vaults = new address[](end > offset ? end - offset : 0);
        for (uint256 i; i < vaults.length; ++i) {
            uint256 vault;
            (ok, vault) = _word(factory, ISymbioticLensRegistry.entity.selector, 1, offset + i, 0);
            require(ok);
            vaults[i] = address(uint160(vault));
        }
    }

    /// One word from a view with `args` (0 to 2) word arguments, or `ok = false` if the call fails
    /// or returns less than a word; reverts if the call ran out of gas. The calldata is written past the free memory pointer, which is
    /// not moved.
    function _word(address target, bytes4 selector, uint256 args, uint256 a, uint256 b)
        private
        view
        returns (bool ok, uint256 value)
    {
        assembly ("memory-safe") {
            let p := mload(0x40)
            mstore(p, selector)
            mstore(add(p, 4), a)
            mstore(add(p, 36), b)
            let g := gas()
            ok := staticcall(g, target, p, add(4, mul(32, args)), 0, 32)
            // a call that failed for lack of gas (it kept under 1/64 of the gas): the whole read
            // fails, rather than leave the vault out as one that does not answer
            if and(iszero(ok), lt(gas(), div(g, 63))) { revert(0, 0) }
            // (a separate statement: Yul evaluates arguments right to left)
            ok := and(ok, iszero(lt(returndatasize(), 32)))
            value := mload(0)
        }
    }

    /// Writes `vault`'s position at `out[at..]`; returns where the next one starts (`at` itself
    /// when the vault does not answer, or holds nothing and `includeEmpty` is false).
    function _position(
        uint256[] memory out,
        uint256 at,
        address vault,
        address account,
        uint256 lookback,
        bool includeEmpty
    ) private view returns (uint256) {
        if (vault.code.length == 0 || !_basics(out, at, vault, account)) return at;
        uint256 current = out[at + 2];
        (bool ok, uint256 end) =
            _buckets(out, at + 9, vault, account, current > lookback ? current - lookback : 0, current + 1);
        if (!ok) return at;
        out[at + 8] = (end - at - 9) / 3;
        if (!includeEmpty && out[at + 5] == 0 && end == at + 9) return at;
        return end;
    }

    /// `out[at] = vault`, then its seven position views at `out[at + 1 .. at + 7]`.
    function _basics(uint256[] memory out, uint256 at, address vault, address account) private view returns (bool) {
        bytes4[7] memory views = [
            ISymbioticLensVault.collateral.selector,
            ISymbioticLensVault.currentEpoch.selector,
            ISymbioticLensVault.epochDuration.selector,
            ISymbioticLensVault.epochDurationInit.selector,
            ISymbioticLensVault.activeSharesOf.selector,
            ISymbioticLensVault.activeBalanceOf.selector,
            ISymbioticLensVault.slashableBalanceOf.selector
        ];
        out[at] = uint160(vault);
        bool ok;
        for (uint256 j; j < 7; ++j) {
            // the first four views take no argument; the others the account
            (ok, out[at + 1 + j]) = _word(vault, views[j], j < 4 ? 0 : 1, uint160(account), 0);
            if (!ok) return false;
        }
        return true;
    }

    /// The unclaimed buckets with shares of epochs `from` to `to`, as (epoch, amount, shares) from
    /// `out[end]` on; returns the new end.
    function _buckets(uint256[] memory out, uint256 end, address vault, address account, uint256 from, uint256 to)
        private
        view
        returns (bool ok, uint256)
    {
        uint256 who = uint160(account);
        for (uint256 epoch = from; epoch <= to; ++epoch) {
            uint256 value;
            (ok, value) = _word(vault, ISymbioticLensVault.withdrawalSharesOf.selector, 2, epoch, who);
            if (!ok) return (false, end);
            if (value == 0) continue;
            out[end + 2] = value;
            (ok, value) = _word(vault, ISymbioticLensVault.isWithdrawalsClaimed.selector, 2, epoch, who);
            if (!ok) return (false, end);
            if (value != 0) continue;
            (ok, out[end + 1]) = _word(vault, ISymbioticLensVault.withdrawalsOf.selector, 2, epoch, who);
            if (!ok) return (false, end);
            out[end] = epoch;
            end += 3;
        }
        return (true, end);
    }
}
