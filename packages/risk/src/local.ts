import { type CertificateResult, certifySecurity } from './certificate.js'
import { type ExactOptions, type ExactResult, exactSecurity } from './exact.js'
import { type RestakingGraph, serviceSubgraph } from './graph.js'

export type LocalSecurityResult = {
  readonly services: readonly string[]
  /** γ_cert(C): the certificate with T_v restricted to services in C. */
  readonly certificate: CertificateResult
  /**
   * The exact local margin: min over Y ⊆ N(C) of σ_Y / π_{X(Y)} − 1 with
   * X(Y) = { s ∈ C : σ_{Y∩N(s)} ≥ α_s σ_{N(s)} }, and its witness.
   */
  readonly exact: ExactResult
}

/**
 * Security of a group of services C on its own: the analysis of the subgraph made of C and every
 * validator restaking for a service of C (N(s) ⊆ N(C) for s ∈ C, so thresholds are unchanged).
 * Unknown ids throw `InvalidGraphError` naming `serviceIds[i]`.
 */
export function localSecurity(
  graph: RestakingGraph,
  serviceIds: readonly string[],
  options: ExactOptions = {},
): LocalSecurityResult {
  const sub = serviceSubgraph(graph, serviceIds)
  return { services: [...serviceIds], certificate: certifySecurity(sub), exact: exactSecurity(sub, options) }
}
