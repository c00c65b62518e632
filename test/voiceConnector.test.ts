// The default VoiceConnector with the real @livekit/rtc-node (a dev dependency here). No LiveKit
// server can run on this machine, so the room is pointed at a closed loopback port: LiveKit loads,
// tries, and is refused, which is as far as a real connection can be proved here.
import type { Room } from "@livekit/rtc-node"
import { afterAll, assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { connectVoice, type LiveKitRoom } from "effect-stoat"
import { MockHttp } from "effect-stoat/testing"
import { closedPort } from "./helpers.js"
import { ids, withMock } from "./messagesKit.js"

/** The room this library drives is the real one, as far as it goes (a compile-time check). */
const roomFits: Room extends LiveKitRoom ? true : false = true

const token = "header.livekit-token-never-printed.signature"

// LiveKit's native client keeps the process alive until disposed.
afterAll(async () => {
  const { dispose } = await import("@livekit/rtc-node")
  await dispose()
})

describe("the default VoiceConnector (@livekit/rtc-node)", () => {
  it.live("loads LiveKit, connects, and a refused connection is VoiceConnectFailed without the token", () =>
    Effect.gen(function*() {
      assert.isTrue(roomFits)
      const port = yield* closedPort
      const url = `ws://127.0.0.1:${port}`
      const error = yield* Effect.flip(Effect.scoped(connectVoice(ids.channel, { node: "worldwide" }))).pipe(
        withMock(() => MockHttp.json(200, { token, url }))
      )
      assert.strictEqual(error._tag, "VoiceConnectFailed")
      assert.include(error.message, url)
      assert.notInclude(error.message, token)
      assert.notInclude(JSON.stringify(error), token)
    }).pipe(Effect.timeout("60 seconds")), 90_000)
})
