import { Args, Command, Options } from "@effect/cli"
import { Clock, DateTime, Duration, Effect, Option, Schema } from "effect"
import { fetchMember } from "../operations/members.js"
import { banMember, fetchBans, kickMember, timeoutMember } from "../operations/moderation.js"
import { Ban } from "../schema/Ban.js"
import { Member } from "../schema/Member.js"
import { type BulkJob, runBulk } from "./bulk.js"
import { CliFailure } from "./failure.js"
import type { BulkAction } from "./journal.js"
import { emit } from "./output.js"
import { withStoat } from "./root.js"

const server = Args.text({ name: "SERVER" }).pipe(Args.withDescription("The server id."))
const user = Args.text({ name: "USER" }).pipe(
  Args.withDescription("The member's user id (leave it out with --ids-file)."),
  Args.optional
)
const auditLogReason = Options.text("audit-log-reason").pipe(
  Options.withDescription("Why, for the server's audit log (at most 512 UTF-8 bytes)."),
  Options.optional
)
const bulk = {
  idsFile: Options.text("ids-file").pipe(
    Options.withDescription("Act on every user id of this file, one a line (- for stdin), through the rate limiter."),
    Options.optional
  ),
  resume: Options.boolean("resume").pipe(
    Options.withDescription("Continue an interrupted --ids-file run from its journal: no member is done twice.")
  ),
  journal: Options.text("journal").pipe(
    Options.withDescription("The journal of an --ids-file run (default: effect-stoat-ACTION-SERVER.journal here)."),
    Options.optional
  )
}

const withReason = (reason: Option.Option<string>) =>
  Option.match(reason, { onNone: () => ({}), onSome: (auditLogReason) => ({ auditLogReason }) })

const unitMillis: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }

/** A timeout length: `30s`, `10m`, `2h`, `1d`, `1w`, or `0`/`off` to lift it. */
const timeoutLength = (text: string): Effect.Effect<Duration.Duration | null, CliFailure> => {
  if (text === "0" || text === "off") return Effect.succeed(null)
  const match = /^(\d+)\s*([smhdw])$/.exec(text.trim())
  const millis = match === null ? undefined : Number(match[1]) * (unitMillis[match[2] ?? ""] ?? Number.NaN)
  return millis === undefined || !Number.isFinite(millis) || millis <= 0
    ? Effect.fail(new CliFailure({ family: "input", sentence: `Not a timeout length: ${text} (try 30s, 10m, 2h, 1d, 1w, or off).` }))
    : Effect.succeed(Duration.millis(millis))
}

/** A command acting on one member (USER) or on every member of an ids file (`--ids-file`). */
const oneOrMany = <E extends { readonly _tag: string }, C extends { readonly _tag: string }, R>(
  action: BulkAction,
  args: {
    readonly server: string
    readonly user: Option.Option<string>
    readonly idsFile: Option.Option<string>
    readonly resume: boolean
    readonly journal: Option.Option<string>
  },
  job: Omit<BulkJob<E, C>, "action" | "server">,
  one: (user: string) => Effect.Effect<void, E | CliFailure, R>
) => {
  if (Option.isSome(args.user) && Option.isSome(args.idsFile)) {
    return Effect.fail(new CliFailure({ family: "input", sentence: "Give either USER or --ids-file, not both." }))
  }
  if (Option.isSome(args.user)) return one(args.user.value)
  if (Option.isNone(args.idsFile)) {
    return Effect.fail(new CliFailure({ family: "input", sentence: "Give the member's USER id, or --ids-file FILE." }))
  }
  return runBulk({ ...job, action, server: args.server }, {
    idsFile: args.idsFile.value,
    resume: args.resume,
    journal: Option.getOrElse(args.journal, () => `effect-stoat-${action}-${args.server}.journal`)
  })
}

const Done = Schema.Struct({ server: Schema.String, user: Schema.String, done: Schema.String })

const kick = Command.make("kick", { server, user, auditLogReason, ...bulk }, (args) => {
  const options = withReason(args.auditLogReason)
  return oneOrMany("kick", args, {
    settings: `audit-log reason ${Option.getOrElse(args.auditLogReason, () => "none")}`,
    done: "Kicked",
    apply: (user) => kickMember({ server: args.server, user }, options),
    holds: (user) =>
      fetchMember(args.server, user).pipe(
        Effect.as(false),
        Effect.catchTag("NotFound", () => Effect.succeed(true))
      )
  }, (user) =>
    Effect.zipRight(
      withStoat(kickMember({ server: args.server, user }, options)),
      emit(Done, { server: args.server, user, done: "kicked" }, () => `Kicked ${user} from ${args.server}.`)
    ))
}).pipe(Command.withDescription("Kick a member, or every member of --ids-file (KickMembers)."))

const ban = Command.make("ban", {
  server,
  user,
  auditLogReason,
  reason: Options.text("reason").pipe(Options.withDescription("Why, kept with the ban (at most 1024 characters)."), Options.optional),
  deleteMessageSeconds: Options.integer("delete-message-seconds").pipe(
    Options.withDescription("Delete the user's messages of this many last seconds (0 to 604800)."),
    Options.optional
  ),
  ...bulk
}, (args) => {
  const options = {
    ...withReason(args.auditLogReason),
    ...Option.match(args.reason, { onNone: () => ({}), onSome: (reason) => ({ reason }) }),
    ...Option.match(args.deleteMessageSeconds, { onNone: () => ({}), onSome: (deleteMessageSeconds) => ({ deleteMessageSeconds }) })
  }
  return oneOrMany("ban", args, {
    settings: JSON.stringify(options),
    done: "Banned",
    apply: (user) => banMember({ server: args.server, user }, options),
    holds: (user) => Effect.map(fetchBans(args.server), (list) => list.bans.some((ban) => ban.id.user === user))
  }, (user) =>
    Effect.flatMap(withStoat(banMember({ server: args.server, user }, options)), (ban) =>
      emit(Ban, ban, () => `Banned ${user} from ${args.server}.`)))
}).pipe(Command.withDescription("Ban a user (member or not), or every user of --ids-file (BanMembers)."))

const timeout = Command.make("timeout", {
  server,
  user,
  length: Options.text("for").pipe(Options.withDescription("How long: 30s, 10m, 2h, 1d, 1w; 0 or off lifts the timeout.")),
  auditLogReason,
  ...bulk
}, (args) =>
  Effect.flatMap(timeoutLength(args.length), (length) => {
    const options = withReason(args.auditLogReason)
    return oneOrMany("timeout", args, {
      settings: `for ${args.length}`,
      done: length === null ? "Lifted the timeouts of" : "Timed out",
      apply: (user) => timeoutMember({ server: args.server, user }, length, options),
      holds: (user) =>
        Effect.zipWith(fetchMember(args.server, user), Clock.currentTimeMillis, (member, now) =>
          Option.match(member.timeout, {
            onNone: () => length === null,
            onSome: (end) => length !== null && DateTime.toEpochMillis(end) > now
          }))
    }, (user) =>
      Effect.flatMap(withStoat(timeoutMember({ server: args.server, user }, length, options)), (member) =>
        emit(Member, member, (member) =>
          Option.match(member.timeout, {
            onNone: () => `${user} is not timed out.`,
            onSome: (end) => `${user} is timed out until ${DateTime.formatIso(end)}.`
          }))))
  })).pipe(Command.withDescription("Time a member out (or lift it), or every member of --ids-file (TimeoutMembers)."))

/** `member kick|ban|timeout`: one member, or many through the rate limiter with a resumable journal. */
export const moderationCommands = [kick, ban, timeout] as const
