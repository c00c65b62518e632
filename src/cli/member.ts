import { Args, Command, Options } from "@effect/cli"
import { DateTime, Effect, Option, Schema } from "effect"
import { fetchMember, fetchMembers } from "../operations/members.js"
import { editMember, fetchBans, type MemberEdit, unbanUser } from "../operations/moderation.js"
import { BanList } from "../schema/Ban.js"
import { Member } from "../schema/Member.js"
import { MemberList } from "../schema/MemberList.js"
import { nicknameOrDisplayNameOrUsername } from "../schema/memberValues.js"
import { CliFailure } from "./failure.js"
import { moderationCommands } from "./moderate.js"
import { emit, table } from "./output.js"
import { withStoat } from "./root.js"

const server = Args.text({ name: "SERVER" }).pipe(Args.withDescription("The server id."))
const user = Args.text({ name: "USER" }).pipe(Args.withDescription("The member's user id."))

const iso = (time: DateTime.Utc) => DateTime.formatIso(time)

const memberLines = (member: Member): string =>
  table([
    ["user", member.id.user],
    ["server", member.id.server],
    ["nickname", Option.getOrElse(member.nickname, () => "-")],
    ["roles", member.roles.length === 0 ? "-" : member.roles.join(", ")],
    ["joined", iso(member.joinedAt)],
    ["timeout", Option.match(member.timeout, { onNone: () => "-", onSome: iso })]
  ])

const memberTable = (list: MemberList): string => {
  const users = new Map(list.users.map((user) => [user.id, user]))
  const rows = list.members.map((member) => {
    const user = users.get(member.id.user)
    const name = user === undefined ? Option.getOrElse(member.nickname, () => "?") : nicknameOrDisplayNameOrUsername(member, user)
    return [
      member.id.user,
      name,
      member.roles.length === 0 ? "-" : member.roles.join(","),
      iso(member.joinedAt),
      Option.match(member.timeout, { onNone: () => "-", onSome: iso })
    ]
  })
  return table([["USER", "NAME", "ROLES", "JOINED", "TIMEOUT"], ...rows]) + `\n${list.members.length} members`
}

const list = Command.make("list", {
  server,
  excludeOffline: Options.boolean("exclude-offline").pipe(Options.withDescription("Leave out the members who are offline."))
}, ({ excludeOffline, server }) =>
  Effect.flatMap(withStoat(fetchMembers(server, { excludeOffline })), (list) => emit(MemberList, list, memberTable))).pipe(
    Command.withDescription("List a server's members and their users.")
  )

const show = Command.make("show", { server, user }, ({ server, user }) =>
  Effect.flatMap(withStoat(fetchMember(server, user)), (member) => emit(Member, member, memberLines))).pipe(
    Command.withDescription("Show a member.")
  )

const edit = Command.make("edit", {
  server,
  user,
  nickname: Options.text("nickname").pipe(Options.withDescription("Set the nickname (1 to 32 characters)."), Options.optional),
  clearNickname: Options.boolean("clear-nickname").pipe(Options.withDescription("Remove the nickname.")),
  roles: Options.text("role").pipe(Options.withDescription("A role id the member will hold (repeat it; replaces the roles)."), Options.repeated),
  clearRoles: Options.boolean("clear-roles").pipe(Options.withDescription("Take every role away."))
}, (args) =>
  Effect.gen(function*() {
    if ((Option.isSome(args.nickname) && args.clearNickname) || (args.roles.length > 0 && args.clearRoles)) {
      return yield* new CliFailure({ family: "input", sentence: "Set a field or clear it, not both." })
    }
    const change: MemberEdit = {
      ...(args.clearNickname ? { nickname: null } : Option.match(args.nickname, { onNone: () => ({}), onSome: (nickname) => ({ nickname }) })),
      ...(args.clearRoles ? { roles: null } : args.roles.length > 0 ? { roles: args.roles } : {})
    }
    if (Object.keys(change).length === 0) {
      return yield* new CliFailure({ family: "input", sentence: "Nothing to edit: give --nickname, --clear-nickname, --role or --clear-roles." })
    }
    const member = yield* withStoat(editMember({ server: args.server, user: args.user }, change))
    yield* emit(Member, member, memberLines)
  })).pipe(Command.withDescription("Edit a member's nickname or roles."))

const unban = Command.make("unban", { server, user }, ({ server, user }) =>
  Effect.zipRight(
    withStoat(unbanUser(server, user)),
    emit(Schema.Struct({ server: Schema.String, user: Schema.String, done: Schema.String }), { server, user, done: "unbanned" }, () =>
      `Unbanned ${user} from ${server}.`)
  )).pipe(Command.withDescription("Lift a ban (BanMembers)."))

const bansTable = (list: BanList): string => {
  const users = new Map(list.users.map((user) => [user.id, user]))
  const rows = list.bans.map((ban) => [
    ban.id.user,
    Option.fromNullable(users.get(ban.id.user)).pipe(Option.match({ onNone: () => "-", onSome: (user) => user.username })),
    Option.getOrElse(ban.reason, () => "-")
  ])
  return list.bans.length === 0 ? "No bans." : table([["USER", "NAME", "REASON"], ...rows])
}

const bans = Command.make("bans", { server }, ({ server }) =>
  Effect.flatMap(withStoat(fetchBans(server)), (list) => emit(BanList, list, bansTable))).pipe(
    Command.withDescription("List a server's bans (BanMembers).")
  )

/** `member list|show|edit|timeout|kick|ban|unban|bans`. */
export const member = Command.make("member").pipe(
  Command.withDescription("List, show, edit and moderate members; kick, ban or time out many with --ids-file."),
  Command.withSubcommands([list, show, edit, ...moderationCommands, unban, bans])
)
