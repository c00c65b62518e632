import { NodeHttpClient } from "@effect/platform-node"
import { type ConfigError, Layer } from "effect"
import { StoatCache } from "./services/StoatCache.js"
import { StoatClient } from "./services/StoatClient.js"
import { StoatConfig, type StoatConfigOptions } from "./services/StoatConfig.js"
import { serveFake } from "./node/serveFake.js"
import { StoatFake as BaseStoatFake } from "./testing/fake/StoatFake.js"

/** `StoatClient` (and its cache) over undici, configured by the given settings (a blank token is a `ConfigError`). */
export const stoatNodeLayer = (options: StoatConfigOptions): Layer.Layer<StoatClient | StoatCache, ConfigError.ConfigError> =>
  StoatClient.layer.pipe(Layer.provide(StoatConfig.layer(options)), Layer.provide(NodeHttpClient.layerUndici))

/** `StoatClient` (and its cache) over undici, configured from `STOAT_TOKEN`, `STOAT_TOKEN_KIND`, `STOAT_API_URL`. */
export const StoatNodeLive = StoatClient.layer.pipe(
  Layer.provide(StoatConfig.layerConfig),
  Layer.provide(NodeHttpClient.layerUndici)
)

/** The Stoat fake of `effect-stoat/testing`, and `StoatFake.serve`: the same fake on a real port. */
export class StoatFake extends BaseStoatFake {
  /** Serves the fake over HTTP on `host:port` (loopback by default); see `serveFake`. */
  static serve = serveFake
}

export { serveFake, type ServeFakeOptions, type ServedAnswer } from "./node/serveFake.js"
