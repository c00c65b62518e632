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

/** The callers of one bucket in this process: one reserves at a time, the others wait in arrival order. */
interface Lane {
  /** Whether a caller has the turn. */
  busy: boolean
  /** The callers waiting for the turn, first come first. */
  readonly waiting: Array<Deferred.Deferred<void>>
  /** Counts what the bucket learned (responses, slots given back). */
  learned: number
  /** Completed (and dropped) when the bucket learns something, to wake the caller waiting on it. */
  changed: Deferred.Deferred<void> | undefined
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

    const laneOf = (id: string): Lane => {
      let lane = lanes.get(id)
      if (lane === undefined) {
        lane = { busy: false, waiting: [], learned: 0, changed: undefined }
        lanes.set(id, lane)
      }
      return lane
    }

    const notify = (id: string) =>
      Effect.sync(() => {
        const lane = lanes.get(id)
        if (lane === undefined) return
        lane.learned += 1
        if (lane.changed !== undefined) Deferred.unsafeDone(lane.changed, Exit.void)
        lane.changed = undefined
      })

    // The turn goes to the first caller waiting, or the lane is left idle.
    const passTurn = (id: string, lane: Lane) => {
      const next = lane.waiting.shift()
      if (next !== undefined) return Deferred.unsafeDone(next, Exit.void)
      lane.busy = false
      lanes.delete(id)
    }

    type Restore = <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>

    // Waits for the lane's turn; a caller interrupted once the turn was handed to it hands it on.
    const takeTurn = (id: string, lane: Lane, restore: Restore): Effect.Effect<void> => {
      if (!lane.busy) {
        lane.busy = true
        return Effect.void
      }
      const mine = Deferred.unsafeMake<void>(FiberId.none)
      lane.waiting.push(mine)
      return Effect.onInterrupt(restore(Deferred.await(mine)), () =>
        Effect.sync(() => {
          const at = lane.waiting.indexOf(mine)
          if (at >= 0) lane.waiting.splice(at, 1)
          else passTurn(id, lane)
        }))
    }

    // Waits until the bucket learns something after the `seen`th thing.
    const learnedSince = (lane: Lane, seen: number) =>
      Effect.suspend(() =>
        lane.learned === seen ? Deferred.await(lane.changed ??= Deferred.unsafeMake(FiberId.none)) : Effect.void
      )

    // Asks the store until it grants a slot; only the waits can be interrupted.
    const reserve = (id: string, lane: Lane, restore: Restore): Effect.Effect<Ticket> => {
      const seen = lane.learned
      return Effect.flatMap(store.reserve(id), (reservation) =>
        reservation._tag === "Granted"
          ? Effect.succeed(reservation.ticket)
          : Effect.zipRight(
            restore(Effect.raceFirst(Effect.sleep(reservation.millis), learnedSince(lane, seen))),
            Effect.suspend(() => reserve(id, lane, restore))
          ))
    }

    // Runs `send` on a granted slot: its outcome settles the slot, or the slot is given back if `send` never started.
    const spend = <E, R>(id: string, ticket: Ticket, send: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>, restore: Restore) => {
      let started = false
      const sent = Effect.exit(restore(Effect.suspend(() => {
        started = true
        return send
      })))
      return Effect.flatMap(sent, (exit) =>
        Effect.zipRight(
          started
            ? store.settle(id, ticket, Exit.isSuccess(exit) ? outcomeOf(exit.value) : { _tag: "NoResponse" })
            : store.giveBack(id, ticket),
          Effect.zipRight(notify(id), exit)
        ))
    }

    // Takes the lane's turn, reserves, passes the turn on, then spends the slot.
    const queued = <E, R>(id: string, send: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>, restore: Restore) => {
      const lane = laneOf(id)
      const reserved = Effect.zipRight(takeTurn(id, lane, restore), Effect.exit(reserve(id, lane, restore)))
      return Effect.flatMap(reserved, (reservation) => {
        passTurn(id, lane)
        return Exit.isFailure(reservation) ? Effect.failCause(reservation.cause) : spend(id, reservation.value, send, restore)
      })
    }

    return {
      limit: (key, send) => {
        const id = bucketKey(key)
        // Uninterruptible but for the waits and `send`: the turn is always passed on, the slot settled or given back.
        return Effect.uninterruptibleMask((restore) => {
          const reserveNow = store.reserveNow
          // Nobody queued for the bucket and a store in this process: a free slot is taken at once.
          if (reserveNow === undefined || lanes.has(id)) return queued(id, send, restore)
          return Effect.clockWith((clock) => {
            const reservation = reserveNow(id, clock.unsafeCurrentTimeMillis())
            return reservation._tag === "Granted" ? spend(id, reservation.ticket, send, restore) : queued(id, send, restore)
          })
        })
      }
    }
  })

  /** The limiter over a store of your choice (see `effect-stoat/redis`). */
  static layerStore: Layer.Layer<RateLimiter, never, RateLimiterStore> = Layer.effect(RateLimiter, RateLimiter.make)

  /** In memory, the default. */
  static layer: Layer.Layer<RateLimiter> = RateLimiter.layerStore.pipe(Layer.provide(RateLimiterStore.memory))
}
