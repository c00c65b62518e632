import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import { StoatFake } from "effect-stoat/testing"
import { bulkSeed, memberIds } from "./bulkSeed.js"
import { fakeCli, runCli } from "./runCli.js"

const env = { STOAT_TOKEN: "guard-token" }
const seed = bulkSeed(6)
const server = seed.id("home")
const ids = memberIds(seed, 6)

/** A fresh directory with an ids file of `users`; the journal goes beside it. */
const workspace = (users: ReadonlyArray<string>) => {
  const dir = mkdtempSync(join(tmpdir(), "effect-stoat-bulk-"))
  const idsFile = join(dir, "ids.txt")
  writeFileSync(idsFile, `# spammers\n${users.join("\n")}\n\n`)
  return { idsFile, journal: join(dir, "run.journal") }
}

const kicks = (fake: StoatFake["Type"], user: string) =>
  Effect.map(fake.requests, (all) => all.filter((received) => received.request.method === "DELETE" && received.request.path.endsWith(`/members/${user}`)))

describe("member kick --ids-file", () => {
  it.effect("kicks each member once, journals before and after each request, and sums up", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const files = workspace([...ids.slice(0, 3), ids[0] ?? ""])
      const result = yield* runCli(["member", "kick", server, "--ids-file", files.idsFile, "--journal", files.journal], env)
      assert.strictEqual(result.code, 0, result.stderr)
      assert.match(result.stdout, /^Kicked 3 of 3 members in \d+\.\d s, \d+\.\d s of it waiting for rate limits\.$/)
      for (const user of ids.slice(0, 3)) {
        assert.isFalse(yield* fake.isMember(server, user))
        assert.strictEqual((yield* kicks(fake, user)).length, 1)
      }
      const journal = readFileSync(files.journal, "utf8").trim().split("\n").map((line) => JSON.parse(line))
      assert.deepStrictEqual(journal.map((entry) => entry._tag), ["start", "sending", "done", "sending", "done", "sending", "done"])
      assert.deepInclude(journal[2], { user: ids[0], outcome: "ok" })
    }).pipe(Effect.provide(fakeCli(seed))))

  it.effect("--json prints one line per member; failures are summed up by error and set the exit code", () =>
    Effect.gen(function*() {
      const files = workspace([ids[0] ?? "", seed.id("owner"), "not-a-ulid"])
      const result = yield* runCli(["--json", "member", "kick", server, "--ids-file", files.idsFile, "--journal", files.journal], env)
      assert.strictEqual(result.code, 2)
      const lines = result.stdout.split("\n").map((line) => JSON.parse(line))
      assert.deepStrictEqual(lines.map((line) => [line.user, line.outcome, line.error]), [
        [ids[0], "ok", undefined],
        [seed.id("owner"), "failed", "InvalidOperation"],
        ["not-a-ulid", "failed", "FailedValidation"]
      ])
      assert.include(result.stderr, "Kicked 1 of 3 members, 2 failed")
      assert.include(result.stderr, `1 × InvalidOperation: `)
      assert.include(result.stderr, "2 of 3 members failed; the first: ")
    }).pipe(Effect.provide(fakeCli(seed))))

  it.effect("--resume skips what the journal settled and checks a member whose outcome is unknown before redoing it", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const [kickedBefore, sentButStillThere, settled, fresh] = [ids[0] ?? "", ids[1] ?? "", ids[2] ?? "", ids[3] ?? ""]
      const files = workspace([settled, kickedBefore, sentButStillThere, fresh])
      // An earlier run: `settled` done; requests for the other two went out with no outcome recorded, and
      // only the first reached the server (kicked here by hand); then the run died mid-line.
      yield* runCli(["member", "kick", server, kickedBefore], env)
      writeFileSync(files.journal, [
        JSON.stringify({ _tag: "start", action: "kick", server, settings: "audit-log reason none" }),
        JSON.stringify({ _tag: "sending", user: settled }),
        JSON.stringify({ _tag: "done", user: settled, outcome: "ok" }),
        JSON.stringify({ _tag: "sending", user: kickedBefore }),
        JSON.stringify({ _tag: "sending", user: sentButStillThere }),
        `{"_tag":"done","us`
      ].join("\n"))
      const refused = yield* runCli(["member", "kick", server, "--ids-file", files.idsFile, "--journal", files.journal], env)
      assert.strictEqual(refused.code, 2)
      assert.include(refused.stderr, "--resume")
      const resumed = yield* runCli(["member", "kick", server, "--ids-file", files.idsFile, "--journal", files.journal, "--resume"], env)
      assert.strictEqual(resumed.code, 0, resumed.stderr)
      assert.include(resumed.stdout, "Kicked 3 of 4 members, 1 already settled by the journal")
      assert.strictEqual((yield* kicks(fake, kickedBefore)).length, 1)
      assert.strictEqual((yield* kicks(fake, sentButStillThere)).length, 1)
      assert.strictEqual((yield* kicks(fake, fresh)).length, 1)
      assert.strictEqual((yield* kicks(fake, settled)).length, 0)
      assert.isTrue(yield* fake.isMember(server, settled))
      const again = yield* runCli(["member", "kick", server, "--ids-file", files.idsFile, "--journal", files.journal, "--resume"], env)
      assert.include(again.stdout, "Kicked 0 of 4 members, 4 already settled by the journal")
      const otherJob = yield* runCli(["member", "ban", server, "--ids-file", files.idsFile, "--journal", files.journal, "--resume"], env)
      assert.strictEqual(otherJob.code, 2)
      assert.include(otherJob.stderr, "is for another job (kick in")
    }).pipe(Effect.provide(fakeCli(seed))))

  it.effect("ban and timeout check their own outcome: a ban already in place, a timeout already running", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const [a, b] = [ids[4] ?? "", ids[5] ?? ""]
      yield* runCli(["member", "ban", server, a], env)
      const banFiles = workspace([a, b])
      writeFileSync(banFiles.journal, [
        JSON.stringify({ _tag: "start", action: "ban", server, settings: "{}" }),
        JSON.stringify({ _tag: "sending", user: a })
      ].join("\n") + "\n")
      const bans = yield* runCli(["member", "ban", server, "--ids-file", banFiles.idsFile, "--journal", banFiles.journal, "--resume"], env)
      assert.strictEqual(bans.code, 0, bans.stderr)
      assert.isTrue(yield* fake.isBanned(server, b))
      const banRequests = (yield* fake.requests).filter((received) => received.request.method === "PUT")
      assert.deepStrictEqual(banRequests.map((received) => received.request.path.split("/").at(-1)), [a, b])

      const [c, d] = [ids[2] ?? "", ids[3] ?? ""]
      yield* runCli(["member", "timeout", server, c, "--for", "1h"], env)
      const timeoutFiles = workspace([c, d])
      writeFileSync(timeoutFiles.journal, [
        JSON.stringify({ _tag: "start", action: "timeout", server, settings: "for 1h" }),
        JSON.stringify({ _tag: "done", user: c, outcome: "unknown", error: "TransportError" })
      ].join("\n") + "\n")
      const timeouts = yield* runCli(["member", "timeout", server, "--for", "1h", "--ids-file", timeoutFiles.idsFile, "--journal", timeoutFiles.journal, "--resume"], env)
      assert.strictEqual(timeouts.code, 0, timeouts.stderr)
      const patched = (yield* fake.requests).filter((received) => received.request.method === "PATCH")
      assert.deepStrictEqual(patched.map((received) => received.request.path.split("/").at(-1)), [c, d])
    }).pipe(Effect.provide(fakeCli(seed))))
})
