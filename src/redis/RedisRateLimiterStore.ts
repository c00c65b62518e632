import { createHash } from "node:crypto"
import { Effect, Layer } from "effect"
import { Redis, type RedisOptions } from "ioredis"
import { RateLimiter } from "../services/RateLimiter.js"
import { RateLimiterStore } from "../services/RateLimiterStore.js"
import { keepMillis, type Outcome, pollMillis, type Reservation, type Ticket } from "../services/rateLimitWindow.js"
import { bucketScript } from "./script.js"

/** Where the buckets live in Redis: the key prefix, shared by every process that paces together. */
export interface RedisStoreOptions {
  /** Prefix of every bucket key; default "effect-stoat:ratelimit:". */
  readonly prefix?: string | undefined
}

const sha = createHash("sha1").update(bucketScript).digest("hex")

const outcomeArgs = (outcome: Outcome): ReadonlyArray<string | number> => {
  switch (outcome._tag) {
    case "Headers":
      return ["headers", outcome.limit, outcome.remaining, outcome.resetAfter]
    case "NoHeaders":
      return ["noHeaders"]
    case "NoResponse":
      return ["noResponse"]
  }
}

/** Runs one bucket step in Redis; `now` (ms) is for tests, Redis' own clock otherwise. */
export const runBucketScript = (
  redis: Redis,
  key: string,
  op: "reserve" | "settle" | "giveBack",
  args: { readonly ticket?: Ticket; readonly outcome?: Outcome; readonly now?: number } = {}
): Promise<ReadonlyArray<number>> => {
  const argv = [
    op,
    keepMillis,
    pollMillis,
    args.now ?? "",
    args.ticket?.epoch ?? 0,
    args.ticket?.counted === true ? "1" : "0",
    args.ticket?.reservedAt ?? 0,
    ...(args.outcome === undefined ? [] : outcomeArgs(args.outcome))
  ]
  const run = (): Promise<unknown> =>
    redis.evalsha(sha, 1, key, ...argv).catch((error: unknown) =>
      error instanceof Error && error.message.startsWith("NOSCRIPT")
        ? redis.eval(bucketScript, 1, key, ...argv)
        : Promise.reject(error)
    )
  return run().then((reply) =>
    Array.isArray(reply) && reply.every((value) => typeof value === "number")
      ? reply
      : Promise.reject(new Error(`unexpected reply from the rate-limit script: ${JSON.stringify(reply)}`))
  )
}

/** Reads the script's answer to a reservation. */
export const toReservation = (reply: ReadonlyArray<number>): Reservation =>
  reply[0] === 1
    ? { _tag: "Granted", ticket: { epoch: reply[1] ?? 0, counted: reply[2] === 1, reservedAt: reply[3] ?? 0 } }
    : { _tag: "Wait", millis: reply[1] ?? pollMillis }

/** A store over a Redis connection you own; every process given the same prefix shares its buckets. */
export const makeRedisStore = (redis: Redis, options: RedisStoreOptions = {}): RateLimiterStore["Type"] => {
  const prefix = options.prefix ?? "effect-stoat:ratelimit:"
  // Redis unreachable: the request goes unpaced (the pipeline's 429 handling still holds), with a warning.
  const step = <A>(key: string, run: (key: string) => Promise<A>, fallback: A) =>
    Effect.tryPromise(() => run(`${prefix}${key}`)).pipe(
      Effect.catchAll((error) =>
        Effect.as(Effect.logWarning("effect-stoat: the Redis rate-limit store failed; sending unpaced", error.cause), fallback)
      )
    )
  const unpaced: Reservation = { _tag: "Granted", ticket: { epoch: 0, counted: false, reservedAt: 0 } }
  return {
    reserve: (key) => step(key, (name) => runBucketScript(redis, name, "reserve").then(toReservation), unpaced),
    settle: (key, ticket, outcome) => step(key, (name) => runBucketScript(redis, name, "settle", { ticket, outcome }), []).pipe(Effect.asVoid),
    giveBack: (key, ticket) => step(key, (name) => runBucketScript(redis, name, "giveBack", { ticket }), []).pipe(Effect.asVoid)
  }
}

/** Rate-limit stores and limiters that share their buckets through Redis (`ioredis` 5). */
export const RedisRateLimiterStore = {
  /** A store on a new connection (closed with the layer) from ioredis options or a `redis://` URL. */
  layer: (connection: string | RedisOptions, options: RedisStoreOptions = {}): Layer.Layer<RateLimiterStore> =>
    Layer.scoped(
      RateLimiterStore,
      Effect.map(
        Effect.acquireRelease(
          Effect.sync(() => typeof connection === "string" ? new Redis(connection) : new Redis(connection)),
          (redis) => Effect.promise(() => redis.quit().catch(() => "closed"))
        ),
        (redis) => makeRedisStore(redis, options)
      )
    ),
  /** A store on a connection you own and close. */
  layerClient: (redis: Redis, options: RedisStoreOptions = {}): Layer.Layer<RateLimiterStore> =>
    Layer.succeed(RateLimiterStore, makeRedisStore(redis, options))
}

/** A rate limiter whose buckets every process on the same Redis (and prefix) shares. */
export const layerRedisRateLimiter = (
  connection: string | RedisOptions,
  options: RedisStoreOptions = {}
): Layer.Layer<RateLimiter> => RateLimiter.layerStore.pipe(Layer.provide(RedisRateLimiterStore.layer(connection, options)))
