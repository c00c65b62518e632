import { execFile } from "node:child_process"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"

describe("npm start", () => {
  it.live("runs the demo against the embedded fake, every step ending as the backend would", () =>
    Effect.gen(function*() {
      const env: Record<string, string | undefined> = { ...process.env }
      delete env["STOAT_TOKEN"]
      const output = yield* Effect.async<string, Error>((resume) => {
        execFile(process.execPath, ["--import", "tsx", "examples/demo.ts"], { cwd: new URL("../..", import.meta.url), env }, (error, stdout) => {
          resume(error === null ? Effect.succeed(stdout) : Effect.fail(error))
        })
      })
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
    }).pipe(Effect.timeout("90 seconds")))
})
