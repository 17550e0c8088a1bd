// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

// restakekit TEST DOUBLE part: EIP-2612 `permit` / `nonces` / `DOMAIN_SEPARATOR` for the ether.fi
// (eETH, weETH) and Puffer (pufETH) token doubles, written here from the EIP-2612 and EIP-712 texts and
// the reference ABIs' signatures, not from any protocol's Solidity. The domain is
// `EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)` with version "1",
// computed on every call (so it follows a proxy's address and a fork's chain id). Each token says how
// it approves and how it reverts (the reference ABIs differ: eETH has custom errors, weETH revert strings,
// pufETH OpenZeppelin 5's ERC2612 errors). No storage is set in a constructor: pufETH sits behind a proxy.
abstract contract Eip2612Double {
    bytes32 private constant PERMIT_TYPEHASH =
        keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)");
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    /// @dev the upper bound of a canonical `s` (EIP-2): a signature with a higher `s` is refused
    uint256 private constant MAX_S = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    mapping(address => uint256) private permitNonces;

    /// @dev The EIP-712 domain name (a literal: no constructor storage).
    function _eip712Name() internal view virtual returns (string memory);

    /// @dev Sets the allowance (and emits `Approval`) as the token's `approve` does.
    function _permitApprove(address owner, address spender, uint256 value) internal virtual;

    /// @dev Reverts as the token does for a deadline in the past.
    function _revertExpired(uint256 deadline) internal pure virtual;

    /// @dev Reverts as the token does for a signature that is not the owner's.
    function _revertInvalidSigner(address signer, address owner) internal pure virtual;

    function nonces(address owner) public view returns (uint256) {
        return permitNonces[owner];
    }

    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return keccak256(
            abi.encode(DOMAIN_TYPEHASH, keccak256(bytes(_eip712Name())), keccak256("1"), block.chainid, address(this))
        );
    }

    function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)
        public
    {
        if (block.timestamp > deadline) _revertExpired(deadline);
        bytes32 structHash = keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, permitNonces[owner], deadline));
        bytes32 digest = keccak256(abi.encodePacked("\x19\x01", DOMAIN_SEPARATOR(), structHash));
        address signer = uint256(s) > MAX_S ? address(0) : ecrecover(digest, v, r, s);
        if (signer == address(0) || signer != owner) _revertInvalidSigner(signer, owner);
        permitNonces[owner] += 1;
        _permitApprove(owner, spender, value);
    }
}

/// @notice TEST DOUBLE with no protocol counterpart: a permit token whose EIP-712 domain name is not its
/// `name()` and which publishes neither `version()` nor `eip712Domain()`, so no domain an SDK can read
/// hashes to its `DOMAIN_SEPARATOR()` (a signature built from `name()` would be refused).
contract Eip2612DomainMismatchDouble is Eip2612Double {
    error InvalidSignature();

    mapping(address => mapping(address => uint256)) public allowance;

    function name() external pure returns (string memory) {
        return "Mismatch Token";
    }

    function _eip712Name() internal pure override returns (string memory) {
        return "Another Name";
    }

    function _permitApprove(address owner, address spender, uint256 value) internal override {
        allowance[owner][spender] = value;
    }

    function _revertExpired(uint256) internal pure override {
        revert InvalidSignature();
    }

    function _revertInvalidSigner(address, address) internal pure override {
        revert InvalidSignature();
    }
}
