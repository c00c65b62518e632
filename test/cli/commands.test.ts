import { assert, describe, it } from "@effect/vitest"
import { Effect, Option, Schema } from "effect"
import { Ban, BanList, Member, MemberList, PublicInvite, Server, User } from "effect-stoat"
import { demoSeed, StoatFake } from "effect-stoat/testing"
import { fakeCli, runCli } from "./runCli.js"

const id = (handle: string) => demoSeed.id(handle)
const lovers = id("lovers")
const asBot = { STOAT_TOKEN: "demo-modbot-token" }
const asAlice = { STOAT_TOKEN: "demo-alice-token", STOAT_TOKEN_KIND: "user" }
const asCarol = { STOAT_TOKEN: "demo-carol-token", STOAT_TOKEN_KIND: "user" }

/** The one JSON document a `--json` run printed, decoded with the result's schema. */
const decodeLine = <A, I>(schema: Schema.Schema<A, I>, stdout: string) => {
  const lines = stdout.split("\n")
  assert.strictEqual(lines.length, 1)
  return Schema.decodeUnknownSync(schema)(JSON.parse(lines[0] ?? ""))
}

describe("effect-stoat invite", () => {
  it.effect("show: a one-line summary, or the wire JSON; an unknown code is not found (5)", () =>
    Effect.gen(function*() {
      const human = yield* runCli(["invite", "show", "aB3dE5fG"], asCarol)
      assert.deepStrictEqual(human, { code: 0, stdout: "aB3dE5fG: Stoat Lovers #general, invited by alice (4 members)", stderr: "" })
      const json = yield* runCli(["--json", "invite", "show", "aB3dE5fG"], asCarol)
      const invite = decodeLine(PublicInvite, json.stdout)
      assert.strictEqual(invite._tag, "ServerPublicInvite")
      const missing = yield* runCli(["invite", "show", "nothere1"], asCarol)
      assert.strictEqual(missing.code, 5)
      assert.strictEqual(missing.stdout, "")
      assert.match(missing.stderr, /^Not found/)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("accept joins; accepting again is a conflict (6); a banned user is refused (4); a bot may not (4)", () =>
    Effect.gen(function*() {
      assert.deepInclude(yield* runCli(["invite", "accept", "aB3dE5fG"], asCarol), { code: 0, stdout: `Joined Stoat Lovers (${lovers}).` })
      assert.isTrue(yield* (yield* StoatFake).isMember(lovers, id("carol")))
      const again = yield* runCli(["invite", "accept", "aB3dE5fG"], asCarol)
      assert.deepStrictEqual(again, { code: 6, stdout: "", stderr: "The account is already a member of that server." })
      const banned = yield* runCli(["invite", "accept", "aB3dE5fG"], { STOAT_TOKEN: "demo-mallory-token", STOAT_TOKEN_KIND: "user" })
      assert.deepStrictEqual(banned, { code: 4, stdout: "", stderr: "The account is banned from that server." })
      const bot = yield* runCli(["invite", "accept", "aB3dE5fG"], asBot)
      assert.strictEqual(bot.code, 4)
      assert.include(bot.stderr, "A bot may not do that")
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("create, list and delete", () =>
    Effect.gen(function*() {
      const created = yield* runCli(["--json", "invite", "create", id("general")], asAlice)
      assert.strictEqual(created.code, 0, created.stderr)
      const code: string = JSON.parse(created.stdout)._id
      const listed = yield* runCli(["--token-kind", "user", "invite", "list", lovers], { STOAT_TOKEN: "demo-owner-token" })
      assert.strictEqual(listed.code, 0)
      assert.match(listed.stdout, /^CODE +CHANNEL +CREATOR\n/)
      assert.include(listed.stdout, code)
      assert.include(listed.stdout, "aB3dE5fG")
      const deleted = yield* runCli(["invite", "delete", code], asAlice)
      assert.deepStrictEqual(deleted, { code: 0, stdout: `Deleted the invite ${code}.`, stderr: "" })
      const denied = yield* runCli(["invite", "list", lovers], asAlice)
      assert.deepStrictEqual(denied, { code: 4, stdout: "", stderr: "The account lacks the ManageServer permission there." })
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})

describe("effect-stoat member", () => {
  it.effect("list: an aligned table, or the wire JSON of the list", () =>
    Effect.gen(function*() {
      const human = yield* runCli(["member", "list", lovers], asBot)
      assert.strictEqual(human.code, 0)
      const lines = human.stdout.split("\n")
      assert.match(lines[0] ?? "", /^USER +NAME +ROLES +JOINED +TIMEOUT$/)
      assert.include(human.stdout, `${id("alice")}  Al `)
      assert.strictEqual(lines.at(-1), "4 members")
      const columns = lines.slice(0, -1).map((line) => line.indexOf("2024-") === -1 ? line.indexOf("JOINED") : line.indexOf("2024-"))
      assert.strictEqual(new Set(columns).size, 1)
      const json = yield* runCli(["--json", "member", "list", lovers], asBot)
      assert.strictEqual(decodeLine(MemberList, json.stdout).members.length, 4)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("show, edit, and a bad id is an input error (2) before anything is sent", () =>
    Effect.gen(function*() {
      const shown = yield* runCli(["member", "show", lovers, id("alice")], asBot)
      assert.include(shown.stdout, "nickname  Al")
      const edited = yield* runCli(["--json", "member", "edit", lovers, id("bob"), "--nickname", "Bobby"], asBot)
      assert.deepStrictEqual(decodeLine(Member, edited.stdout).nickname, Option.some("Bobby"))
      const bad = yield* runCli(["member", "show", lovers, "not-a-ulid"], asBot)
      assert.strictEqual(bad.code, 2)
      assert.match(bad.stderr, /^Invalid input: /)
      const nothing = yield* runCli(["member", "edit", lovers, id("bob")], asBot)
      assert.strictEqual(nothing.code, 2)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("kick, ban, bans", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      assert.deepStrictEqual(yield* runCli(["member", "kick", lovers, id("bob")], asBot), {
        code: 0,
        stdout: `Kicked ${id("bob")} from ${lovers}.`,
        stderr: ""
      })
      assert.isFalse(yield* fake.isMember(lovers, id("bob")))
      const rank = yield* runCli(["member", "kick", lovers, id("owner")], asBot)
      assert.strictEqual(rank.code, 2)
      const banned = yield* runCli(["--json", "member", "ban", lovers, id("carol"), "--reason", "spam"], asBot)
      assert.strictEqual(decodeLine(Ban, banned.stdout).id.user, id("carol"))
      const bans = yield* runCli(["member", "bans", lovers], asBot)
      assert.match(bans.stdout, /^USER +NAME +REASON\n/)
      assert.include(bans.stdout, "carol")
      assert.strictEqual(decodeLine(BanList, (yield* runCli(["--json", "member", "bans", lovers], asBot)).stdout).bans.length, 2)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  // The fake's "servers" bucket allows 5 requests per window: each test stays within it.
  it.effect("unban, timeout", () =>
    Effect.gen(function*() {
      const fake = yield* StoatFake
      const unbanned = yield* runCli(["member", "unban", lovers, id("mallory")], asBot)
      assert.strictEqual(unbanned.stdout, `Unbanned ${id("mallory")} from ${lovers}.`, unbanned.stderr)
      assert.isFalse(yield* fake.isBanned(lovers, id("mallory")))
      const timedOut = yield* runCli(["member", "timeout", lovers, id("bob"), "--for", "10m"], asBot)
      assert.strictEqual(timedOut.code, 0)
      assert.match(timedOut.stdout, /is timed out until \d{4}-/)
      const bad = yield* runCli(["member", "timeout", lovers, id("alice"), "--for", "soon"], asBot)
      assert.deepStrictEqual(bad, { code: 2, stdout: "", stderr: "Not a timeout length: soon (try 30s, 10m, 2h, 1d, 1w, or off)." })
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("USER or --ids-file, exactly one", () =>
    Effect.gen(function*() {
      assert.strictEqual((yield* runCli(["member", "kick", lovers], asBot)).code, 2)
      assert.strictEqual((yield* runCli(["member", "kick", lovers, id("bob"), "--ids-file", "ids.txt"], asBot)).code, 2)
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})

describe("effect-stoat user, dm, server", () => {
  it.effect("user show, profile, flags, mutuals, dm", () =>
    Effect.gen(function*() {
      // `--token-kind user user show`: the option's value is not mistaken for the subcommand.
      const shown = yield* runCli(["--token-kind", "user", "user", "show", id("bob")], { STOAT_TOKEN: "demo-alice-token" })
      assert.include(shown.stdout, "user          bob#")
      assert.strictEqual(decodeLine(User, (yield* runCli(["--json", "user", "show", id("bob")], asAlice)).stdout).username, "bob")
      assert.strictEqual((yield* runCli(["user", "profile", id("bob")], asAlice)).stdout, "(an empty profile)")
      assert.strictEqual((yield* runCli(["--json", "user", "flags", id("bob")], asAlice)).stdout, `{"flags":0}`)
      const mutuals = yield* runCli(["user", "mutuals", id("bob")], asAlice)
      assert.include(mutuals.stdout, lovers)
      const opened = yield* runCli(["user", "dm", id("bob")], asAlice)
      assert.match(opened.stdout, /^The DM channel with \w+ is \w+\.$/)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("dm send and history", () =>
    Effect.gen(function*() {
      const sent = yield* runCli(["dm", "send", id("bob"), "hello bob"], asAlice)
      assert.strictEqual(sent.code, 0)
      const history = yield* runCli(["dm", "history", id("bob")], asAlice)
      assert.match(history.stdout, /^SENT +AUTHOR +TEXT\n.*hello bob$/)
      const tooLong = yield* runCli(["dm", "send", id("bob"), "x".repeat(2001)], asAlice)
      assert.strictEqual(tooLong.code, 2)
    }).pipe(Effect.provide(fakeCli(demoSeed))))

  it.effect("server show", () =>
    Effect.gen(function*() {
      const shown = yield* runCli(["server", "show", lovers], asBot)
      assert.include(shown.stdout, "server    Stoat Lovers")
      assert.match(shown.stdout, /ROLE +RANK +ID\nAdmin +0 /)
      assert.strictEqual(decodeLine(Server, (yield* runCli(["--json", "server", "show", lovers], asBot)).stdout).name, "Stoat Lovers")
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})

describe("effect-stoat and the token", () => {
  it.effect("no STOAT_TOKEN and no terminal is an auth error (3); a wrong token too; neither prints the token", () =>
    Effect.gen(function*() {
      const none = yield* runCli(["member", "list", lovers])
      assert.deepStrictEqual(none, { code: 3, stdout: "", stderr: "No token: set STOAT_TOKEN (the command never takes it as a flag)." })
      const wrong = yield* runCli(["member", "list", lovers], { STOAT_TOKEN: "secret-wrong-token" })
      assert.strictEqual(wrong.code, 3)
      assert.notInclude(wrong.stderr + wrong.stdout, "secret-wrong-token")
      const flag = yield* runCli(["--token", "demo-modbot-token", "member", "list", lovers])
      assert.strictEqual(flag.code, 2)
      assert.notInclude(flag.stdout, "demo-modbot-token")
    }).pipe(Effect.provide(fakeCli(demoSeed))))
})
