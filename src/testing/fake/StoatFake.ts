import { HttpClient, HttpClientError, HttpClientResponse } from "@effect/platform"
import { Clock, Context, Duration, Effect, HashMap, Layer, Option, Ref, type Scope } from "effect"
import type { Ban } from "../../schema/Ban.js"
import type { Message } from "../../schema/Message.js"
import { type FakeState, pair } from "./FakeState.js"
import { type FakeStateView, viewBan, viewMessage, viewState } from "./view.js"
import type { FakeRequest, FakeResponse } from "./http.js"
import { dispatch } from "./router.js"
import { routes } from "./routes.js"
import type { StoatFakeSeed } from "./StoatFakeSeed.js"

/** A way to make chosen requests fail, for reliability tests. */
export type FakeFault =
  /** The connection is reset before any answer. */
  | { readonly _tag: "Reset" }
  /** The answer comes after `delay`. */
  | { readonly _tag: "Delay"; readonly delay: Duration.DurationInput }
  /** A proxy in front answers `status` with an HTML page; the instance never sees the request. */
  | { readonly _tag: "HtmlError"; readonly status: number }
  /** The instance handles the request but its JSON body arrives cut in half. */
  | { readonly _tag: "Truncate" }

/** Which requests a fault hits, and how many times (every time by default). */
export interface FaultRule {
  readonly method?: string
  /** Matched against the raw path: a prefix, or a pattern. */
  readonly path?: string | RegExp
  readonly times?: number
  readonly fault: FakeFault
}

/** A request the fake received and the status it answered. */
export interface ReceivedRequest {
  readonly request: FakeRequest
  readonly status: number | "reset"
}

/** The fake's failure for a reset connection. */
export class ConnectionReset extends Error {
  constructor() {
    super("read ECONNRESET")
  }
}

const matches = (rule: FaultRule, request: FakeRequest) =>
  (rule.method === undefined || rule.method === request.method) &&
  (rule.path === undefined ||
    (typeof rule.path === "string" ? request.path.startsWith(rule.path) : rule.path.test(request.path)))

const proxyPage = (status: number): FakeResponse => ({
  status,
  headers: { "content-type": "text/html" },
  body: `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`
})

/** A request that changed the fake's state: what its events server turns into events. */
export interface FakeChange {
  readonly request: FakeRequest
  readonly status: number
  readonly before: FakeState
  readonly after: FakeState
  /** Unix ms. */
  readonly now: number
}

/** An in-memory Stoat instance with the backend's semantics (reference stoat-api.md). */
export class StoatFake extends Context.Tag("effect-stoat/testing/StoatFake")<
  StoatFake,
  {
    /** The seed the fake started from: its `id(handle)` and `token(handle)`. */
    readonly seed: StoatFakeSeed
    /** Answers one request (both the in-process client and the HTTP server come through here). */
    readonly handle: (request: FakeRequest) => Effect.Effect<FakeResponse, ConnectionReset>
    /** Adds a fault rule; the newest matching rule wins. */
    readonly inject: (rule: FaultRule) => Effect.Effect<void>
    /** Runs `listener` after each request that changed the state, one request at a time, before it is answered. */
    readonly onChange: (listener: (change: FakeChange) => Effect.Effect<void>) => Effect.Effect<void, never, Scope.Scope>
    /** The state now, decoded from the fake's own JSON with the client's schemas. */
    readonly state: Effect.Effect<FakeStateView>
    /** The fake's own records now, as its routes see them. */
    readonly records: Effect.Effect<FakeState>
    readonly requests: Effect.Effect<ReadonlyArray<ReceivedRequest>>
    readonly isMember: (server: string, user: string) => Effect.Effect<boolean>
    readonly isBanned: (server: string, user: string) => Effect.Effect<boolean>
    /** A server's bans, decoded from the fake's JSON. */
    readonly bans: (server: string) => Effect.Effect<ReadonlyArray<Ban>>
    /** A channel's messages, oldest first, decoded from the fake's JSON. */
    readonly messages: (channel: string) => Effect.Effect<ReadonlyArray<Message>>
  }
>() {
  /** A fake started from `seed`. */
  static make(seed: StoatFakeSeed): Effect.Effect<Context.Tag.Service<StoatFake>> {
    return Effect.gen(function*() {
      const state = yield* Ref.make(seed.records)
      const received = yield* Ref.make<ReadonlyArray<ReceivedRequest>>([])
      const rules = yield* Ref.make<ReadonlyArray<{ readonly rule: FaultRule; readonly left: number }>>([])
      const log = (request: FakeRequest, status: ReceivedRequest["status"]) =>
        Ref.update(received, (all) => [...all, { request, status }])

      /** The newest rule that matches, counted down. */
      const takeFault = (request: FakeRequest) =>
        Ref.modify(rules, (all) => {
          const index = all.findLastIndex((entry) => entry.left > 0 && matches(entry.rule, request))
          const entry = all[index]
          if (entry === undefined) return [Option.none<FakeFault>(), all]
          const next = all.map((other, at) => (at === index ? { ...other, left: other.left - 1 } : other))
          return [Option.some(entry.rule.fault), next]
        })

      const listeners = yield* Ref.make<ReadonlyArray<(change: FakeChange) => Effect.Effect<void>>>([])
      const oneAtATime = yield* Effect.makeSemaphore(1)
      const answer = (request: FakeRequest) =>
        oneAtATime.withPermits(1)(Effect.gen(function*() {
          const now = yield* Clock.currentTimeMillis
          const before = yield* Ref.get(state)
          const outcome = dispatch(routes, before, request, now)
          const after = outcome.state ?? before
          yield* Ref.set(state, after)
          const change = { request, status: outcome.response.status, before, after, now }
          if (after !== before) for (const listener of yield* Ref.get(listeners)) yield* listener(change)
          return outcome.response
        }))

      const handle = (request: FakeRequest): Effect.Effect<FakeResponse, ConnectionReset> =>
        Effect.gen(function*() {
          const fault = yield* takeFault(request)
          if (Option.isSome(fault)) {
            switch (fault.value._tag) {
              case "Reset":
                yield* log(request, "reset")
                return yield* Effect.fail(new ConnectionReset())
              case "HtmlError":
                yield* log(request, fault.value.status)
                return proxyPage(fault.value.status)
              case "Delay":
                yield* Effect.sleep(fault.value.delay)
                break
              case "Truncate": {
                const response = yield* answer(request)
                yield* log(request, response.status)
                return { ...response, body: response.body.slice(0, Math.floor(response.body.length / 2)) }
              }
            }
          }
          const response = yield* answer(request)
          yield* log(request, response.status)
          return response
        })

      const view = <A>(read: (state: FakeState) => A) => Effect.map(Ref.get(state), read)
      return {
        seed,
        handle,
        inject: (rule) => Ref.update(rules, (all) => [...all, { rule, left: rule.times ?? Number.POSITIVE_INFINITY }]),
        onChange: (listener) =>
          Effect.acquireRelease(
            Ref.update(listeners, (all) => [...all, listener]),
            () => Ref.update(listeners, (all) => all.filter((other) => other !== listener))
          ),
        state: view(viewState),
        records: Ref.get(state),
        requests: Ref.get(received),
        isMember: (server, user) => view((state) => HashMap.has(state.members, pair(server, user))),
        isBanned: (server, user) => view((state) => HashMap.has(state.bans, pair(server, user))),
        bans: (server) => view((state) => [...HashMap.values(state.bans)].filter((ban) => ban._id.server === server).map(viewBan)),
        messages: (channel) => view((state) => Option.getOrElse(HashMap.get(state.messages, channel), () => []).map(viewMessage))
      }
    })
  }

  /** The fake, and an `HttpClient` answered by it in process (no socket). */
  static layer(seed: StoatFakeSeed): Layer.Layer<StoatFake | HttpClient.HttpClient> {
    return Layer.effectContext(
      Effect.gen(function*() {
        const fake = yield* StoatFake.make(seed)
        const client = HttpClient.make((request, url) =>
          Effect.gen(function*() {
            const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined
            const headers: Record<string, string> = {}
            for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
            const response = yield* fake.handle({
              method: request.method,
              path: url.pathname,
              query: url.searchParams,
              headers,
              body,
              ip: "127.0.0.1"
            })
            return HttpClientResponse.fromWeb(
              request,
              new Response(response.bytes ?? (response.status === 204 || response.body === "" ? null : response.body), {
                status: response.status,
                headers: response.headers
              })
            )
          }).pipe(
            Effect.mapError((cause) =>
              new HttpClientError.RequestError({ request, reason: "Transport", cause, description: cause.message })
            )
          )
        )
        return Context.make(StoatFake, fake).pipe(Context.add(HttpClient.HttpClient, client))
      })
    )
  }
}
