/**
 * Placeholder entry: this package's actions have not landed yet (see the project's open issues).
 * It exists so the workspace layout, builds and docs are in place.
 */
export const PACKAGE_STATUS = 'planned' as const
