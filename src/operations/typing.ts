import { type Context, Deferred, Duration, Effect, Fiber } from "effect"
import { Gateway } from "../services/Gateway.js"
import type { ChannelId } from "../schema/Ids.js"
import type { StoatClient } from "../services/StoatClient.js"
import { invalid } from "../internal/input.js"
import { type MessageTarget, type MessageTargetError, messageTargetErrors, targetChannelId } from "./messageTarget.js"
import { operation } from "../internal/operation.js"

/** The failures of `beginTyping`, `endTyping` and `withTyping`'s own: resolving the target, and a refused token. */
export const typingErrors = messageTargetErrors
/** The failures of the typing operations. */
export type TypingError = MessageTargetError

/**
 * How often `withTyping` repeats `BeginTyping`. The server keeps no typing state; clients expire it:
 * stoat.js 4 s after it first showed you, RevoltSharp after 3 s, stoat.py never.
 */
export const typingRefreshInterval: Duration.Duration = Duration.millis(2500)

/** How long `withTyping` waits for its first `BeginTyping` to go out before starting the work anyway. */
const firstBeginWait = Duration.seconds(1)

/** How long `withTyping` waits to send `EndTyping` (the socket may be reconnecting) before giving up. */
const endTypingWait = Duration.seconds(5)

/** Options of `withTyping`. */
export interface WithTypingOptions {
  /** How often to repeat `BeginTyping` (`typingRefreshInterval` by default). */
  readonly refreshEvery?: Duration.DurationInput
}

/**
 * The seed's `begin_typing`: one `BeginTyping` frame on the events socket for the target's channel
 * (a member or user through their DM). Clients drop it after a few seconds: `withTyping` keeps it.
 */
export const beginTyping: (target: MessageTarget) => Effect.Effect<void, TypingError, StoatClient | Gateway> = operation(
  "Stoat.beginTyping"
)(function*(target) {
  const channel = yield* targetChannelId(target)
  yield* Effect.flatMap(Gateway, (gateway) => gateway.beginTyping(channel))
})

/** The seed's `end_typing`: one `EndTyping` frame on the events socket for the target's channel. */
export const endTyping: (target: MessageTarget) => Effect.Effect<void, TypingError, StoatClient | Gateway> = operation(
  "Stoat.endTyping"
)(function*(target) {
  const channel = yield* targetChannelId(target)
  yield* Effect.flatMap(Gateway, (gateway) => gateway.endTyping(channel))
})

/** `BeginTyping` now (then `started`), and again every `every`, until interrupted; a refused token ends it quietly. */
const keepTyping = (
  gateway: Context.Tag.Service<Gateway>,
  channel: ChannelId,
  every: Duration.Duration,
  started: Deferred.Deferred<void>
) =>
  Effect.zipRight(
    gateway.beginTyping(channel).pipe(Effect.ensuring(Deferred.succeed(started, undefined))),
    Effect.forever(Effect.zipRight(Effect.sleep(every), gateway.beginTyping(channel)))
  ).pipe(Effect.ignore)

/**
 * The seed's `typing()`: runs `effect` while showing you typing in the target's channel. The first
 * `BeginTyping` goes out before `effect` starts (waited for at most 1 s: the socket may be
 * reconnecting), then again every `refreshEvery` so clients that expire it keep it; exactly one
 * `EndTyping` follows when `effect` ends: success, failure or interruption. The indicator never
 * fails `effect`: only resolving the target (a member's DM) can fail before it starts.
 */
export const withTyping = <A, E, R>(
  target: MessageTarget,
  effect: Effect.Effect<A, E, R>,
  options?: WithTypingOptions
): Effect.Effect<A, E | TypingError, R | StoatClient | Gateway> =>
  Effect.gen(function*() {
    const every = Duration.decode(options?.refreshEvery ?? typingRefreshInterval)
    if (!Duration.greaterThan(every, Duration.zero)) return yield* invalid("refreshEvery must be longer than zero")
    const channel = yield* targetChannelId(target)
    const gateway = yield* Gateway
    const started = yield* Deferred.make<void>()
    const firstBegin = Deferred.await(started).pipe(Effect.timeout(firstBeginWait), Effect.ignore)
    const stopTyping = gateway.endTyping(channel).pipe(Effect.timeout(endTypingWait), Effect.ignore)
    return yield* Effect.uninterruptibleMask((restore) =>
      Effect.flatMap(Effect.fork(Effect.interruptible(keepTyping(gateway, channel, every, started))), (typing) =>
        // The refresh stops before the end goes out, so no BeginTyping can follow the EndTyping.
        restore(Effect.zipRight(firstBegin, effect)).pipe(Effect.ensuring(Effect.zipRight(Fiber.interrupt(typing), stopTyping))))
    )
  }).pipe(Effect.withSpan("Stoat.withTyping"))
