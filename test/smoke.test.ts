import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { fetchInvite } from "effect-stoat"
import { MockHttp } from "effect-stoat/testing"
import { mockClient } from "./helpers.js"

describe("smoke", () => {
  it.effect("fetches a group invite", () =>
    Effect.gen(function*() {
      const invite = yield* fetchInvite("aB3dE5fG")
      assert.strictEqual(invite._tag, "GroupPublicInvite")
    }).pipe(
      Effect.provide(mockClient(() =>
        MockHttp.json(200, {
          type: "Group",
          code: "aB3dE5fG",
          channel_id: "01H",
          channel_name: "g",
          user_name: "alice"
        })
      ))
    ))
})
