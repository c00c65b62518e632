import type { HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Data, Duration, Effect, Option, Predicate, Schedule } from "effect"
import { RateLimited, type TransportError } from "../errors/ClientError.js"
import { bodyText } from "./BufferedResponse.js"
import { urlOf } from "./wire.js"

/** How the pipeline retries. */
export interface RetryPolicy {
  /** How many times a request answered 429 `{"retry_after"}` is sent again (after that wait). */
  readonly rateLimited: number
  /** How many times a transient failure (transport, 502/503/504) is retried, when retrying is safe. */
  readonly transient: number
  /** The first backoff delay; each next one doubles, with jitter. */
  readonly backoffBase: Duration.Duration
  /** The longest backoff delay. */
  readonly backoffCap: Duration.Duration
}

/** The defaults: 3 retries of each kind, backoff from 500 ms doubling up to 10 s. */
export const defaultRetryPolicy: RetryPolicy = {
  rateLimited: 3,
  transient: 3,
  backoffBase: Duration.millis(500),
  backoffCap: Duration.seconds(10)
}

/** The wait a 429 from the rate limiter asks for: `{"retry_after": ms}` with no Stoat error `type`. */
const retryAfter = (body: string): Option.Option<Duration.Duration> => {
  try {
    const json: unknown = JSON.parse(body)
    if (Predicate.isRecord(json) && !("type" in json) && typeof json["retry_after"] === "number") {
      // The server renews a window only after its reset instant: a 0 still means "not yet".
      return Option.some(Duration.millis(Math.max(1, json["retry_after"])))
    }
  } catch {
    // Not JSON: not the rate limiter's answer.
  }
  return Option.none()
}

/**
 * Answers a 429 from the rate limiter by waiting its `retry_after` and sending again (through the
 * limiter again), at most `retries` times, then fails with `RateLimited` naming the `bucket`. Any other 429
 * (`InSlowmode`, `DiscriminatorChangeRatelimited`) passes through to be decoded, never retried.
 */
export const retryRateLimited = <E, R>(
  attempt: Effect.Effect<HttpClientResponse.HttpClientResponse, E, R>,
  request: HttpClientRequest.HttpClientRequest,
  retries: number,
  bucket: () => string
): Effect.Effect<HttpClientResponse.HttpClientResponse, E | RateLimited, R> => {
  const loop = (done: number): Effect.Effect<HttpClientResponse.HttpClientResponse, E | RateLimited, R> =>
    Effect.flatMap(attempt, (response) => {
      if (response.status !== 429) return Effect.succeed(response)
      return Effect.flatMap(bodyText(response), (body) =>
        Option.match(retryAfter(body), {
          onNone: () => Effect.succeed(response),
          onSome: (wait) =>
            done >= retries
              ? Effect.fail(
                new RateLimited({ method: request.method, url: urlOf(request), retryAfter: wait, bucket: bucket() })
              )
              : Effect.zipRight(Effect.sleep(wait), loop(done + 1))
        }))
    })
  return loop(0)
}

class GatewayAnswer extends Data.TaggedError("GatewayAnswer")<{ readonly response: HttpClientResponse.HttpClientResponse }> {}

const gatewayStatuses = new Set([502, 503, 504])

/** Capped exponential backoff with jitter (each delay between half and all of its step), `times` retries. */
export const backoff = (policy: RetryPolicy, times: number) =>
  Schedule.exponential(policy.backoffBase).pipe(
    Schedule.jitteredWith({ min: 0.5, max: 1 }),
    Schedule.modifyDelay((_, delay) => Duration.min(delay, policy.backoffCap)),
    Schedule.intersect(Schedule.recurs(times))
  )

/**
 * Retries transient failures with `backoff`: for a GET, any transport failure or a 502/503/504; for
 * any other method only a failure before the request left (it may have had its effect otherwise:
 * a kick done twice answers `NotFound`, a message sent twice is two messages).
 */
export const retryTransient = <R>(
  attempt: Effect.Effect<HttpClientResponse.HttpClientResponse, TransportError | RateLimited, R>,
  request: HttpClientRequest.HttpClientRequest,
  policy: RetryPolicy,
  times: number
): Effect.Effect<HttpClientResponse.HttpClientResponse, TransportError | RateLimited, R> => {
  const safe = request.method === "GET" || request.method === "HEAD"
  const retryable = (error: TransportError | RateLimited | GatewayAnswer) =>
    error._tag === "GatewayAnswer" ||
    (error._tag === "TransportError" && error.reason !== "InvalidRequest" && (safe || error.outcome === "NotSent"))
  const checked = Effect.filterOrFail(
    attempt,
    (response) => !(safe && gatewayStatuses.has(response.status)),
    (response) => new GatewayAnswer({ response })
  )
  // The schedule starts at the first failure: an attempt that succeeds costs nothing more.
  const retrying = (first: TransportError | RateLimited | GatewayAnswer) =>
    Effect.flatMap(Schedule.driver(backoff(policy, times)), (driver) => {
      const again = (error: TransportError | RateLimited | GatewayAnswer): Effect.Effect<HttpClientResponse.HttpClientResponse, TransportError | RateLimited | GatewayAnswer, R> =>
        retryable(error)
          ? Effect.matchEffect(driver.next(error), {
            onFailure: () => Effect.fail(error),
            onSuccess: () => Effect.catchAll(checked, again)
          })
          : Effect.fail(error)
      return again(first)
    })
  return checked.pipe(
    Effect.catchAll(retrying),
    Effect.catchTag("GatewayAnswer", (error) => Effect.succeed(error.response))
  )
}
