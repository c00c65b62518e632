import { Args, Command } from "@effect/cli"
import { Effect, Option, Schema } from "effect"
import { fetchFlags, fetchMutuals, fetchProfile, fetchUser, openDm } from "../operations/users.js"
import { DmChannel } from "../schema/Channel.js"
import { Mutuals } from "../schema/Mutuals.js"
import { User } from "../schema/User.js"
import { userFlagSet } from "../schema/UserFlags.js"
import { UserProfile } from "../schema/UserProfile.js"
import { emit, table } from "./output.js"
import { withStoat } from "./root.js"

const user = Args.text({ name: "USER" }).pipe(Args.withDescription("The user id."))

const userLines = (user: User): string =>
  table([
    ["user", `${user.username}#${user.discriminator}`],
    ["id", user.id],
    ["display name", Option.getOrElse(user.displayName, () => "-")],
    ["kind", Option.match(user.bot, { onNone: () => "user", onSome: (bot) => `bot of ${bot.owner}` })],
    ["online", user.online ? "yes" : "no"],
    ["relationship", String(user.relationship)]
  ])

const show = Command.make("show", { user }, ({ user }) =>
  Effect.flatMap(withStoat(fetchUser(user)), (found) => emit(User, found, userLines))).pipe(
    Command.withDescription("Show a user.")
  )

const profile = Command.make("profile", { user }, ({ user }) =>
  Effect.flatMap(withStoat(fetchProfile(user)), (found) =>
    emit(UserProfile, found, (found) => Option.getOrElse(found.content, () => "(an empty profile)")))).pipe(
    Command.withDescription("Show a user's profile text.")
  )

const flagNames = (flags: number) => {
  const names = Object.entries(userFlagSet(flags)).filter(([, set]) => set === true).map(([name]) => name)
  return `${flags}${names.length === 0 ? "" : ` (${names.join(", ")})`}`
}

const flags = Command.make("flags", { user }, ({ user }) =>
  Effect.flatMap(withStoat(fetchFlags(user)), (flags) =>
    emit(Schema.Struct({ flags: Schema.Number }), { flags }, () => `flags ${flagNames(flags)}`))).pipe(
    Command.withDescription("Show a user's flags (suspended, deleted, banned, spam).")
  )

const mutuals = Command.make("mutuals", { user }, ({ user }) =>
  Effect.flatMap(withStoat(fetchMutuals(user)), (found) =>
    emit(Mutuals, found, (found) =>
      table([
        ["friends", found.users.length === 0 ? "-" : found.users.join(", ")],
        ["servers", found.servers.length === 0 ? "-" : found.servers.join(", ")],
        ["channels", found.channels.length === 0 ? "-" : found.channels.join(", ")]
      ])))).pipe(Command.withDescription("Show the friends, servers and channels you share with a user."))

const dm = Command.make("dm", { user }, ({ user }) =>
  Effect.flatMap(withStoat(openDm(user)), (channel) =>
    emit(DmChannel, channel, (channel) => `The DM channel with ${user} is ${channel.id}.`))).pipe(
    Command.withDescription("Open (or find) the direct-message channel with a user.")
  )

/** `user show|profile|flags|mutuals|dm`. */
export const userCommand = Command.make("user").pipe(
  Command.withDescription("Look at users and open DMs."),
  Command.withSubcommands([show, profile, flags, mutuals, dm])
)
