import { Effect, Schema } from "effect"
import {
  AlreadyConnected,
  CannotJoinCall,
  DatabaseError,
  FailedValidation,
  InternalError,
  InvalidOperation,
  InvalidSession,
  IsBot,
  LiveKitUnavailable,
  MissingPermission,
  NotAVoiceChannel,
  NotConnected,
  NotFound,
  UnknownNode,
  VosoUnavailable
} from "../errors/ApiError.js"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { UserId } from "../schema/Ids.js"
import { StoatClient } from "../services/StoatClient.js"
import { invalid, ulid } from "./input.js"
import { declareWithTarget, type MessageTarget, targetChannelId } from "./messageTarget.js"
import { type UserTarget, userIdOf } from "./users.js"

/** The LiveKit token and node URL to join a call with (`url` is empty on instances without LiveKit). */
export class CallCredentials extends Schema.Class<CallCredentials>("CallCredentials")({
  token: Schema.String,
  url: Schema.String
}) {}

/** Options of `joinCall`. */
export interface JoinCallOptions {
  /** The LiveKit node to start the call on (`GET /` lists them); the channel's node by default. */
  readonly node?: string
  /** Disconnect your other voice connections first (user accounts only). */
  readonly forceDisconnect?: boolean
  /** Users to ring, when you are the first in the call. */
  readonly recipients?: ReadonlyArray<UserTarget>
}

const joinCallRoute = declare(
  AlreadyConnected,
  CannotJoinCall,
  InvalidOperation,
  LiveKitUnavailable,
  NotConnected,
  NotAVoiceChannel,
  UnknownNode,
  VosoUnavailable,
  InvalidSession,
  MissingPermission,
  NotFound,
  DatabaseError,
  InternalError,
  IsBot,
  FailedValidation
)
export const joinCallErrors = declareWithTarget(joinCallRoute)
/** The failures of `joinCall`. */
export type JoinCallError = ErrorOf<typeof joinCallErrors.classes> | ClientError

/** `POST /channels/{id}/join_call`: a token to join the call of a target's channel (needs `Connect`). */
export const joinCall: (
  target: MessageTarget,
  options?: JoinCallOptions
) => Effect.Effect<CallCredentials, JoinCallError, StoatClient> = Effect.fn("Stoat.joinCall")(function*(target, options) {
  const client = yield* StoatClient
  if (options?.node === "") return yield* invalid("node must be a node's name, got an empty string")
  const recipients = options?.recipients === undefined
    ? undefined
    : yield* Effect.forEach(options.recipients, (user, index) => ulid(`recipients[${index}]`, userIdOf(user), UserId.make))
  const channel = yield* targetChannelId(target)
  return yield* client.request(
    {
      method: "POST",
      path: ["channels", channel, "join_call"],
      body: { node: options?.node, force_disconnect: options?.forceDisconnect, recipients }
    },
    CallCredentials,
    joinCallRoute
  )
})
