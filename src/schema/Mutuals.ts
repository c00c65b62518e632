import { Schema } from "effect"
import { ChannelId, ServerId, UserId } from "./Ids.js"
import { withDefault } from "./Wire.js"

/** What you share with another user (`GET /users/{id}/mutual`): friends, servers, and groups and DMs. */
export class Mutuals extends Schema.Class<Mutuals>("Mutuals")({
  users: withDefault(Schema.Array(UserId), () => []),
  servers: withDefault(Schema.Array(ServerId), () => []),
  channels: withDefault(Schema.Array(ChannelId), () => [])
}) {}
