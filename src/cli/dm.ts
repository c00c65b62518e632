import { Args, Command, Options } from "@effect/cli"
import { DateTime, Effect, Option } from "effect"
import { history } from "../operations/messages.js"
import { send } from "../operations/messageSend.js"
import { fetchDmChannelId } from "../operations/users.js"
import { ulidTime } from "../schema/Ids.js"
import { BulkMessages, Message } from "../schema/Message.js"
import { emit, table } from "./output.js"
import { withStoat } from "./root.js"

const user = Args.text({ name: "USER" }).pipe(Args.withDescription("The user id."))

const sendCommand = Command.make("send", {
  user,
  text: Args.text({ name: "TEXT" }).pipe(Args.withDescription("The message (at most 2000 UTF-8 bytes)."))
}, ({ text, user }) =>
  Effect.flatMap(withStoat(Effect.flatMap(fetchDmChannelId(user), (channel) => send(channel, text))), (message) =>
    emit(Message, message, (message) => `Sent ${message.id} to ${user}.`))).pipe(
    Command.withDescription("Send a direct message to a user.")
  )

const messageRow = (message: Message) => [
  DateTime.formatIso(DateTime.unsafeMake(ulidTime(message.id))),
  message.author,
  Option.getOrElse(message.content, () => "")
]

const historyCommand = Command.make("history", {
  user,
  limit: Options.integer("limit").pipe(Options.withDescription("How many messages, 1 to 100."), Options.withDefault(50))
}, ({ limit, user }) =>
  Effect.flatMap(withStoat(Effect.flatMap(fetchDmChannelId(user), (channel) => history(channel, { limit }))), (page) =>
    emit(BulkMessages, page, (page) =>
      page.messages.length === 0 ? "No messages." : table([["SENT", "AUTHOR", "TEXT"], ...page.messages.map(messageRow)])))).pipe(
    Command.withDescription("Show the latest direct messages with a user.")
  )

/** `dm send|history`. */
export const dm = Command.make("dm").pipe(
  Command.withDescription("Send and read direct messages."),
  Command.withSubcommands([sendCommand, historyCommand])
)
