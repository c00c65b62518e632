// Typing against a recording Gateway and the TestClock: which frames go out, and when.
import { assert, describe, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Ref, Stream, TestClock } from "effect"
import {
  beginTyping,
  ChannelId,
  endTyping,
  Gateway,
  InvalidSession,
  type StoatClient,
  type TypingError,
  typingRefreshInterval,
  withTyping
} from "effect-stoat"
import { MockHttp } from "effect-stoat/testing"
import { bobMember, ids, viaDm, withMock } from "./messagesKit.js"

/** A frame as the recording gateway saw it: `Begin`/`End`, the channel, and the Clock's time. */
interface Sent {
  readonly frame: "Begin" | "End"
  readonly channel: ChannelId
  readonly at: number
}

/** A Gateway that records typing frames (and, with `refuse`, fails them as a refused token would). */
const recordingGateway = (sent: Ref.Ref<ReadonlyArray<Sent>>, refuse = false) => {
  const record = (frame: Sent["frame"]) => (channel: ChannelId) =>
    Effect.flatMap(Clock.currentTimeMillis, (at) =>
      Effect.zipRight(
        Ref.update(sent, (all) => [...all, { frame, channel, at }]),
        refuse ? Effect.fail(new InvalidSession({})) : Effect.void
      ))
  return Layer.succeed(Gateway, {
    events: Stream.never,
    subscribe: Effect.succeed(Stream.never),
    send: () => Effect.void,
    beginTyping: record("Begin"),
    endTyping: record("End"),
    ready: Effect.never
  })
}

/** Runs `body` with a recording gateway and a mock HTTP (the DM route answers); gives what was sent. */
const recorded = <A, E>(body: Effect.Effect<A, E, Gateway | StoatClient>, refuse = false) =>
  Effect.gen(function*() {
    const sent = yield* Ref.make<ReadonlyArray<Sent>>([])
    const exit = yield* body.pipe(
      Effect.provide(recordingGateway(sent, refuse)),
      withMock(viaDm(() => MockHttp.json(500, {}))),
      Effect.exit
    )
    return { exit, sent: yield* Ref.get(sent) }
  })

const channel = ChannelId.make(ids.channel)
const frames = (sent: ReadonlyArray<Sent>) => sent.map(({ frame, at }) => `${frame}@${at}`)

/** Runs `work` under withTyping in a fiber, moving the TestClock `by`, then `finish`es the fiber. */
const typingFor = <A, E, B, F>(
  work: Effect.Effect<A, E>,
  by: Duration.DurationInput,
  finish: (fiber: Fiber.RuntimeFiber<A, E | TypingError>) => Effect.Effect<B, F>
) =>
  recorded(Effect.gen(function*() {
    const fiber = yield* Effect.fork(withTyping(channel, work))
    yield* TestClock.adjust(by)
    return yield* finish(fiber)
  }))

describe("withTyping", () => {
  it.effect("begins before the work, refreshes every 2.5 s while it runs, and ends once when it succeeds", () =>
    Effect.gen(function*() {
      const { exit, sent } = yield* typingFor(Effect.as(Effect.sleep("7 seconds"), "done"), "7 seconds", Fiber.join)
      assert.deepStrictEqual(exit._tag === "Success" ? exit.value : exit, "done")
      assert.deepStrictEqual(frames(sent), ["Begin@0", "Begin@2500", "Begin@5000", "End@7000"])
      assert.isTrue(sent.every((frame) => frame.channel === channel))
    }))

  it.effect("the refresh beats every client's expiry: 3 s (RevoltSharp) and 4 s (stoat.js)", () =>
    Effect.gen(function*() {
      const { sent } = yield* typingFor(Effect.sleep("59 seconds"), "59 seconds", Fiber.join)
      const begins = sent.filter((frame) => frame.frame === "Begin").map((frame) => frame.at)
      assert.lengthOf(begins, 24)
      assert.deepStrictEqual(frames(sent.slice(-1)), ["End@59000"])
      for (let i = 1; i < begins.length; i++) assert.isBelow((begins[i] ?? 0) - (begins[i - 1] ?? 0), 3000)
      assert.isBelow(Duration.toMillis(typingRefreshInterval), 3000)
    }))

  it.effect("ends once when the work fails, and the failure is the work's", () =>
    Effect.gen(function*() {
      const { exit, sent } = yield* typingFor(
        Effect.zipRight(Effect.sleep("3 seconds"), Effect.fail("the work failed" as const)),
        "3 seconds",
        Fiber.join
      )
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail" && exit.cause.error === "the work failed")
      assert.deepStrictEqual(frames(sent), ["Begin@0", "Begin@2500", "End@3000"])
    }))

  it.effect("ends once when interrupted, and no Begin follows the End", () =>
    Effect.gen(function*() {
      // Ten more seconds pass before the frames are read: a Begin after the End would be among them.
      const { sent } = yield* typingFor(Effect.never, "4 seconds", (fiber) => Effect.zipRight(Fiber.interrupt(fiber), TestClock.adjust("10 seconds")))
      assert.deepStrictEqual(frames(sent), ["Begin@0", "Begin@2500", "End@4000"])
    }))

  it.effect("ends once when the work dies", () =>
    Effect.gen(function*() {
      const { sent } = yield* typingFor(Effect.dieMessage("boom"), "1 second", Fiber.await)
      assert.deepStrictEqual(frames(sent), ["Begin@0", "End@0"])
    }))

  it.effect("a refused token never fails the work: it runs, and the end is still tried once", () =>
    Effect.gen(function*() {
      const { exit, sent } = yield* recorded(withTyping(channel, Effect.succeed(42)), true)
      assert.deepStrictEqual(exit._tag === "Success" ? exit.value : exit, 42)
      assert.deepStrictEqual(frames(sent), ["Begin@0", "End@0"])
    }))

  it.effect("through a member: types in their DM, opened first", () =>
    Effect.gen(function*() {
      const { sent } = yield* recorded(withTyping(bobMember, Effect.void))
      assert.deepStrictEqual(sent.map(({ frame, channel }) => `${frame} ${channel}`), [`Begin ${ids.dm}`, `End ${ids.dm}`])
    }))

  it.effect("a refresh period of zero is refused before anything is sent", () =>
    Effect.gen(function*() {
      const { exit, sent } = yield* recorded(withTyping(channel, Effect.void, { refreshEvery: 0 }))
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail" && exit.cause.error._tag === "FailedValidation")
      assert.lengthOf(sent, 0)
    }))
})

describe("beginTyping and endTyping", () => {
  it.effect("send one frame each, for a channel or through a member's DM", () =>
    Effect.gen(function*() {
      const { sent } = yield* recorded(Effect.all([beginTyping(channel), endTyping(bobMember)]))
      assert.deepStrictEqual(sent.map(({ frame, channel }) => `${frame} ${channel}`), [`Begin ${ids.channel}`, `End ${ids.dm}`])
    }))

  it.effect("check the channel id before anything is sent", () =>
    Effect.gen(function*() {
      const { exit, sent } = yield* recorded(beginTyping("general"))
      assert.isTrue(exit._tag === "Failure" && exit.cause._tag === "Fail" && exit.cause.error._tag === "FailedValidation")
      assert.lengthOf(sent, 0)
    }))
})
