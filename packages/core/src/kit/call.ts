import {
  type Abi,
  type Address,
  type ContractFunctionArgs,
  type ContractFunctionName,
  encodeFunctionData,
  type Hex,
} from 'viem'

/** One transaction to send: what `prepareX` returns a frozen list of (Safe and smart accounts batch it). */
export type Call = { readonly to: Address; readonly data: Hex; readonly value: bigint }

/** Encodes a contract call into a frozen `Call`. */
export function encodeCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
>(params: {
  address: Address
  abi: abi
  functionName: functionName
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>
  value?: bigint
}): Call {
  const data = encodeFunctionData({
    abi: params.abi,
    functionName: params.functionName,
    args: params.args,
  } as never)
  return Object.freeze({ to: params.address, data, value: params.value ?? 0n })
}

/** Freezes a list of calls. */
export function calls(...list: Call[]): readonly Call[] {
  return Object.freeze(list)
}

/**
 * A contract call described once: address, ABI, function and arguments. A write's spec builds it
 * with `contractCall` (typed by the ABI: a wrong function name or argument does not compile), and
 * every layer uses the same description — `prepare` encodes it, `simulate` simulates it, `send`
 * sends it.
 */
export type ContractCall = {
  readonly address: Address
  readonly abi: Abi
  readonly functionName: string
  readonly args: readonly unknown[]
  readonly value?: bigint
}

/** Describes a contract call, checked against the ABI at compile time. */
export function contractCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
>(params: {
  address: Address
  abi: abi
  functionName: functionName
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>
  value?: bigint
}): ContractCall {
  return params as unknown as ContractCall
}

/** Encodes a described call into a frozen `Call`. */
export function toCall(call: ContractCall): Call {
  const data = encodeFunctionData(call as never)
  return Object.freeze({ to: call.address, data, value: call.value ?? 0n })
}
