import { Clock, Context, Duration, Effect, HashMap, Layer, Option, Queue, Ref, type Scope, Stream } from "effect"
import { accountByToken, type FakeAccount, type FakeState, pair } from "../FakeState.js"
import { StoatFake } from "../StoatFake.js"
import { type Json, parseObject } from "../wire/json.js"
import { publicationsOf } from "./publications.js"
import { readyOf, serverTopics } from "./ready.js"


/** One event published to one topic, as the backend's `EventV1::p(topic)` (reference §0). */
export interface Publication {
  readonly topic: string
  readonly event: Json
}

/** A way to make the events socket misbehave, for reliability tests. */
export type EventsFault =
  /** Every live connection is dropped now, without a close frame (the client sees 1006). */
  | { readonly _tag: "Drop" }
  /** Pings are no longer answered (until `clearFaults`). */
  | { readonly _tag: "IgnorePings" }
  /** Every event is delivered `delay` late (until `clearFaults`). */
  | { readonly _tag: "Delay"; readonly delay: Duration.DurationInput }

/** One socket as the events server sees it: its URL's query, a way to write a text frame, and to drop it. */
export interface FakeConnection {
  readonly query: URLSearchParams
  readonly send: (text: string) => Effect.Effect<void>
  /** Closes the TCP connection without a close frame, as Bonfire does after an error. */
  readonly drop: Effect.Effect<void>
}

/** A frame a client sent after authenticating. */
export interface ReceivedFrame {
  readonly user: string
  readonly frame: Json
}

interface Session {
  readonly account: FakeAccount
  readonly topics: Ref.Ref<ReadonlySet<string>>
  readonly outbox: Queue.Queue<string>
  readonly drop: Effect.Effect<void>
}

interface Faults {
  readonly ignorePings: boolean
  readonly delay: Duration.Duration
}

const noFaults: Faults = { ignorePings: false, delay: Duration.zero }

/** A `Ping`'s data as the backend accepts it: a non-negative integer or an array of bytes. */
const isPingData = (data: unknown): boolean =>
  (typeof data === "number" && Number.isSafeInteger(data) && data >= 0) ||
  (Array.isArray(data) && data.every((byte) => Number.isInteger(byte) && byte >= 0 && byte <= 255))

/** The events that can change what a session follows. */
const topicChanges: ReadonlySet<string> = new Set(["ServerCreate", "ServerMemberLeave", "ServerDelete", "ChannelCreate", "ChannelDelete"])

/**
 * The topics a session follows after an event it was sent (reference §4.3 "→ self"): joining a
 * server adds it, leaving it or its deletion removes it, channels come and go.
 */
const followTopics = (state: FakeState, account: FakeAccount, now: number, event: Json, topics: ReadonlySet<string>) => {
  const me = account.user._id
  if (!topicChanges.has(String(event["type"])) || (event["type"] === "ServerMemberLeave" && event["user"] !== me)) return topics
  const next = new Set(topics)
  const id = String(event["id"] ?? event["_id"] ?? "")
  switch (event["type"]) {
    case "ServerCreate":
      serverTopics(state, account, id, now).forEach((topic) => next.add(topic))
      break
    case "ServerMemberLeave":
    case "ServerDelete":
      // Leaving a server is like its deletion for the one who leaves.
      next.delete(id)
      next.delete(`${id}u`)
      Option.map(HashMap.get(state.servers, id), (server) => server.channels.forEach((channel) => next.delete(channel)))
      break
    case "ChannelCreate":
      next.add(id)
      break
    case "ChannelDelete":
      next.delete(id)
      break
  }
  return next
}

/** The events socket of the fake (Bonfire): authentication, `Ready`, pings, typing, and delivery by topic. */
export class FakeEvents extends Context.Tag("effect-stoat/testing/FakeEvents")<
  FakeEvents,
  {
    /** Serves one connection whose incoming text frames are `frames` (they end when it closes or is dropped). */
    readonly serve: (connection: FakeConnection, frames: Stream.Stream<string>) => Effect.Effect<void>
    /** Delivers events, in order, to every session following their topics. */
    readonly publish: (state: FakeState, publications: ReadonlyArray<Publication>) => Effect.Effect<void>
    readonly inject: (fault: EventsFault) => Effect.Effect<void>
    /** Ends the faults that last (`IgnorePings`, `Delay`). */
    readonly clearFaults: Effect.Effect<void>
    /** The frames clients sent after authenticating, oldest first (`Authenticate` is never kept). */
    readonly received: Effect.Effect<ReadonlyArray<ReceivedFrame>>
    /** How many authenticated sessions are live, per user id. */
    readonly sessions: Effect.Effect<ReadonlyArray<string>>
  }
>() {
  /** The events server over the fake's state, publishing what its requests change. */
  static make: Effect.Effect<Context.Tag.Service<FakeEvents>, never, StoatFake | Scope.Scope> = Effect.gen(function*() {
    const fake = yield* StoatFake
    const sessions = yield* Ref.make<ReadonlyArray<Session>>([])
    const faults = yield* Ref.make(noFaults)
    const received = yield* Ref.make<ReadonlyArray<ReceivedFrame>>([])
    const order = yield* Effect.makeSemaphore(1)

    const publish = (state: FakeState, publications: ReadonlyArray<Publication>) =>
      order.withPermits(1)(Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const connected = yield* Ref.get(sessions)
        for (const { topic, event } of publications) {
          // Written once for all the sessions that follow its topic.
          let text: string | undefined
          for (const session of connected) {
            const topics = yield* Ref.get(session.topics)
            if (!topics.has(topic)) continue
            text ??= JSON.stringify(event)
            yield* Queue.offer(session.outbox, text)
            yield* Ref.set(session.topics, followTopics(state, session.account, now, event, topics))
          }
        }
      }))

    yield* fake.onChange((change) => publish(change.after, publicationsOf(change)))

    const serve = (connection: FakeConnection, frames: Stream.Stream<string>) =>
      Effect.scoped(Effect.gen(function*() {
        const drop = connection.drop
        const current = yield* Ref.make<Option.Option<Session>>(Option.none())

        const login = (token: string) =>
          Effect.gen(function*() {
            const state = yield* fake.records
            const account = accountByToken(state, token)
            if (Option.isNone(account)) {
              const error = { type: "InvalidSession", location: "crates/core/database/src/models/users/model.rs:346:38" }
              yield* connection.send(JSON.stringify({ type: "Error", data: error }))
              return yield* drop
            }
            const { ready, topics } = readyOf(state, account.value, yield* Clock.currentTimeMillis)
            yield* connection.send(JSON.stringify({ type: "Authenticated" }))
            yield* connection.send(JSON.stringify(ready))
            const session: Session = {
              account: account.value,
              topics: yield* Ref.make<ReadonlySet<string>>(topics),
              outbox: yield* Queue.unbounded<string>(),
              drop
            }
            yield* Queue.take(session.outbox).pipe(
              Effect.tap(() => Effect.flatMap(Ref.get(faults), (now) => Effect.sleep(now.delay))),
              Effect.flatMap(connection.send),
              Effect.forever,
              Effect.forkScoped
            )
            yield* Ref.set(current, Option.some(session))
            yield* order.withPermits(1)(Ref.update(sessions, (all) => [...all, session]))
            yield* Effect.addFinalizer(() => Ref.update(sessions, (all) => all.filter((other) => other !== session)))
          })

        const live = (session: Session, frame: Json) =>
          Effect.gen(function*() {
            yield* Ref.update(received, (all) => [...all, { user: session.account.user._id, frame }])
            switch (frame["type"]) {
              case "Ping":
                if (isPingData(frame["data"]) && frame["responded"] == null && !(yield* Ref.get(faults)).ignorePings) {
                  yield* connection.send(JSON.stringify({ type: "Pong", data: frame["data"] }))
                }
                return
              case "BeginTyping":
              case "EndTyping": {
                const channel = frame["channel"]
                if (typeof channel !== "string" || !(yield* Ref.get(session.topics)).has(channel)) return
                const type = frame["type"] === "BeginTyping" ? "ChannelStartTyping" : "ChannelStopTyping"
                return yield* publish(yield* fake.records, [{ topic: channel, event: { type, id: channel, user: session.account.user._id } }])
              }
              case "Subscribe": {
                const server = frame["server_id"]
                const state = yield* fake.records
                if (typeof server !== "string" || session.account.user.bot !== undefined) return
                if (!HashMap.has(state.members, pair(server, session.account.user._id))) return
                return yield* Ref.update(session.topics, (topics) => new Set([...topics, `${server}u`]))
              }
            }
          })

        const handle = (text: string) =>
          Effect.gen(function*() {
            const frame = parseObject(text)
            if (Option.isNone(frame)) return
            const session = yield* Ref.get(current)
            if (Option.isSome(session)) return yield* live(session.value, frame.value)
            // Before authentication every other frame is discarded (reference §1.4).
            const token = frame.value["token"]
            if (frame.value["type"] === "Authenticate" && typeof token === "string") yield* login(token)
          })

        const token = connection.query.get("token")
        if (token !== null) yield* login(token)
        // A dropped connection ends its frames too.
        yield* Stream.runForEach(frames, handle)
      }))

    return {
      serve,
      publish,
      inject: (fault) => {
        switch (fault._tag) {
          case "Drop":
            return Effect.flatMap(Ref.get(sessions), Effect.forEach((session) => session.drop, { discard: true }))
          case "IgnorePings":
            return Ref.update(faults, (now) => ({ ...now, ignorePings: true }))
          case "Delay":
            return Ref.update(faults, (now) => ({ ...now, delay: Duration.decode(fault.delay) }))
        }
      },
      clearFaults: Ref.set(faults, noFaults),
      received: Ref.get(received),
      sessions: Effect.map(Ref.get(sessions), (all) => all.map((session) => session.account.user._id))
    }
  })

  /** The events server of the `StoatFake` in context. */
  static layer: Layer.Layer<FakeEvents, never, StoatFake> = Layer.scoped(FakeEvents, FakeEvents.make)
}
