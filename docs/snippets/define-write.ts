// The code of the "Adding a write" section of docs/guides/writes.md, type-checked by `pnpm typecheck`
// and run on the devnet by packages/core/test/define-write-guide.chain.test.ts: an ERC-4626 vault's
// `deposit`, declared once, its four layers, and a module that binds it to `client.restaking`.
// #region define
import {
  type AnyProtocolModule,
  assertAddress,
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '@restakekit/core'
import { type Address, erc20Abi, isAddressEqual, parseAbi } from 'viem'

const vaultAbi = parseAbi([
  'function asset() view returns (address)',
  'function deposit(uint256 assets, address receiver) returns (uint256 shares)',
  'event Deposit(address indexed sender, address indexed owner, uint256 assets, uint256 shares)',
])

export type VaultDepositParameters = {
  vault: Address
  /** The vault's asset (checked against `vault.asset()`; it is what `prepare` approves). */
  asset: Address
  amount: bigint
  /** Who gets the shares (default: the sender). */
  receiver?: Address
}

/** What the checks read (the approval uses the allowance; `prepare` reads nothing, so it may be absent). */
type VaultDepositState = { asset: Address; balance: bigint; allowance: bigint }

// the call half: what `prepare` runs, declared apart so a bundle of `prepareVaultDeposit` alone
// carries no checks, revert tables or receipt decoder
/** The action's name: the call's, and the `waitFor` layer's. */
const VAULT_DEPOSIT = 'vault.deposit'
const vaultDepositCall = /* @__PURE__ */ defineCall({
  name: VAULT_DEPOSIT,
  contract: 'ERC4626',
  // pure: typed errors before anything is read (or sent)
  resolve: (p: VaultDepositParameters, { sender }) => {
    const receiver = p.receiver === undefined ? sender : assertAddress('receiver', p.receiver)
    if (!receiver)
      throw new InvalidParameterError({ parameter: 'receiver', reason: 'name it, or the account that sends' })
    return {
      vault: assertAddress('vault', p.vault),
      asset: assertAddress('asset', p.asset),
      amount: assertAmount('amount', p.amount),
      receiver,
    }
  },
  // the exact approval, sent by `send` only when the allowance read is short
  approval: (a, s: VaultDepositState | undefined) => ({
    token: a.asset,
    spender: a.vault,
    amount: a.amount,
    ...(s ? { allowance: s.allowance } : {}),
  }),
  // the call, written once and typed by the ABI
  call: (a) =>
    contractCall({
      address: a.vault,
      abi: vaultAbi,
      functionName: 'deposit',
      args: [a.amount, a.receiver],
    }),
})

// the receipt, declared apart too: `waitForVaultDeposit` bundles only the name and this
const vaultDepositReceipt = /* @__PURE__ */ defineReceipt({
  abi: vaultAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'Deposit')
    return { shares: ev?.eventName === 'Deposit' ? ev.args.shares : undefined }
  },
})
// the rest of the declaration: the checks, and the receipt above
const vaultDeposit_ = /* @__PURE__ */ defineWrite(vaultDepositCall, {
  // one batched read at the landing block, reused by `send` (never repeated)
  read: (a, { sender }) =>
    stage(
      [
        { address: a.vault, abi: vaultAbi, functionName: 'asset' },
        { address: a.asset, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: a.asset, abi: erc20Abi, functionName: 'allowance', args: [sender, a.vault] },
      ],
      ([asset, balance, allowance]): VaultDepositState => ({
        asset: unwrap<Address>(asset),
        balance: unwrap<bigint>(balance),
        allowance: unwrap<bigint>(allowance),
      }),
    ),
  check: (a, s, { sender }) => {
    if (!isAddressEqual(s.asset, a.asset))
      throw new InvalidParameterError({
        parameter: 'asset',
        reason: `the vault takes ${s.asset}, not ${a.asset}`,
      })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.asset,
        required: a.amount,
        balance: s.balance,
        account: sender!,
      })
  },
  receipt: vaultDepositReceipt,
})

/** Layer 1 (pure): `[approve, deposit]` as a frozen call list. */
export const prepareVaultDeposit = /* @__PURE__ */ prepareOf(vaultDepositCall)
/** Layer 2: the checks (one read), then the simulation; `result` is the shares minted. */
export const simulateVaultDeposit = /* @__PURE__ */ simulateOf(vaultDeposit_)
/** Layer 3: the checks, the exact approval when short, the simulation, one transaction. */
export const vaultDeposit = /* @__PURE__ */ sendOf(vaultDeposit_)
/** Layer 4: the receipt, with the shares from its `Deposit` event. */
export const waitForVaultDeposit = /* @__PURE__ */ waitForOf({ name: VAULT_DEPOSIT }, vaultDepositReceipt)
// #endregion define

// #region module
/** The protocol module: `restakingActions({ protocols: [...defaultProtocolModules, vault] })`. */
export const vault = {
  id: 'vault',
  deployments: {},
  actions: {
    simulateDeposit: simulateVaultDeposit,
    deposit: vaultDeposit,
    waitForDeposit: waitForVaultDeposit,
  },
  prepare: { prepareDeposit: prepareVaultDeposit },
} as const satisfies AnyProtocolModule
// #endregion module
