// The `@restakekit/lrt/puffer` subpath: Puffer pufETH's actions under their glossary names.
export { ETH_ADDRESS } from './kelp/deployments.js'
export * from './puffer/index.js'
