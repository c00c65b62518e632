// connectVoice against the fake, through a test VoiceConnector: no LiveKit server can run here, so
// these tests prove the scoping and the errors; the real peer is exercised in voiceConnector.test.ts.
import { assert, describe, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Redacted, Ref, TestClock } from "effect"
import {
  type ChannelId,
  connectVoice,
  type StoatClient,
  type UnconnectedRoom,
  VoiceConnectFailed,
  VoiceConnector,
  type VoiceConnectorService
} from "effect-stoat"
import { connectVoiceErrors } from "../src/operations/voice.js"
import { MockHttp, StoatFake, StoatFakeSeed } from "effect-stoat/testing"
import { demoSeed, fakeClient } from "./fake/fakeHelpers.js"
import { ids, refusedBeforeSending, withMock } from "./messagesKit.js"

const lounge = demoSeed.id("lounge")

/** A connector that writes what happens to `log`; connecting takes `connecting` ms (of the Clock) and may fail. */
const recording = (log: Ref.Ref<ReadonlyArray<string>>, options: { connecting?: number; refuse?: boolean } = {}) => {
  const note = (line: string) => Ref.update(log, (lines) => [...lines, line])
  const connector: VoiceConnectorService = {
    makeRoom: (channel: ChannelId) =>
      Effect.gen(function*() {
        const connected = yield* Ref.make(false)
        yield* note(`room ${channel}`)
        const room: UnconnectedRoom = {
          channel,
          connect: (url, token) =>
            Effect.gen(function*() {
              yield* note(`connect ${url} ${Redacted.value(token).length > 0 ? "with a token" : "without a token"}`)
              if (options.connecting !== undefined) yield* Effect.sleep(options.connecting)
              if (options.refuse === true) return yield* new VoiceConnectFailed({ url, description: "refused" })
              yield* Ref.set(connected, true)
              yield* note("connected")
            }),
          isConnected: Ref.get(connected),
          participants: Effect.succeed([]),
          disconnect: Effect.flatMap(Ref.getAndSet(connected, false), (was) => note(was ? "disconnect" : "disconnect (idle)")),
          native: undefined
        }
        return room
      })
  }
  return connector
}

/** Runs `body` as bob against the demo fake with a recording connector; gives the log. */
const asBob = <A, E>(
  body: Effect.Effect<A, E, StoatClient | StoatFake>,
  options?: { connecting?: number; refuse?: boolean }
) =>
  Effect.gen(function*() {
    const log = yield* Ref.make<ReadonlyArray<string>>([])
    const exit = yield* body.pipe(
      Effect.provideService(VoiceConnector, recording(log, options)),
      Effect.provide(fakeClient(demoSeed, "bob")),
      Effect.exit
    )
    return { exit, log: yield* Ref.get(log) }
  })

const calls = Effect.map(
  Effect.flatMap(StoatFake, (fake) => fake.requests),
  (requests) => requests.map(({ request }) => `${request.method} ${request.path} ${request.body ?? ""}`.trim())
)

describe("connectVoice", () => {
  it.effect("asks GET / for a node, joins the call with it, connects, and leaves when the scope closes", () =>
    Effect.gen(function*() {
      const { exit, log } = yield* asBob(Effect.gen(function*() {
        const during = yield* Effect.scoped(Effect.gen(function*() {
          const room = yield* connectVoice(lounge)
          assert.strictEqual(room.channel, lounge)
          assert.isTrue(yield* room.isConnected)
          return yield* calls
        }))
        assert.deepStrictEqual(during, ["GET /", `POST /channels/${lounge}/join_call {"node":"worldwide"}`])
      }))
      assert.strictEqual(exit._tag, "Success")
      assert.deepStrictEqual(log, [
        `room ${lounge}`,
        "connect wss://worldwide.livekit.fake.stoat with a token",
        "connected",
        "disconnect"
      ])
    }))

  it.effect("a node given is used as it is, without asking GET /", () =>
    Effect.gen(function*() {
      const { exit } = yield* asBob(Effect.gen(function*() {
        yield* Effect.scoped(connectVoice(lounge, { node: "worldwide" }))
        assert.deepStrictEqual(yield* calls, [`POST /channels/${lounge}/join_call {"node":"worldwide"}`])
      }))
      assert.strictEqual(exit._tag, "Success")
    }))

  it.effect("leaves when the scope fails", () =>
    Effect.gen(function*() {
      const { exit, log } = yield* asBob(
        Effect.scoped(Effect.zipRight(connectVoice(lounge), Effect.fail("the bot gave up" as const)))
      )
      assert.deepStrictEqual(exit._tag === "Failure" ? exit.cause._tag : exit._tag, "Fail")
      assert.deepStrictEqual(log.slice(-2), ["connected", "disconnect"])
    }))

  it.effect("leaves when the fiber is interrupted in the call", () =>
    Effect.gen(function*() {
      const { log } = yield* asBob(Effect.gen(function*() {
        const inCall = yield* Deferred.make<void>()
        const fiber = yield* Effect.fork(Effect.scoped(Effect.zipRight(
          Effect.zipRight(connectVoice(lounge), Deferred.succeed(inCall, undefined)),
          Effect.never
        )))
        yield* Deferred.await(inCall)
        yield* Fiber.interrupt(fiber)
      }))
      assert.deepStrictEqual(log.slice(-2), ["connected", "disconnect"])
    }))

  it.effect("an interruption while LiveKit connects waits for its answer, then leaves", () =>
    Effect.gen(function*() {
      const { log } = yield* asBob(
        Effect.gen(function*() {
          const fiber = yield* Effect.fork(Effect.scoped(Effect.zipRight(connectVoice(lounge), Effect.never)))
          yield* TestClock.adjust("1 second")
          const interrupted = yield* Effect.fork(Fiber.interrupt(fiber))
          yield* TestClock.adjust("5 seconds")
          yield* Fiber.join(interrupted)
        }),
        { connecting: 5000 }
      )
      assert.deepStrictEqual(log.slice(-2), ["connected", "disconnect"])
    }))

  it.effect("a refused LiveKit connection fails with VoiceConnectFailed and leaves nothing to disconnect", () =>
    Effect.gen(function*() {
      const { exit, log } = yield* asBob(Effect.scoped(connectVoice(lounge)), { refuse: true })
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail" && exit.cause.error._tag === "VoiceConnectFailed")
      assert.notInclude(log, "disconnect")
    }))

  it.effect("VoiceUnavailable before anything is joined when the instance has no voice", () => {
    const silent = StoatFakeSeed.make({ voice: false }).user("owner").server("home", { owner: "owner" }).channel(
      "talk",
      { server: "home" }
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.scoped(connectVoice(silent.id("talk"))))
      assert.strictEqual(error._tag, "VoiceUnavailable")
      assert.include(error.message, "no LiveKit")
      assert.deepStrictEqual(yield* calls, ["GET /"])
      // With a node named, the route itself says so.
      assert.strictEqual((yield* Effect.flip(Effect.scoped(connectVoice(silent.id("talk"), { node: "worldwide" }))))._tag, "LiveKitUnavailable")
    }).pipe(Effect.provide(fakeClient(silent, "owner")))
  })

  it.effect("VoiceUnavailable when join_call gives no LiveKit URL (a legacy voice server), without connecting", () =>
    Effect.gen(function*() {
      const log = yield* Ref.make<ReadonlyArray<string>>([])
      const error = yield* Effect.flip(Effect.scoped(connectVoice(ids.channel, { node: "worldwide" }))).pipe(
        Effect.provideService(VoiceConnector, recording(log)),
        withMock(() => MockHttp.json(200, { token: "t", url: "" }))
      )
      assert.strictEqual(error._tag, "VoiceUnavailable")
      assert.deepStrictEqual(yield* Ref.get(log), [`room ${ids.channel}`])
    }))

  it.effect("LiveKitPeerMissing, naming the package to install, before the call is joined", () =>
    Effect.gen(function*() {
      const absent: string = "@livekit/rtc-node-not-installed"
      const error = yield* Effect.flip(Effect.scoped(connectVoice(ids.channel, { node: "worldwide" }))).pipe(
        Effect.provideService(VoiceConnector, VoiceConnector.fromModule(() => import(absent)))
      )
      assert.strictEqual(error._tag, "LiveKitPeerMissing")
      assert.include(error.message, "npm install @livekit/rtc-node")
      assert.include(error.message, absent)
      assert.lengthOf(yield* MockHttp.requests, 0)
    }).pipe(withMock(() => MockHttp.json(200, { token: "t", url: "wss://lk.example.test" }))))

  it.effect("LiveKitPeerMissing when the module found is not LiveKit 1.x", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.scoped(connectVoice(ids.channel, { node: "worldwide" }))).pipe(
        Effect.provideService(VoiceConnector, VoiceConnector.fromModule(() => Promise.resolve({ Room: class {} }))),
        withMock(() => MockHttp.json(500, {}))
      )
      assert.strictEqual(error._tag, "LiveKitPeerMissing")
      assert.include(error.message, "1.x")
    }))

  it.effect("checks the node and the channel id before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(Effect.scoped(connectVoice(ids.channel, { node: "" })), "node")
      yield* refusedBeforeSending(Effect.scoped(connectVoice("lounge")), "channel id")
    }))

  it("declares joinCall's errors and the three of its own", () => {
    const tags = connectVoiceErrors.classes.map((cls) => cls._tag)
    for (const tag of ["UnknownNode", "LiveKitUnavailable", "VoiceUnavailable", "LiveKitPeerMissing", "VoiceConnectFailed"]) {
      assert.include(tags, tag)
    }
  })
})
