import { Schema } from "effect"
import { ChannelId, ServerId } from "../Ids.js"
import { renamed } from "../Wire.js"
import { PingData } from "./connectionEvents.js"
import { eventTag } from "./eventWire.js"

/** `BeginTyping`: shows you typing in `channel` to everyone who sees it (you included), until `EndTyping`. */
export class BeginTyping extends Schema.Class<BeginTyping>("BeginTyping")({
  _tag: eventTag("BeginTyping"),
  channel: ChannelId
}) {}

/** `EndTyping`: you stopped typing in `channel`. */
export class EndTyping extends Schema.Class<EndTyping>("EndTyping")({
  _tag: eventTag("EndTyping"),
  channel: ChannelId
}) {}

/** `Subscribe`: a user session asks for a server's profile updates for 15 minutes (at most 5; bots get them all). */
export class Subscribe extends Schema.Class<Subscribe>("Subscribe")({
  _tag: eventTag("Subscribe"),
  serverId: renamed(ServerId, "server_id")
}) {}

/** `Ping`: the server answers `Pong` with the same data. */
export class Ping extends Schema.Class<Ping>("Ping")({
  _tag: eventTag("Ping"),
  data: PingData
}) {}

/** A frame a client may send on a live connection (`Authenticate` is the gateway's own). */
export const ClientFrame = Schema.Union(BeginTyping, EndTyping, Subscribe, Ping)
export type ClientFrame = typeof ClientFrame.Type

/** A client frame as the JSON text sent on the socket. */
export const encodeClientFrame = (frame: ClientFrame): string => JSON.stringify(Schema.encodeSync(ClientFrame)(frame))
