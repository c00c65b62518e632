import { assert, describe, it } from "@effect/vitest"
import { Duration, Effect, TestClock } from "effect"
import { reportUser } from "effect-stoat"
import { makeUlid } from "../../src/schema/Ids.js"
import { StoatFake } from "effect-stoat/testing"
import { demoSeed, on, transports } from "./fakeHelpers.js"
import { assertCatcher, assertError, field, path, raw } from "./raw.js"

const id = (handle: string) => demoSeed.id(handle)
const ghost = makeUlid(Date.UTC(2025, 0, 1), 4242n)
const report = (body: unknown, as = "bob") => raw("POST", path("safety", "report"), { as, body })
/** A report in a fresh rate-limit window (the bucket allows 3 per 10 s). */
const spaced = (body: unknown, as = "bob") => Effect.zipRight(TestClock.adjust(Duration.seconds(10)), report(body, as))
const reports = Effect.map(Effect.flatten(Effect.map(StoatFake, (fake) => fake.state)), (state) => state.reports)
const fake = <A, E>(effect: Effect.Effect<A, E, StoatFake>) => Effect.provide(effect, StoatFake.layer(demoSeed))

describe("the fake: POST /safety/report", () => {
  it.effect("a message, a server or a user: 204 with no body, and the report is kept", () =>
    fake(Effect.gen(function*() {
      const message = yield* report({ content: { type: "Message", id: id("hello"), report_reason: "SpamAbuse" } })
      assert.strictEqual(message.status, 204)
      assert.strictEqual(message.body, "")
      assert.strictEqual((yield* report({ content: { type: "Server", id: id("lovers"), report_reason: "Raid" } }, "carol")).status, 204)
      const user = yield* report({
        content: { type: "User", id: id("alice"), report_reason: "Impersonation", message_id: ghost },
        additional_context: "not the real alice"
      }, "carol")
      assert.strictEqual(user.status, 204)
      const kept = yield* reports
      assert.lengthOf(kept, 3)
      assert.deepInclude(kept[0], { author_id: id("bob"), additional_context: "", status: "Created" })
      assert.deepInclude(kept[2], { author_id: id("carol"), additional_context: "not the real alice" })
    })))

  it.effect("the body first: 400 without one, 422 for a wrong shape or a reason of the wrong kind", () =>
    fake(Effect.gen(function*() {
      assertCatcher(yield* raw("POST", path("safety", "report"), { as: "modbot" }), 400)
      assertCatcher(yield* spaced({ additional_context: "" }, "modbot"), 422)
      assertCatcher(yield* spaced({ content: { type: "Channel", id: ghost, report_reason: "Raid" } }), 422)
      assertCatcher(yield* spaced({ content: { type: "Message", id: ghost, report_reason: "Rude" } }), 422)
      assertCatcher(yield* spaced({ content: { type: "Message", id: ghost, report_reason: "Underage" } }), 422)
      assertCatcher(yield* spaced({ content: { type: "User", id: ghost, report_reason: "Raid" } }), 422)
      assertCatcher(yield* spaced({ content: { type: "User", id: ghost, report_reason: "Underage" }, additional_context: null }), 422)
    })))

  it.effect("then FailedValidation (context over 1000 characters), IsBot, NotFound, CannotReportYourself", () =>
    fake(Effect.gen(function*() {
      const unknownMessage = { type: "Message", id: ghost, report_reason: "NoneSpecified" }
      assertError(yield* spaced({ content: unknownMessage, additional_context: "é".repeat(1001) }, "modbot"), 400, "FailedValidation")
      assert.strictEqual((yield* spaced({ content: { type: "User", id: id("alice"), report_reason: "NoneSpecified" }, additional_context: "é".repeat(1000) })).status, 204)
      assertError(yield* spaced({ content: unknownMessage }, "modbot"), 400, "IsBot")
      assertError(yield* spaced({ content: unknownMessage }), 404, "NotFound")
      assertError(yield* spaced({ content: { type: "Server", id: ghost, report_reason: "Raid" } }), 404, "NotFound")
      assertError(yield* spaced({ content: { type: "User", id: ghost, report_reason: "SpamAbuse" } }), 404, "NotFound")
      assertError(yield* spaced({ content: { type: "Message", id: id("reply"), report_reason: "Malware" } }), 400, "CannotReportYourself")
      assertError(yield* spaced({ content: { type: "Server", id: id("lovers"), report_reason: "Raid" } }, "owner"), 400, "CannotReportYourself")
      assertError(yield* spaced({ content: { type: "User", id: id("bob"), report_reason: "Underage" } }), 400, "CannotReportYourself")
      assert.lengthOf(yield* reports, 1)
    })))

  it.effect("the safety_report bucket: 3 per 10 s, failures included", () =>
    fake(Effect.gen(function*() {
      const valid = { content: { type: "User", id: id("alice"), report_reason: "SpamAbuse" } }
      assert.strictEqual((yield* report(valid)).status, 204)
      assertError(yield* report({ content: { type: "User", id: id("bob"), report_reason: "SpamAbuse" } }), 400, "CannotReportYourself")
      assert.strictEqual((yield* report(valid)).status, 204)
      const limited = yield* report(valid)
      assert.strictEqual(limited.status, 429)
      assert.deepStrictEqual(limited.json, { retry_after: 10_000 })
      assert.strictEqual((yield* report(valid, "carol")).status, 204)
      // A window is renewed once the clock is past its reset instant (`now > reset`).
      yield* TestClock.adjust(Duration.millis(10_001))
      assert.strictEqual((yield* report(valid)).status, 204)
      assert.strictEqual(field(limited.json, "type"), undefined)
    })))
})

for (const transport of transports) {
  const { as } = on(transport)

  describe(`the fake (${transport}): reportUser`, () => {
    it.effect("a report is accepted; reporting yourself is CannotReportYourself", () =>
      Effect.gen(function*() {
        yield* reportUser(id("alice"), "SpamAbuse", { additionalContext: "spam in #general", messageContext: id("hello") })
        assert.strictEqual((yield* Effect.flip(reportUser(id("bob"), "NoneSpecified")))._tag, "CannotReportYourself")
        assert.lengthOf(yield* reports, 1)
      }).pipe(as("bob")))
  })
}
