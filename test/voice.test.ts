import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { CallCredentials, ChannelId, joinCall } from "effect-stoat"
import { joinCallErrors } from "../src/operations/voice.js"
import { MockHttp } from "effect-stoat/testing"
import { bobMember, bobUser, everyDeclaredError, ids, onlyRequest, refusedBeforeSending, sent, viaDm, withMock } from "./messagesKit.js"

const channel = ChannelId.make(ids.channel)
const credentials = () => MockHttp.json(200, { token: "livekit.jwt", url: "wss://voice.example.test" })

describe("joinCall", () => {
  it.effect("POSTs {} when no option is given (the route requires a body) and decodes the token and URL", () =>
    Effect.gen(function*() {
      const joined = yield* joinCall(channel)
      const request = yield* onlyRequest
      assert.strictEqual(`${request.method} ${request.path}`, `POST /channels/${ids.channel}/join_call`)
      assert.deepStrictEqual(request.body, {})
      assert.instanceOf(joined, CallCredentials)
      assert.deepStrictEqual({ token: joined.token, url: joined.url }, { token: "livekit.jwt", url: "wss://voice.example.test" })
    }).pipe(withMock(credentials)))

  it.effect("sends the node, forceDisconnect and the recipients' ids", () =>
    Effect.gen(function*() {
      yield* joinCall({ id: channel }, { node: "worldwide", forceDisconnect: true, recipients: [bobMember, bobUser, ids.me] })
      assert.deepStrictEqual((yield* onlyRequest).body, {
        node: "worldwide",
        force_disconnect: true,
        recipients: [ids.bob, ids.bob, ids.me]
      })
    }).pipe(withMock(credentials)))

  it.effect("an empty url (an instance without LiveKit) decodes", () =>
    Effect.gen(function*() {
      const joined = yield* joinCall(channel)
      assert.strictEqual(joined.url, "")
    }).pipe(withMock(() => MockHttp.json(200, { token: "t", url: "" }))))

  it.effect("through a member: opens the DM, then joins its call", () =>
    Effect.gen(function*() {
      yield* joinCall(bobMember)
      assert.deepStrictEqual(yield* sent, [`GET /users/${ids.bob}/dm`, `POST /channels/${ids.dm}/join_call`])
    }).pipe(withMock(viaDm(credentials))))

  it.effect("checks the recipients' ids and the node before any request", () =>
    Effect.gen(function*() {
      yield* refusedBeforeSending(joinCall(bobMember, { recipients: [ids.me, "bob"] }), "recipients[1]")
      yield* refusedBeforeSending(joinCall(channel, { node: "" }), "node")
      yield* refusedBeforeSending(joinCall("voice"), "channel id")
    }))

  it.effect("declares the seed's table, IsBot (a bot forcing a disconnect) and the DM route's errors", () =>
    everyDeclaredError(
      joinCallErrors.classes,
      [
        "AlreadyConnected",
        "CannotJoinCall",
        "InvalidOperation",
        "LiveKitUnavailable",
        "NotConnected",
        "NotAVoiceChannel",
        "UnknownNode",
        "VosoUnavailable",
        "InvalidSession",
        "MissingPermission",
        "NotFound",
        "DatabaseError",
        "InternalError",
        "IsBot",
        "FailedValidation"
      ],
      (target) => joinCall(target)
    ))
})
