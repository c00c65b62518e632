import { Socket } from "@effect/platform"
import {
  Cause,
  Context,
  Data,
  Deferred,
  Duration,
  Effect,
  Exit,
  Layer,
  Option,
  PubSub,
  Queue,
  Redacted,
  Ref,
  Schedule,
  type Scope,
  Stream,
  SubscriptionRef,
  Take
} from "effect"
import { InvalidSession } from "../errors/ApiError.js"
import { declare } from "../errors/Declared.js"
import { Instance } from "../schema/Instance.js"
import type { ChannelId } from "../schema/Ids.js"
import { BeginTyping, type ClientFrame, encodeClientFrame, EndTyping, Ping } from "../schema/events/ClientFrame.js"
import type { Ready } from "../schema/events/connectionEvents.js"
import { decodeFrame, type StoatEvent } from "../schema/events/StoatEvent.js"
import { followEvent } from "./followEvent.js"
import { StoatCache } from "./StoatCache.js"
import { StoatClient } from "./StoatClient.js"

/** `GET /` declares no error of its own. */
const noErrors = declare()

/** How the events socket keeps alive and comes back. */
export interface GatewayOptions {
  /** How often to send `Ping` (default 30 s; the server asks for 10 to 30 s). */
  readonly heartbeatInterval?: Duration.DurationInput
  /** How long a `Pong` may take before the connection counts as dead and is replaced (default 10 s). */
  readonly pongTimeout?: Duration.DurationInput
  /** How long `Authenticated` and `Ready` may take after connecting (default 30 s). */
  readonly readyTimeout?: Duration.DurationInput
  /** The first wait before reconnecting; each failed attempt doubles it (default 1 s). */
  readonly backoffBase?: Duration.DurationInput
  /** The longest wait between attempts (default 60 s). Every wait is jittered down to half of itself. */
  readonly backoffCap?: Duration.DurationInput
  /**
   * How many events a subscriber may fall behind (default 1024). When a subscriber is that far
   * behind, it loses its oldest events not yet taken, and only it: the socket, the cache and the
   * other subscribers never wait for it.
   */
  readonly bufferSize?: number
}

/**
 * The waits between reconnect attempts: `base` doubling each time, never more than `cap`, each
 * jittered down to between half and all of itself (so many clients do not come back at once).
 */
export const reconnectSchedule = (base: Duration.DurationInput, cap: Duration.DurationInput) =>
  Schedule.exponential(base).pipe(Schedule.union(Schedule.spaced(cap)), Schedule.jitteredWith({ min: 0.5, max: 1 }))

/** Why a connection ended and will be replaced (never seen by users: the gateway reconnects). */
class Disconnected extends Data.TaggedError("Disconnected")<{ readonly reason: string }> {}

/** The socket's end, queued behind the frames that came before it so that they are read first. */
class SocketEnded extends Data.Class<{ readonly reason: string }> {}

type Status =
  | { readonly _tag: "Connecting" }
  | { readonly _tag: "Connected"; readonly write: (text: string) => Effect.Effect<void> }
  | { readonly _tag: "Stopped"; readonly error: InvalidSession }

/** What the `Gateway` offers. */
export interface GatewayService {
  /** Every event from the moment the stream runs, in order (`Bulk` opened); fails when the token is refused. */
  readonly events: Stream.Stream<StoatEvent, InvalidSession>
  /**
   * Subscribes now and consumes later: no event between the two is missed. The subscription lasts
   * as long as the scope; each run of its stream goes on where the last one stopped.
   */
  readonly subscribe: Effect.Effect<Stream.Stream<StoatEvent, InvalidSession>, never, Scope.Scope>
  /** Sends a frame on the live connection; while reconnecting it waits for the next `Ready`. */
  readonly send: (frame: ClientFrame) => Effect.Effect<void, InvalidSession>
  /** `BeginTyping`: shows you typing in the channel (to your own sessions too) until `endTyping`. */
  readonly beginTyping: (channel: ChannelId) => Effect.Effect<void, InvalidSession>
  /** `EndTyping`: you stopped typing in the channel. */
  readonly endTyping: (channel: ChannelId) => Effect.Effect<void, InvalidSession>
  /** The latest `Ready`. */
  readonly ready: Effect.Effect<Ready, InvalidSession>
}

const make = (options: GatewayOptions) =>
  Effect.gen(function*() {
    const client = yield* StoatClient
    const cache = yield* StoatCache
    const webSocket = yield* Socket.WebSocketConstructor
    const heartbeatInterval = Duration.decode(options.heartbeatInterval ?? Duration.seconds(30))
    const pongTimeout = Duration.decode(options.pongTimeout ?? Duration.seconds(10))
    const readyTimeout = Duration.decode(options.readyTimeout ?? Duration.seconds(30))
    const backoff = reconnectSchedule(options.backoffBase ?? Duration.seconds(1), options.backoffCap ?? Duration.seconds(60))

    const hub = yield* Effect.acquireRelease(
      PubSub.sliding<Take.Take<StoatEvent, InvalidSession>>(options.bufferSize ?? 1024),
      PubSub.shutdown
    )
    const status = yield* SubscriptionRef.make<Status>({ _tag: "Connecting" })
    const latestReady = yield* Ref.make<Option.Option<Ready>>(Option.none())
    const firstReady = yield* Deferred.make<void, InvalidSession>()
    const reachedReady = yield* Ref.make(false)

    const deliver = (event: StoatEvent) =>
      Effect.zipRight(followEvent(cache, event), PubSub.publish(hub, Take.of(event)))

    /** One connection, from `GET /` to its end; it only ever fails. */
    const connection = Effect.gen(function*() {
      // `GET /` through the client itself: a service does not reach the operations layer.
      const instance = yield* client.request({ method: "GET", path: [] }, Instance, noErrors).pipe(
        Effect.mapError((error) => new Disconnected({ reason: `GET / failed: ${error._tag}` }))
      )
      const url = `${instance.ws}${instance.ws.includes("?") ? "&" : "?"}version=1&format=json`
      const socket = yield* Socket.makeWebSocket(url).pipe(Effect.provideService(Socket.WebSocketConstructor, webSocket))
      const write = yield* socket.writer
      const incoming = yield* Queue.unbounded<string | SocketEnded>()
      const authenticate = JSON.stringify({ type: "Authenticate", token: Redacted.value(client.config.token) })
      yield* socket.runRaw((data) => {
        if (typeof data === "string") Queue.unsafeOffer(incoming, data)
      }, { onOpen: Effect.ignore(write(authenticate)) }).pipe(
        Effect.exit,
        Effect.flatMap((exit) =>
          Queue.offer(incoming, new SocketEnded({ reason: describeCause(exit) }))
        ),
        Effect.forkScoped
      )

      const lastPong = yield* Ref.make(0)
      const read = Effect.flatMap(Queue.take(incoming), (item) =>
        typeof item === "string" ? decodeFrame(item) : Effect.fail(new Disconnected({ reason: item.reason })))

      // Until Ready: Authenticated, then Ready; an Error frame refuses the token or ends this attempt.
      const ready = yield* Effect.gen(function*() {
        while (true) {
          for (const event of yield* read) {
            if (event._tag === "Error") {
              if (event.data.type === "InvalidSession") return yield* Effect.fail(new InvalidSession({}))
              return yield* Effect.fail(new Disconnected({ reason: `the server refused: ${event.data.type}` }))
            }
            if (event._tag === "Ready") return event
          }
        }
      }).pipe(
        Effect.timeoutFail({ duration: readyTimeout, onTimeout: () => new Disconnected({ reason: "no Ready in time" }) })
      )
      yield* Ref.set(latestReady, Option.some(ready))
      yield* deliver(ready)
      const send = (text: string) => Effect.ignore(write(text))
      yield* SubscriptionRef.set(status, { _tag: "Connected", write: send })
      yield* Deferred.succeed(firstReady, undefined)
      yield* Ref.set(reachedReady, true)

      const heartbeat = Effect.gen(function*() {
        let sequence = 0
        while (true) {
          yield* Effect.sleep(heartbeatInterval)
          sequence += 1
          yield* send(encodeClientFrame(new Ping({ data: sequence })))
          yield* Effect.sleep(pongTimeout)
          if ((yield* Ref.get(lastPong)) < sequence) {
            return yield* Effect.fail(new Disconnected({ reason: "no Pong in time" }))
          }
        }
      })
      const events = Effect.forever(Effect.flatMap(read, (events) =>
        Effect.forEach(events, (event) =>
          event._tag === "Pong" && typeof event.data === "number"
            ? Effect.zipRight(Ref.update(lastPong, (last) => Math.max(last, Number(event.data))), deliver(event))
            : deliver(event), { discard: true })))
      return yield* Effect.raceFirst(events, heartbeat)
    }).pipe(Effect.scoped)

    const run = Effect.gen(function*() {
      const driver = yield* Schedule.driver(backoff)
      while (true) {
        const failure = yield* Effect.flip(connection)
        yield* SubscriptionRef.set(status, { _tag: "Connecting" })
        if (failure._tag === "InvalidSession") return failure
        // A connection that reached Ready starts the backoff over.
        if (yield* Ref.getAndSet(reachedReady, false)) yield* driver.reset
        yield* Effect.logInfo(`events socket: ${failure.reason}; reconnecting`)
        yield* Effect.orElse(driver.next(failure), () => Effect.void)
      }
    }).pipe(Effect.flatMap((error) =>
      Effect.all([
        SubscriptionRef.set(status, { _tag: "Stopped", error }),
        Deferred.fail(firstReady, error),
        PubSub.publish(hub, Take.fail(error))
      ])
    ))
    yield* Effect.forkScoped(run)
    yield* Deferred.await(firstReady)

    const connected = Effect.flatMap(
      Stream.runHead(Stream.filter(status.changes, (now) => now._tag !== "Connecting")),
      (now) =>
        Option.isSome(now) && now.value._tag === "Connected"
          ? Effect.succeed(now.value.write)
          : Effect.fail(Option.isSome(now) && now.value._tag === "Stopped" ? now.value.error : new InvalidSession({}))
    )
    const send = (frame: ClientFrame) => Effect.flatMap(connected, (write) => write(encodeClientFrame(frame)))
    // The subscription lives as long as its scope: its stream may be run again and again, each run going on where the last stopped.
    const subscribe = Effect.map(PubSub.subscribe(hub), (queue) => Stream.flattenTake(Stream.fromQueue(queue)))
    const service: GatewayService = {
      events: Stream.unwrapScoped(subscribe),
      subscribe,
      send,
      beginTyping: (channel) => send(new BeginTyping({ channel })),
      endTyping: (channel) => send(new EndTyping({ channel })),
      ready: Effect.zipRight(Deferred.await(firstReady), Effect.flatMap(Ref.get(latestReady), Effect.orDie))
    }
    return service
  })

const describeCause = (exit: Exit.Exit<void, unknown>): string =>
  Exit.match(exit, {
    onSuccess: () => "closed",
    onFailure: (cause) => {
      const error = Option.getOrUndefined(Cause.failureOption(cause))
      return Socket.isSocketError(error) ? error.reason === "Close" ? `closed (${String(error.code)})` : error.reason : "failed"
    }
  })

/**
 * The events socket (Bonfire): connects to the `ws` URL of `GET /`, authenticates with a frame,
 * keeps alive with `Ping`, reconnects with capped exponential backoff and jitter after a close, an
 * error or silence, and stops only when the token is refused. Every event is applied to the cache
 * first, in arrival order, then offered to the subscribers.
 */
export class Gateway extends Context.Tag("effect-stoat/Gateway")<
  Gateway,
  GatewayService
>() {
  /** The gateway with the given options; building it waits for the first `Ready` (or a refused token). */
  static layerWith(
    options: GatewayOptions = {}
  ): Layer.Layer<Gateway, InvalidSession, StoatClient | StoatCache | Socket.WebSocketConstructor> {
    return Layer.scoped(Gateway, make(options))
  }

  /** The gateway with the default options (Ping every 30 s, Pong within 10 s, backoff 1 s to 60 s). */
  static layer = Gateway.layerWith()
}
