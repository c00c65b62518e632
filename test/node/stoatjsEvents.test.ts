import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { acceptInvite, editMember, kickMember, ServerId, UserId } from "effect-stoat"
import { demoSeed } from "effect-stoat/testing"
import { Client } from "stoat.js"
import { WebSocket } from "ws"
import { baseUrlOf, clientOf, served } from "../events/served.js"

const lovers = ServerId.make(demoSeed.id("lovers"))
const carol = UserId.make(demoSeed.id("carol"))

/** Node 20 has no global WebSocket, which stoat.js's event client uses: lend it `ws` for the test. */
const withWsAsWebSocket = Effect.acquireRelease(
  Effect.sync(() => {
    const had = Object.getOwnPropertyDescriptor(globalThis, "WebSocket")
    Object.defineProperty(globalThis, "WebSocket", { value: WebSocket, configurable: true, writable: true })
    return had
  }),
  (had) => Effect.sync(() => had === undefined ? Reflect.deleteProperty(globalThis, "WebSocket") : Object.defineProperty(globalThis, "WebSocket", had))
)

/** The next `name` event of a stoat.js client, listened for from now (the effect waits for it). */
const nextEvent = (client: Client, name: "ready" | "serverMemberJoin" | "serverMemberUpdate" | "serverMemberLeave") => {
  const emitted = new Promise<void>((resolve) => client.once(name, () => resolve()))
  return Effect.promise(() => emitted)
}

describe("stoat.js on the fake's events socket", () => {
  it.live("logs in as alice and its member cache follows a join, an edit and a kick made through effect-stoat", () =>
    Effect.gen(function*() {
      yield* withWsAsWebSocket
      const baseURL = yield* baseUrlOf
      const alice = new Client({ baseURL, autoReconnect: false })
      alice.useExistingSession({ _id: "session-alice", token: demoSeed.token("alice"), user_id: demoSeed.id("alice") })
      alice.configuration = yield* Effect.promise(() => alice.api.get("/"))
      const ready = nextEvent(alice, "ready")
      alice.connect()
      yield* ready
      yield* Effect.addFinalizer(() => Effect.sync(() => alice.events.disconnect()))
      const key = { server: lovers, user: carol }
      assert.isFalse(alice.serverMembers.hasByKey(key))

      const joined = nextEvent(alice, "serverMemberJoin")
      yield* acceptInvite("aB3dE5fG").pipe(Effect.provide(clientOf(demoSeed, "carol")))
      yield* joined
      assert.isTrue(alice.serverMembers.hasByKey(key))

      const edited = nextEvent(alice, "serverMemberUpdate")
      yield* editMember(key, { nickname: "Cee" }).pipe(Effect.provide(clientOf(demoSeed, "modbot")))
      yield* edited
      assert.strictEqual(alice.serverMembers.getByKey(key)?.nickname, "Cee")

      const kicked = nextEvent(alice, "serverMemberLeave")
      yield* kickMember(key).pipe(Effect.provide(clientOf(demoSeed, "modbot")))
      yield* kicked
      assert.isFalse(alice.serverMembers.hasByKey(key))
    }).pipe(Effect.scoped, Effect.provide(served(demoSeed))), 60_000)
})
