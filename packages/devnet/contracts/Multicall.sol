// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

/// @notice restakekit devnet batch-call contract. Exposes the `aggregate3` interface that viem's
/// `multicall` uses, so the devnet can place it at the canonical Multicall3 address
/// (anvil has none). Written for restakekit; only the function signatures follow the public interface.
contract Multicall {
    struct Call3 {
        address target;
        bool allowFailure;
        bytes callData;
    }

    struct Result {
        bool success;
        bytes returnData;
    }

    function aggregate3(Call3[] calldata calls) external payable returns (Result[] memory results) {
        uint256 n = calls.length;
        results = new Result[](n);
        for (uint256 i = 0; i < n; ++i) {
            (bool ok, bytes memory ret) = calls[i].target.call(calls[i].callData);
            if (!ok && !calls[i].allowFailure) {
                assembly {
                    revert(add(ret, 32), mload(ret))
                }
            }
            results[i] = Result(ok, ret);
        }
    }

    function getChainId() external view returns (uint256) {
        return block.chainid;
    }

    function getBlockNumber() external view returns (uint256) {
        return block.number;
    }

    function getCurrentBlockTimestamp() external view returns (uint256) {
        return block.timestamp;
    }

    function getEthBalance(address account) external view returns (uint256) {
        return account.balance;
    }
}
