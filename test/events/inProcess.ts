import { Layer, Redacted } from "effect"
import { Gateway, type GatewayOptions, StoatClient, StoatConfig } from "effect-stoat"
import { type StoatFakeSeed, stoatFakeWithEvents } from "effect-stoat/testing"

/** The fake in process (no port): its HTTP client, its events server, and a WebSocket reaching it. */
export const inProcessFake = stoatFakeWithEvents

/** A client of the in-process fake signed in as `handle` (a bot for `modbot`). */
export const inProcessClient = (seed: StoatFakeSeed, handle: string, token = seed.token(handle)) =>
  StoatClient.layer.pipe(
    Layer.provide(StoatConfig.layer({ token: Redacted.make(token), tokenKind: handle === "modbot" ? "bot" : "user", baseUrl: "http://fake.stoat" }))
  )

/** A client and its gateway signed in as `handle` to the in-process fake. */
export const inProcessGateway = (seed: StoatFakeSeed, handle: string, options: GatewayOptions = {}, token?: string) =>
  Gateway.layerWith(options).pipe(Layer.provideMerge(inProcessClient(seed, handle, token)))
