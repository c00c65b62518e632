import { Args, Command } from "@effect/cli"
import { Effect, Schema } from "effect"
import { acceptInvite, createInvite, deleteInvite, fetchInvite, fetchServerInvites } from "../operations/invites.js"
import { Invite, JoinResult, PublicInvite } from "../schema/Invite.js"
import { emit, table } from "./output.js"
import { withStoat } from "./root.js"

const code = Args.text({ name: "CODE" }).pipe(Args.withDescription("The invite code."))
const server = Args.text({ name: "SERVER" }).pipe(Args.withDescription("The server id."))
const channel = Args.text({ name: "CHANNEL" }).pipe(Args.withDescription("The channel or group id."))

const describePublic = (invite: PublicInvite): string => {
  switch (invite._tag) {
    case "ServerPublicInvite":
      return `${invite.code}: ${invite.serverName} #${invite.channelName}, invited by ${invite.userName} (${invite.memberCount} members)`
    case "GroupPublicInvite":
      return `${invite.code}: the group ${invite.channelName}, invited by ${invite.userName}`
    case "UnknownPublicInvite":
      return `${invite.code}: an invite of a kind this command does not know (${invite.type})`
  }
}

const describeJoin = (joined: JoinResult): string => {
  switch (joined._tag) {
    case "JoinedServer":
      return `Joined ${joined.server.name} (${joined.server.id}).`
    case "JoinedGroup":
      return `Joined the group ${joined.channel.name} (${joined.channel.id}).`
    case "JoinedUnknown":
      return `Joined something of a kind this command does not know (${joined.type}).`
  }
}

const inviteRow = (invite: Invite): ReadonlyArray<string> => {
  switch (invite._tag) {
    case "ServerInvite":
    case "GroupInvite":
      return [invite.code, invite.channelId, invite.creatorId]
    case "UnknownInvite":
      return [invite.code, `(${invite.type})`, ""]
  }
}

const show = Command.make("show", { code }, ({ code }) =>
  Effect.flatMap(withStoat(fetchInvite(code)), (invite) => emit(PublicInvite, invite, describePublic))).pipe(
    Command.withDescription("Show what anyone can see of an invite.")
  )

const accept = Command.make("accept", { code }, ({ code }) =>
  Effect.flatMap(withStoat(acceptInvite(code)), (joined) => emit(JoinResult, joined, describeJoin))).pipe(
    Command.withDescription("Join the server or group of an invite (user accounts only).")
  )

const remove = Command.make("delete", { code }, ({ code }) =>
  Effect.zipRight(withStoat(deleteInvite(code)), emit(Schema.Struct({ deleted: Schema.String }), { deleted: code }, () => `Deleted the invite ${code}.`))).pipe(
    Command.withDescription("Delete an invite (its creator, or ManageServer).")
  )

const create = Command.make("create", { channel }, ({ channel }) =>
  Effect.flatMap(withStoat(createInvite(channel)), (invite) =>
    emit(Invite, invite, (invite) => `Created the invite ${invite.code}.`))).pipe(
    Command.withDescription("Create an invite to a server channel or a group (user accounts only).")
  )

const list = Command.make("list", { server }, ({ server }) =>
  Effect.flatMap(withStoat(fetchServerInvites(server)), (invites) =>
    emit(Schema.Array(Invite), invites, (invites) =>
      invites.length === 0 ? "No invites." : table([["CODE", "CHANNEL", "CREATOR"], ...invites.map(inviteRow)])))).pipe(
    Command.withDescription("List a server's invites (ManageServer).")
  )

/** `invite show|accept|delete|create|list`. */
export const invite = Command.make("invite").pipe(
  Command.withDescription("Look at, accept, create, list and delete invites."),
  Command.withSubcommands([show, accept, remove, create, list])
)
