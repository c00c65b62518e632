import type { HttpClientResponse } from "@effect/platform"
import { Context, Deferred, Effect, Exit, FiberId, Layer } from "effect"
import { rateLimitBucket } from "./rateLimitBucket.js"
import type { Outcome, Ticket } from "./rateLimitWindow.js"
import { RateLimiterStore } from "./RateLimiterStore.js"

/** What the server counts a request by: its method and path, and who sends it. */
export interface RequestKey {
  readonly method: string
  /** The path relative to the API root, e.g. "/servers/01H.../members/01H..." (no query), an optional "/0.8" prefix allowed. */
  readonly path: string
  /** Who the server counts (stoat-api.md §3.1): never the raw token; e.g. the API origin for a bot token, origin + a hash of the token for a user session. */
  readonly identity: string
}

/** The server's bucket for a request, readable: `"servers/01H..."`, `"messaging/01H..."`, `"any"`. */
export const bucketOf = (key: Pick<RequestKey, "method" | "path">): string => {
  const { bucket, resource } = rateLimitBucket(key.method, key.path)
  return resource === undefined ? bucket : `${bucket}/${resource}`
}

/** The store key of a request's bucket: identity, bucket name and resource, unambiguous. */
export const bucketKey = (key: RequestKey): string => {
  const { bucket, resource } = rateLimitBucket(key.method, key.path)
  return JSON.stringify([key.identity, bucket, resource ?? null])
}

const count = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined
  return Number(value)
}

/** What a response teaches about its bucket: its rate-limit headers, or that it has none. */
export const outcomeOf = (response: HttpClientResponse.HttpClientResponse): Outcome => {
  const limit = count(response.headers["x-ratelimit-limit"])
  const remaining = count(response.headers["x-ratelimit-remaining"])
  const resetAfter = count(response.headers["x-ratelimit-reset-after"])
  if (limit === undefined || remaining === undefined || resetAfter === undefined || limit < 1) {
    return { _tag: "NoHeaders" }
  }
  return { _tag: "Headers", limit: Math.floor(limit), remaining: Math.floor(remaining), resetAfter: Math.ceil(resetAfter) }
}

/** The callers of one bucket in this process, served one at a time in arrival order. */
interface Lane {
  tail: Deferred.Deferred<void>
  callers: number
  /** Completed (and replaced) whenever the bucket learns something, to wake its waiting caller. */
  changed: Deferred.Deferred<void>
}

/** Paces requests by the server's rate-limit buckets so that none earns a 429. */
export class RateLimiter extends Context.Tag("effect-stoat/RateLimiter")<RateLimiter, {
  /** Waits for a slot in the request's bucket, runs `send`, and learns limit/remaining/reset from its response (429s included). A slot whose `send` never started is given back. */
  readonly limit: <E, R>(
    key: RequestKey,
    send: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>
  ) => Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>
}>() {
  /** A limiter over the store in context. */
  static make: Effect.Effect<Context.Tag.Service<RateLimiter>, never, RateLimiterStore> = Effect.gen(function*() {
    const store = yield* RateLimiterStore
    const lanes = new Map<string, Lane>()

    const notify = (id: string) =>
      Effect.suspend(() => {
        const lane = lanes.get(id)
        if (lane === undefined) return Effect.void
        const changed = lane.changed
        lane.changed = Deferred.unsafeMake(FiberId.none)
        return Deferred.succeed(changed, undefined)
      })

    // Asks the store until it grants a slot; only the waits can be interrupted.
    const reserve = (id: string, lane: Lane, restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>) =>
      Effect.gen(function*() {
        while (true) {
          const changed = lane.changed
          const reservation = yield* store.reserve(id)
          if (reservation._tag === "Granted") return reservation.ticket
          yield* restore(Effect.raceFirst(Effect.sleep(reservation.millis), Deferred.await(changed)))
        }
      })

    // Holds the lane's turn while reserving, so callers are served in the order they came.
    const inTurn = (id: string, restore: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>) =>
      Effect.gen(function*() {
        const mine = yield* Deferred.make<void>()
        const lane: Lane = lanes.get(id) ?? { tail: mine, callers: 0, changed: yield* Deferred.make<void>() }
        const previous = lanes.has(id) ? lane.tail : undefined
        lane.tail = mine
        lane.callers += 1
        lanes.set(id, lane)
        let turn = previous === undefined
        const leave = Effect.suspend(() => {
          lane.callers -= 1
          if (lane.callers === 0) lanes.delete(id)
          // A caller leaving before its turn hands its successor the wait for its own predecessor.
          return turn || previous === undefined
            ? Deferred.succeed(mine, undefined)
            : Deferred.completeWith(mine, Deferred.await(previous))
        })
        return yield* Effect.gen(function*() {
          if (previous !== undefined) yield* restore(Deferred.await(previous))
          turn = true
          return yield* reserve(id, lane, restore)
        }).pipe(Effect.ensuring(leave))
      })

    return {
      limit: (key, send) => {
        const id = bucketKey(key)
        return Effect.uninterruptibleMask((restore) =>
          Effect.gen(function*() {
            const ticket: Ticket = yield* inTurn(id, restore)
            let started = false
            return yield* restore(Effect.suspend(() => {
              started = true
              return send
            })).pipe(
              Effect.onExit((exit) =>
                Effect.zipRight(
                  started
                    ? store.settle(id, ticket, Exit.isSuccess(exit) ? outcomeOf(exit.value) : { _tag: "NoResponse" })
                    : store.giveBack(id, ticket),
                  notify(id)
                )
              )
            )
          })
        )
      }
    }
  })

  /** The limiter over a store of your choice (see `effect-stoat/redis`). */
  static layerStore: Layer.Layer<RateLimiter, never, RateLimiterStore> = Layer.effect(RateLimiter, RateLimiter.make)

  /** In memory, the default. */
  static layer: Layer.Layer<RateLimiter> = RateLimiter.layerStore.pipe(Layer.provide(RateLimiterStore.memory))
}
