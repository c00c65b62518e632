import { NodeSocket } from "@effect/platform-node"
import { type ConfigError, Layer } from "effect"
import { layerUndiciHttpClient } from "./node/UndiciHttpClient.js"
import { StoatCache } from "./services/StoatCache.js"
import { StoatClient } from "./services/StoatClient.js"
import { StoatConfig, type StoatConfigOptions } from "./services/StoatConfig.js"

/** `StoatClient` (and its cache) over undici (`layerUndiciHttpClient`), configured by the given settings (a blank token is a `ConfigError`). */
export const stoatNodeLayer = (options: StoatConfigOptions): Layer.Layer<StoatClient | StoatCache, ConfigError.ConfigError> =>
  StoatClient.layer.pipe(Layer.provide(StoatConfig.layer(options)), Layer.provide(layerUndiciHttpClient))

/** `StoatClient` (and its cache) over undici (`layerUndiciHttpClient`), configured from `STOAT_TOKEN`, `STOAT_TOKEN_KIND`, `STOAT_API_URL`. */
export const StoatNodeLive = StoatClient.layer.pipe(
  Layer.provide(StoatConfig.layerConfig),
  Layer.provide(layerUndiciHttpClient)
)

/** The WebSocket the `Gateway` connects with: Node's own where it has one (22+), else the `ws` package. */
export const NodeWebSocket = NodeSocket.layerWebSocketConstructor

export { serveFake, type ServeFakeOptions, type ServedAnswer } from "./node/serveFake.js"
export { layerUndiciHttpClient, makeUndiciHttpClient } from "./node/UndiciHttpClient.js"
