import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { acceptInvite, fetchInvite } from "effect-stoat"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed, fakeClient } from "./fakeHelpers.js"

describe("the fake: invites", () => {
  it.effect("carol fetches and accepts a server invite and becomes a member", () =>
    Effect.gen(function*() {
      const invite = yield* fetchInvite("aB3dE5fG")
      assert.strictEqual(invite._tag, "ServerPublicInvite")
      const joined = yield* acceptInvite(invite)
      assert.strictEqual(joined._tag, "JoinedServer")
      const fake = yield* StoatFake
      assert.isTrue(yield* fake.isMember(demoSeed.id("lovers"), demoSeed.id("carol")))
      const again = yield* Effect.flip(acceptInvite("aB3dE5fG"))
      assert.strictEqual(again._tag, "AlreadyInServer")
    }).pipe(Effect.provide(fakeClient(demoSeed, "carol"))))
})
