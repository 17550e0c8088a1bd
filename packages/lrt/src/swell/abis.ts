import { parseAbi } from 'viem'

// Fragments of Swell's rswETH contracts the adapter uses, with the exact signatures of
// SwellNetwork/v3-core-public contracts/lrt (checked against the reference ABIs by `abis.test.ts`).

/** RswETH: ETH deposits and the stored rate (repriced by Swell's bot). */
export const swellRswETHAbi = /* @__PURE__ */ parseAbi([
  'function symbol() view returns (string)',
  'function balanceOf(address account) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
  'function deposit() payable',
  'function rswETHToETHRate() view returns (uint256)',
  'function ethToRswETHRate() view returns (uint256)',
  'function AccessControlManager() view returns (address)',
  'event ETHDepositReceived(address indexed from, uint256 amount, uint256 rswETHMinted, uint256 newTotalETHDeposited, address indexed referral)',
  'event Transfer(address indexed from, address indexed to, uint256 value)',
])

/** RswETH's custom errors (for decoding reverts). */
export const swellRswETHErrorsAbi = /* @__PURE__ */ parseAbi([
  'error InvalidETHDeposit()',
  'error CoreMethodsPaused()',
])

/** RswEXIT: the withdrawal NFT (create → processed by Swell at a rate → finalized by the NFT's owner). */
export const swellRswEXITAbi = /* @__PURE__ */ parseAbi([
  'function createWithdrawRequest(uint256 amount)',
  'function finalizeWithdrawal(uint256 tokenId)',
  'function ownerOf(uint256 tokenId) view returns (address)',
  'function balanceOf(address owner) view returns (uint256)',
  'function tokenOfOwnerByIndex(address owner, uint256 index) view returns (uint256)',
  'function getProcessedRateForTokenId(uint256 tokenId) view returns (bool isProcessed, uint256 processedRate)',
  'function withdrawalRequests(uint256) view returns (uint256 amount, uint256 lastTokenIdProcessed, uint256 rateWhenCreated)',
  'function withdrawRequestMinimum() view returns (uint256)',
  'function withdrawRequestMaximum() view returns (uint256)',
  'function getLastTokenIdCreated() view returns (uint256)',
  'event WithdrawRequestCreated(uint256 tokenId, uint256 amount, uint256 timestamp, uint256 indexed lastTokenIdProcessed, uint256 rateWhenCreated, address indexed owner)',
  'event WithdrawalClaimed(address indexed owner, uint256 tokenId, uint256 exitClaimedETH)',
])

/** rswEXIT's ERC-721 `Transfer` (three indexed arguments), kept apart from rswETH's ERC-20 one (same topic). */
export const swellRswEXITTransferAbi = /* @__PURE__ */ parseAbi([
  'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)',
])

/** RswEXIT's custom errors (for decoding reverts). */
export const swellRswEXITErrorsAbi = /* @__PURE__ */ parseAbi([
  'error WithdrawRequestTooSmall(uint256 amount, uint256 minimum)',
  'error WithdrawRequestTooLarge(uint256 amount, uint256 limit)',
  'error WithdrawalRequestDoesNotExist()',
  'error WithdrawalRequestFinalizationOnlyAllowedForNFTOwner()',
  'error WithdrawalRequestNotProcessed()',
  'error WithdrawalsPaused()',
])

/** The AccessControlManager's address book: where rswEXIT is (no address for it was found off chain). */
export const swellAccessControlManagerAbi = /* @__PURE__ */ parseAbi([
  'function rswEXIT() view returns (address)',
])
