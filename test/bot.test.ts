// The example moderation bot (examples/bot.ts) in process against the fake and its events server,
// with the scripted visitor `npm start` shows (examples/botShow.ts).
import { assert, describe, it } from "@effect/vitest"
import { Effect, HashMap, Option } from "effect"
import { demoSeed, FakeEvents, StoatFake, stoatFakeWithEvents } from "effect-stoat/testing"
import { botShow } from "../examples/botShow.js"
import { printedBy } from "./helpers.js"

describe("the example moderation bot", () => {
  it.live("welcomes carol, lets her hello pass, times her out for spam, typing while it works", () =>
    Effect.gen(function*() {
      const printed = yield* printedBy(botShow)
      const output = printed.join("\n")
      for (
        const line of [
          "modbot is typing...",
          "modbot: Welcome @carol!",
          "carol: Hello everyone!",
          "carol: Anyone want cheap spam?",
          "carol is timed out until",
          "modbot: @carol is timed out for 10m: mind your words.",
          "modbot stopped typing"
        ]
      ) assert.include(output, line)
      // One timeout only: the hello passed, and the bot's own reply did not set it off.
      assert.lengthOf(printed.filter((line) => line.includes("carol is timed out until")), 1)

      // The fake agrees: carol is timed out, for about the bot's 10 minutes.
      const state = yield* Effect.flatMap(StoatFake, (fake) => fake.state)
      const carol = HashMap.get(state.members, `${demoSeed.id("lovers")}/${demoSeed.id("carol")}`)
      const until = Option.flatMap(carol, (member) => member.timeout)
      assert.isTrue(Option.isSome(until))
      const typing = (yield* Effect.flatMap(FakeEvents, (events) => events.received))
        .filter((received) => received.user === demoSeed.id("modbot"))
        .map((received) => received.frame["type"])
        .filter((type) => type === "BeginTyping" || type === "EndTyping")
        .map((type) => (type === "BeginTyping" ? "B" : "E"))
        .join("")
      // Two jobs (the welcome, the timeout), each under withTyping: Begin (refreshed), then exactly one End.
      assert.match(typing, /^B+EB+E$/)
    }).pipe(Effect.provide(stoatFakeWithEvents(demoSeed))), 60_000)
})
