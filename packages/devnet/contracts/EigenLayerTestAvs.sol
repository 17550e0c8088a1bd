// SPDX-License-Identifier: MIT
pragma solidity 0.8.25;

/// @notice The parts of EigenLayer's AllocationManager (slashing release) this test AVS calls.
interface IEigenLayerAllocationManagerForTests {
    struct CreateSetParams {
        uint32 operatorSetId;
        address[] strategies;
    }

    struct SlashingParams {
        address operator;
        uint32 operatorSetId;
        address[] strategies;
        uint256[] wadsToSlash;
        string description;
    }

    function updateAVSMetadataURI(address avs, string calldata metadataURI) external;
    function setAVSRegistrar(address avs, address registrar) external;
    function createOperatorSets(address avs, CreateSetParams[] calldata params) external;
    function slashOperator(address avs, SlashingParams calldata params) external;
}

/// @notice restakekit test AVS: its own AVS registrar (accepts every operator), creates operator
/// sets and slashes through the AllocationManager. For tests on the devnet only.
contract EigenLayerTestAvs {
    IEigenLayerAllocationManagerForTests public immutable allocationManager;
    address public immutable owner;

    mapping(address => mapping(uint32 => bool)) public registered;

    event OperatorRegistered(address indexed operator, uint32[] operatorSetIds);
    event OperatorDeregistered(address indexed operator, uint32[] operatorSetIds);

    error OnlyAllocationManager();
    error OnlyOwner();

    constructor(address allocationManager_) {
        allocationManager = IEigenLayerAllocationManagerForTests(allocationManager_);
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert OnlyOwner();
        _;
    }

    /// @notice Registers metadata (required before creating sets), sets this contract as the
    /// registrar, and creates one operator set with `strategies`.
    function setup(string calldata metadataURI, uint32 operatorSetId, address[] calldata strategies) external onlyOwner {
        allocationManager.updateAVSMetadataURI(address(this), metadataURI);
        allocationManager.setAVSRegistrar(address(this), address(this));
        createOperatorSet(operatorSetId, strategies);
    }

    function createOperatorSet(uint32 operatorSetId, address[] calldata strategies) public onlyOwner {
        IEigenLayerAllocationManagerForTests.CreateSetParams[] memory params =
            new IEigenLayerAllocationManagerForTests.CreateSetParams[](1);
        params[0] = IEigenLayerAllocationManagerForTests.CreateSetParams(operatorSetId, strategies);
        allocationManager.createOperatorSets(address(this), params);
    }

    /// @notice Slashes `operator` in `operatorSetId`; strategies must be in ascending order.
    function slash(
        address operator,
        uint32 operatorSetId,
        address[] calldata strategies,
        uint256[] calldata wadsToSlash,
        string calldata description
    ) external onlyOwner {
        allocationManager.slashOperator(
            address(this),
            IEigenLayerAllocationManagerForTests.SlashingParams(
                operator, operatorSetId, strategies, wadsToSlash, description
            )
        );
    }

    // ---- IAVSRegistrar (v1.1/1.2 form, with the avs argument)

    function supportsAVS(address avs) external view returns (bool) {
        return avs == address(this);
    }

    function registerOperator(address operator, address, uint32[] calldata operatorSetIds, bytes calldata) external {
        if (msg.sender != address(allocationManager)) revert OnlyAllocationManager();
        for (uint256 i = 0; i < operatorSetIds.length; i++) registered[operator][operatorSetIds[i]] = true;
        emit OperatorRegistered(operator, operatorSetIds);
    }

    function deregisterOperator(address operator, address, uint32[] calldata operatorSetIds) external {
        if (msg.sender != address(allocationManager)) revert OnlyAllocationManager();
        for (uint256 i = 0; i < operatorSetIds.length; i++) registered[operator][operatorSetIds[i]] = false;
        emit OperatorDeregistered(operator, operatorSetIds);
    }
}
