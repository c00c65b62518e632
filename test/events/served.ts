import { HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Effect, Layer, Redacted } from "effect"
import { Gateway, type GatewayOptions, StoatClient, StoatConfig } from "effect-stoat"
import { NodeWebSocket, serveFake } from "effect-stoat/node"
import type { StoatFakeSeed } from "effect-stoat/testing"

/** The fake served on a loopback port (HTTP and the events socket). */
export const served = (seed: StoatFakeSeed) => serveFake({ port: 0, seed })

/** The base URL of the served fake. */
export const baseUrlOf = Effect.map(HttpServer.HttpServer, (server) =>
  server.address._tag === "TcpAddress" ? `http://127.0.0.1:${server.address.port}` : "http://127.0.0.1")

/** A client signed in as `handle` to the served fake, over undici. */
export const clientOf = (seed: StoatFakeSeed, handle: string, token = seed.token(handle)) =>
  Layer.unwrapEffect(Effect.map(baseUrlOf, (baseUrl) =>
    StoatClient.layer.pipe(
      Layer.provide(StoatConfig.layer({ token: Redacted.make(token), tokenKind: handle === "modbot" ? "bot" : "user", baseUrl })),
      Layer.provide(NodeHttpClient.layerUndici)
    )))

/** A client and its gateway signed in as `handle` to the served fake. */
export const gatewayOf = (seed: StoatFakeSeed, handle: string, options: GatewayOptions = {}, token?: string) =>
  Gateway.layerWith(options).pipe(Layer.provideMerge(clientOf(seed, handle, token)), Layer.provide(NodeWebSocket))
