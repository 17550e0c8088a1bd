import type { Chain, Client, Hex, Transport } from 'viem'
import {
  type DepositToKarakVaultParameters,
  depositToKarakVault,
  type PrepareDepositToKarakVaultParameters,
  prepareDepositToKarakVault,
  type SimulateDepositToKarakVaultParameters,
  simulateDepositToKarakVault,
  waitForDepositToKarakVault,
} from './actions/depositToKarakVault.js'
import {
  type FinishKarakRedeemParameters,
  finishKarakRedeem,
  type GetKarakWithdrawalParameters,
  getKarakWithdrawal,
  type PrepareFinishKarakRedeemParameters,
  prepareFinishKarakRedeem,
  type SimulateFinishKarakRedeemParameters,
  simulateFinishKarakRedeem,
  waitForFinishKarakRedeem,
} from './actions/finishKarakRedeem.js'
import {
  type GetKarakOperatorVaultsParameters,
  getKarakOperatorVaults,
} from './actions/getKarakOperatorVaults.js'
import {
  type GetKarakPositionsParameters,
  type GetKarakQueuedWithdrawalsParameters,
  getKarakPositions,
  getKarakQueuedWithdrawals,
} from './actions/getKarakPositions.js'
import { type GetKarakVaultParameters, getKarakVault } from './actions/getKarakVault.js'
import type { WriteClient } from './actions/internal.js'
import {
  type PrepareStartKarakRedeemParameters,
  prepareStartKarakRedeem,
  type SimulateStartKarakRedeemParameters,
  type StartKarakRedeemParameters,
  simulateStartKarakRedeem,
  startKarakRedeem,
  waitForStartKarakRedeem,
} from './actions/startKarakRedeem.js'
import type { KarakDeployment } from './deployments.js'

type WithoutDeployment<T> = T extends unknown
  ? Omit<T, 'deployment'> & { deployment?: KarakDeployment }
  : never

/** The Karak actions bound to a client (`client.restaking.karak.*`), with the decorator's deployment as default. */
export type KarakActions = {
  getVault: (params: GetKarakVaultParameters) => ReturnType<typeof getKarakVault>
  getOperatorVaults: (
    params: WithoutDeployment<GetKarakOperatorVaultsParameters>,
  ) => ReturnType<typeof getKarakOperatorVaults>
  getPositions: (
    params: WithoutDeployment<GetKarakPositionsParameters>,
  ) => ReturnType<typeof getKarakPositions>
  getQueuedWithdrawals: (
    params: WithoutDeployment<GetKarakQueuedWithdrawalsParameters>,
  ) => ReturnType<typeof getKarakQueuedWithdrawals>
  getWithdrawal: (
    params: WithoutDeployment<GetKarakWithdrawalParameters>,
  ) => ReturnType<typeof getKarakWithdrawal>
  prepareDeposit: typeof prepareDepositToKarakVault
  simulateDeposit: (
    params: SimulateDepositToKarakVaultParameters,
  ) => ReturnType<typeof simulateDepositToKarakVault>
  /** Needs a wallet client (an account). */
  deposit: (params: DepositToKarakVaultParameters) => ReturnType<typeof depositToKarakVault>
  waitForDeposit: (hash: Hex) => ReturnType<typeof waitForDepositToKarakVault>
  prepareStartRedeem: typeof prepareStartKarakRedeem
  simulateStartRedeem: (
    params: SimulateStartKarakRedeemParameters,
  ) => ReturnType<typeof simulateStartKarakRedeem>
  /** Needs a wallet client (an account). */
  startRedeem: (params: StartKarakRedeemParameters) => ReturnType<typeof startKarakRedeem>
  waitForStartRedeem: (hash: Hex) => ReturnType<typeof waitForStartKarakRedeem>
  prepareFinishRedeem: typeof prepareFinishKarakRedeem
  simulateFinishRedeem: (
    params: WithoutDeployment<SimulateFinishKarakRedeemParameters>,
  ) => ReturnType<typeof simulateFinishKarakRedeem>
  /** Needs a wallet client (an account). */
  finishRedeem: (
    params: WithoutDeployment<FinishKarakRedeemParameters>,
  ) => ReturnType<typeof finishKarakRedeem>
  waitForFinishRedeem: (hash: Hex) => ReturnType<typeof waitForFinishKarakRedeem>
}

/** Binds every Karak action to `client`; `deployment` is used when a call passes none. */
export function karakActions(
  client: Client<Transport, Chain | undefined>,
  deployment?: KarakDeployment,
): KarakActions {
  const d = <T extends { deployment?: KarakDeployment }>(params: T): T =>
    params.deployment || !deployment ? params : { ...params, deployment }
  const wallet = client as unknown as WriteClient
  return {
    getVault: (params) => getKarakVault(client, params),
    getOperatorVaults: (params) => getKarakOperatorVaults(client, d(params)),
    getPositions: (params) => getKarakPositions(client, d(params)),
    getQueuedWithdrawals: (params) => getKarakQueuedWithdrawals(client, d(params)),
    getWithdrawal: (params) => getKarakWithdrawal(client, d(params) as GetKarakWithdrawalParameters),
    prepareDeposit: (params: PrepareDepositToKarakVaultParameters) => prepareDepositToKarakVault(params),
    simulateDeposit: (params) => simulateDepositToKarakVault(client, params),
    deposit: (params) => depositToKarakVault(wallet, params),
    waitForDeposit: (hash) => waitForDepositToKarakVault(client, hash),
    prepareStartRedeem: (params: PrepareStartKarakRedeemParameters) => prepareStartKarakRedeem(params),
    simulateStartRedeem: (params) => simulateStartKarakRedeem(client, params),
    startRedeem: (params) => startKarakRedeem(wallet, params),
    waitForStartRedeem: (hash) => waitForStartKarakRedeem(client, hash),
    prepareFinishRedeem: (params: PrepareFinishKarakRedeemParameters) => prepareFinishKarakRedeem(params),
    simulateFinishRedeem: (params) =>
      simulateFinishKarakRedeem(client, d(params) as SimulateFinishKarakRedeemParameters),
    finishRedeem: (params) => finishKarakRedeem(wallet, d(params) as FinishKarakRedeemParameters),
    waitForFinishRedeem: (hash) => waitForFinishKarakRedeem(client, hash),
  }
}
