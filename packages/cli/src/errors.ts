// The CLI's own failures: bad input (exit 1, the field named) and bad usage (exit 2).

export class CliInputError extends Error {
  override readonly name = 'CliInputError' as const
  readonly field: string
  constructor({ field, message }: { field: string; message: string }) {
    super(`Invalid ${field}: ${message}`)
    this.field = field
  }
}

export class CliUsageError extends Error {
  override readonly name = 'CliUsageError' as const
}
