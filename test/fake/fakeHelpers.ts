import { HttpClient, HttpClientRequest, HttpServer } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Context, Effect, HashMap, Layer, Option, Redacted } from "effect"
import { type StoatCache, StoatClient, StoatConfig } from "effect-stoat"
import { serveFake } from "effect-stoat/node"
import { demoSeed, StoatFake, type StoatFakeSeed } from "effect-stoat/testing"
import { type RawAnswer, type RawOptions, rawParts } from "./raw.js"

/** The demo instance of effect-stoat/testing: see its JSDoc for who is who. */
export { demoSeed }

/** Where the fake answers: in process, or over real HTTP on a loopback port. */
export type Transport = "in process" | "loopback HTTP"
export const transports: ReadonlyArray<Transport> = ["in process", "loopback HTTP"]

/** The base URL the clients of a scenario use. */
class FakeBaseUrl extends Context.Tag("test/FakeBaseUrl")<FakeBaseUrl, string>() {}

/** The fake made from `seed` and an `HttpClient` that reaches it, by `transport`. */
const world = (seed: StoatFakeSeed, transport: Transport) =>
  transport === "in process"
    ? Layer.merge(StoatFake.layer(seed), Layer.succeed(FakeBaseUrl, "http://fake.stoat"))
    : Layer.effect(
      FakeBaseUrl,
      Effect.map(HttpServer.HttpServer, (server) =>
        server.address._tag === "TcpAddress" ? `http://127.0.0.1:${server.address.port}` : "http://127.0.0.1")
    ).pipe(Layer.provideMerge(serveFake({ port: 0, seed })), Layer.merge(NodeHttpClient.layerUndici))

/** A client signed in as `handle`, over the scenario's `HttpClient` and base URL. */
export const signedIn = (seed: StoatFakeSeed, handle: string) => {
  const account = HashMap.get(seed.state.accounts, seed.id(handle))
  const bot = Option.exists(account, (account) => Option.isSome(account.user.bot))
  return Layer.unwrapEffect(Effect.map(FakeBaseUrl, (baseUrl) =>
    StoatClient.layer.pipe(
      // A seed's tokens are never blank, so the config cannot fail.
      Layer.provide(Layer.orDie(StoatConfig.layer({ token: Redacted.make(seed.token(handle)), tokenKind: bot ? "bot" : "user", baseUrl })))
    )))
}

/** Runs an effect as `handle`. */
export type As = (handle: string) => <B, F>(
  effect: Effect.Effect<B, F, StoatClient | StoatCache>
) => Effect.Effect<B, F, HttpClient.HttpClient | FakeBaseUrl>

/** Scenarios over one transport. */
export const on = (transport: Transport) => {
  /** Runs `body` against one fake made from `seed`; `as(handle)` runs an effect as that user. */
  const scenario = <A, E>(
    seed: StoatFakeSeed,
    body: (as: As) => Effect.Effect<A, E, StoatFake | HttpClient.HttpClient | FakeBaseUrl>
  ) => body((handle) => (effect) => Effect.provide(effect, signedIn(seed, handle))).pipe(Effect.provide(world(seed, transport)))
  /** Runs an effect as `handle` against a fake of its own. */
  const as = (handle: string, seed: StoatFakeSeed = demoSeed) => <B, F>(effect: Effect.Effect<B, F, StoatClient | StoatCache | StoatFake>) =>
    scenario(seed, (as) => Effect.flatMap(StoatFake, (fake) => as(handle)(Effect.provideService(effect, StoatFake, fake))))
  return { scenario, as }
}

/** In-process scenarios (see `on` to choose the transport). */
export const { scenario } = on("in process")

/** A client signed in as `handle` against its own in-process fake made from `seed`. */
export const fakeClient = (seed: StoatFakeSeed, handle: string) =>
  signedIn(seed, handle).pipe(Layer.provideMerge(world(seed, "in process")))

/**
 * One raw request through the scenario's transport (the fake in process, or its loopback port),
 * signed in as `options.as` of `seed`: the wire as a client in any language sends it.
 */
export const send = (
  seed: StoatFakeSeed,
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE",
  path: string,
  options: RawOptions = {}
): Effect.Effect<RawAnswer, never, HttpClient.HttpClient | FakeBaseUrl> =>
  Effect.gen(function*() {
    const client = yield* HttpClient.HttpClient
    const baseUrl = yield* FakeBaseUrl
    const { body, headers } = rawParts(seed, options)
    let request = HttpClientRequest.make(method)(`${baseUrl}${path}`).pipe(
      HttpClientRequest.setHeaders(headers),
      HttpClientRequest.setUrlParams(options.query ?? {})
    )
    if (body !== undefined) request = HttpClientRequest.bodyText(request, body, "application/json")
    const response = yield* client.execute(request)
    const text = yield* response.text
    const json: unknown = (response.headers["content-type"] ?? "").startsWith("application/json") ? JSON.parse(text) : undefined
    return { status: response.status, headers: response.headers, body: text, bytes: undefined, json }
  }).pipe(Effect.scoped, Effect.orDie)
