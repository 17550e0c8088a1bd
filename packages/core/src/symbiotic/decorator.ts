import type { Chain, Client, Hex, Transport } from 'viem'
import {
  type ClaimFromVaultParameters,
  claimFromVault,
  simulateClaimFromVault,
  waitForClaimFromVault,
} from './actions/claimFromVault.js'
import {
  type DepositToVaultParameters,
  depositToVault,
  simulateDepositToVault,
  waitForDepositToVault,
} from './actions/depositToVault.js'
import { type GetStakeParameters, getStake } from './actions/getStake.js'
import {
  type GetSymbioticPositionsParameters,
  getSymbioticPositions,
} from './actions/getSymbioticPositions.js'
import { type GetVaultParameters, getVault } from './actions/getVault.js'
import { type GetVaultPositionParameters, getVaultPosition } from './actions/getVaultPosition.js'
import { type ListVaultsParameters, listVaults } from './actions/listVaults.js'
import {
  type RedeemFromVaultParameters,
  redeemFromVault,
  simulateRedeemFromVault,
  waitForRedeemFromVault,
} from './actions/redeemFromVault.js'
import {
  simulateWithdrawFromVault,
  type WithdrawFromVaultParameters,
  waitForWithdrawFromVault,
  withdrawFromVault,
} from './actions/withdrawFromVault.js'
import type { SymbioticDeployment } from './deployments.js'
import type { SymbioticWalletClient } from './internal.js'

type Omit1<T, K extends keyof T> = Omit<T, K> & Partial<Pick<T, K>>

/** The Symbiotic actions bound to a client (and, optionally, a deployment used where none is passed). */
export type SymbioticActions = {
  getVault: (params: GetVaultParameters) => ReturnType<typeof getVault>
  getVaultPosition: (params: GetVaultPositionParameters) => ReturnType<typeof getVaultPosition>
  listVaults: (params?: ListVaultsParameters) => ReturnType<typeof listVaults>
  getStake: (params: GetStakeParameters) => ReturnType<typeof getStake>
  getSymbioticPositions: (
    params: Omit1<GetSymbioticPositionsParameters, 'deployment'>,
  ) => ReturnType<typeof getSymbioticPositions>
  simulateDepositToVault: (params: DepositToVaultParameters) => ReturnType<typeof simulateDepositToVault>
  depositToVault: (params: DepositToVaultParameters) => Promise<Hex>
  waitForDepositToVault: (hash: Hex) => ReturnType<typeof waitForDepositToVault>
  simulateWithdrawFromVault: (
    params: WithdrawFromVaultParameters,
  ) => ReturnType<typeof simulateWithdrawFromVault>
  withdrawFromVault: (params: WithdrawFromVaultParameters) => Promise<Hex>
  waitForWithdrawFromVault: (hash: Hex) => ReturnType<typeof waitForWithdrawFromVault>
  simulateRedeemFromVault: (params: RedeemFromVaultParameters) => ReturnType<typeof simulateRedeemFromVault>
  redeemFromVault: (params: RedeemFromVaultParameters) => Promise<Hex>
  waitForRedeemFromVault: (hash: Hex) => ReturnType<typeof waitForRedeemFromVault>
  simulateClaimFromVault: (params: ClaimFromVaultParameters) => ReturnType<typeof simulateClaimFromVault>
  claimFromVault: (params: ClaimFromVaultParameters) => Promise<Hex>
  waitForClaimFromVault: (hash: Hex) => ReturnType<typeof waitForClaimFromVault>
}

/**
 * The Symbiotic actions bound to `client`. Writes (`depositToVault`, …) need a wallet client;
 * `deployment` (e.g. `devnet.deployments.symbiotic`) is used by reads that need one when none is passed.
 */
export function symbioticActions(
  client: Client<Transport, Chain | undefined>,
  deployment?: SymbioticDeployment,
): SymbioticActions {
  const wallet = client as unknown as SymbioticWalletClient
  const dep = <T extends { deployment?: SymbioticDeployment }>(p: T): T =>
    p.deployment || !deployment ? p : { ...p, deployment }
  return {
    getVault: (p) => getVault(client, dep(p)),
    getVaultPosition: (p) => getVaultPosition(client, p),
    listVaults: (p = {}) => listVaults(client, dep(p)),
    getStake: (p) => getStake(client, p),
    getSymbioticPositions: (p) => getSymbioticPositions(client, dep(p)),
    simulateDepositToVault: (p) => simulateDepositToVault(client, p),
    depositToVault: (p) => depositToVault(wallet, p),
    waitForDepositToVault: (h) => waitForDepositToVault(client, h),
    simulateWithdrawFromVault: (p) => simulateWithdrawFromVault(client, p),
    withdrawFromVault: (p) => withdrawFromVault(wallet, p),
    waitForWithdrawFromVault: (h) => waitForWithdrawFromVault(client, h),
    simulateRedeemFromVault: (p) => simulateRedeemFromVault(client, p),
    redeemFromVault: (p) => redeemFromVault(wallet, p),
    waitForRedeemFromVault: (h) => waitForRedeemFromVault(client, h),
    simulateClaimFromVault: (p) => simulateClaimFromVault(client, p),
    claimFromVault: (p) => claimFromVault(wallet, p),
    waitForClaimFromVault: (h) => waitForClaimFromVault(client, h),
  }
}
