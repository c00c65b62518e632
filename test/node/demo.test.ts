import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { tour } from "../../examples/tour.js"
import { printedBy } from "../helpers.js"

describe("npm start", () => {
  it.live("runs the demo's tour against the embedded fake, every step ending as the backend would", () =>
    Effect.gen(function*() {
      const printed = yield* printedBy(tour)
      const output = printed.join("\n")
      for (
        const line of [
          "carol joined Stoat Lovers and sees 2 channels",
          "mallory is banned from that server",
          "5 members: owner, alice (\"Al\"), bob, carol, modbot",
          "bob may not rename alice: missing ManageNicknames",
          "alice cannot time out modbot: they hold TimeoutMembers themselves",
          "alice cannot kick modbot: modbot ranks as high or higher",
          "carol was already banned: the backend answers a 500 DatabaseError",
          "carol is a member: false, banned: true"
        ]
      ) assert.include(output, line)
    }), 60_000)
})
