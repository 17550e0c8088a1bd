import { z } from 'zod'
import { InvalidOperatorMetadataError } from './errors.js'

const url = z.url({ protocol: /^https?$/ })

/**
 * The operator metadata JSON EigenLayer's tooling reads from an operator's `metadataURI`: a name,
 * a website, a description, a PNG logo and an X (Twitter) profile. The SDK's own bounds: the name
 * 1-200 characters, the description at most 500.
 */
export const operatorMetadataSchema = z.object({
  name: z.string().trim().min(1).max(200),
  website: url,
  description: z.string().max(500),
  logo: url.refine(
    (u) => new URL(u).pathname.toLowerCase().endsWith('.png'),
    'the logo must be a .png image',
  ),
  twitter: url.refine(
    (u) =>
      ['twitter.com', 'www.twitter.com', 'x.com', 'www.x.com'].includes(new URL(u).hostname.toLowerCase()),
    'must be a twitter.com or x.com address',
  ),
})

/** Operator metadata, as validated by `operatorMetadataSchema`. */
export type OperatorMetadata = z.infer<typeof operatorMetadataSchema>

/** Validates operator metadata (an object or its JSON text); a typed error lists every issue. */
export function parseOperatorMetadata(metadata: unknown): OperatorMetadata {
  let value = metadata
  if (typeof metadata === 'string') {
    try {
      value = JSON.parse(metadata)
    } catch {
      throw new InvalidOperatorMetadataError({ issues: ['the metadata is not valid JSON'] })
    }
  }
  const r = operatorMetadataSchema.safeParse(value)
  if (!r.success)
    throw new InvalidOperatorMetadataError({
      issues: r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
    })
  return r.data
}
