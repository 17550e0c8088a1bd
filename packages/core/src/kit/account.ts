import type { Account, Address, Chain, Client, Transport } from 'viem'
import { InvalidParameterError } from '../errors.js'
import { assertAddress } from './validate.js'

/**
 * The account that sends (the glossary's `account`): the one given, else the client's own, or a
 * clear error. Every write resolves its sender here.
 */
export function resolveAccount(
  client: Client<Transport, Chain | undefined, Account | undefined>,
  account?: Account | Address,
): Account | Address {
  const acc = account ?? client.account
  if (!acc)
    throw new InvalidParameterError({
      parameter: 'account',
      reason: 'the wallet client has no account; pass one',
    })
  return typeof acc === 'string' ? assertAddress('account', acc) : acc
}

/** The address of an account (a viem `Account` or an address). */
export function addressOf(account: Account | Address): Address {
  return typeof account === 'string' ? account : account.address
}
