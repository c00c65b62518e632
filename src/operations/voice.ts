import { Effect, Option, Redacted, Schema, type Scope } from "effect"
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
import { CallCredentials } from "../schema/CallCredentials.js"
import { UserId } from "../schema/Ids.js"
import { StoatClient } from "../services/StoatClient.js"
import { LiveKitPeerMissing, VoiceConnectFailed, VoiceConnector, type VoiceRoom } from "../services/VoiceConnector.js"
import { type FetchInstanceError, fetchInstance } from "./instance.js"
import { idOf, invalid, ulid } from "../internal/input.js"
import { declareWithTarget, type MessageTarget, targetChannelId } from "./messageTarget.js"
import type { UserTarget } from "./users.js"
import { operation } from "../internal/operation.js"

/** Options of `joinCall`. */
export interface JoinCallOptions {
  /** The LiveKit node to start the call on (`GET /` lists them); the channel's node by default. */
  readonly node?: string
  /** Disconnect your other voice connections first (user accounts only). */
  readonly forceDisconnect?: boolean | undefined
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
/** The errors `joinCall` declares, for decoding its failures. */
export const joinCallErrors = declareWithTarget(joinCallRoute)
/** The failures of `joinCall`. */
export type JoinCallError = ErrorOf<typeof joinCallErrors.classes> | ClientError

/** `POST /channels/{id}/join_call`: a token to join the call of a target's channel (needs `Connect`). */
export const joinCall: (
  target: MessageTarget,
  options?: JoinCallOptions
) => Effect.Effect<CallCredentials, JoinCallError, StoatClient> = operation("Stoat.joinCall")(function*(target, options) {
  const client = yield* StoatClient
  if (options?.node === "") return yield* invalid("node must be a node's name, got an empty string")
  const recipients = options?.recipients === undefined
    ? undefined
    : yield* Effect.forEach(options.recipients, (user, index) => ulid(`recipients[${index}]`, idOf(user), UserId.make))
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

/** The instance offers no voice: `GET /` lists no LiveKit node, or `join_call` gave no LiveKit URL. */
export class VoiceUnavailable extends Schema.TaggedError<VoiceUnavailable>()("VoiceUnavailable", {
  description: Schema.String
}) {
  override get message(): string {
    return `no voice on this instance: ${this.description}`
  }
}

/** Options of `connectVoice`. */
export interface ConnectVoiceOptions {
  /** The node to start a new call on; by default the first node `GET /` lists (a running call keeps its own). */
  readonly node?: string
  /** Disconnect your other voice connections first (user accounts only). */
  readonly forceDisconnect?: boolean
}

/** The errors `connectVoice` declares, for decoding its failures. */
export const connectVoiceErrors = declare(
  ...joinCallErrors.classes,
  VoiceUnavailable,
  LiveKitPeerMissing,
  VoiceConnectFailed
)
/** The failures of `connectVoice`. */
export type ConnectVoiceError = ErrorOf<typeof connectVoiceErrors.classes> | FetchInstanceError

/** The node a new call starts on when none is given: the first the instance lists. */
const defaultNode = Effect.flatMap(fetchInstance(), (instance) => {
  const livekit = Option.filter(instance.features.livekit, (livekit) => livekit.enabled)
  const node = Option.flatMap(livekit, (livekit) => Option.fromNullable(livekit.nodes[0]))
  return Option.match(node, {
    onSome: (node) => Effect.succeed(node.name),
    onNone: () =>
      Effect.fail(new VoiceUnavailable({
        description: Option.isNone(livekit) ? "GET / reports no LiveKit" : "GET / lists no LiveKit node"
      }))
  })
})

/**
 * The seed's `connect`: `joinCall` (naming the node a new call needs), then the LiveKit room of the
 * target's channel through LiveKit's Node SDK (an optional peer), left when the scope closes:
 * success, failure or interruption. An interruption while connecting waits for LiveKit's answer.
 */
export const connectVoice: (
  target: MessageTarget,
  options?: ConnectVoiceOptions
) => Effect.Effect<VoiceRoom, ConnectVoiceError, StoatClient | Scope.Scope> = operation("Stoat.connectVoice")(
  function*(target, options) {
    if (options?.node === "") return yield* invalid("node must be a node's name, got an empty string")
    const channel = yield* targetChannelId(target)
    const node = options?.node ?? (yield* defaultNode)
    // The room (and LiveKit with it) is ready before the token is asked for: the token lives 10 s.
    const room = yield* Effect.flatMap(VoiceConnector, (connector) => connector.makeRoom(channel))
    const call = yield* joinCall(channel, { node, forceDisconnect: options?.forceDisconnect })
    if (call.url === "") return yield* new VoiceUnavailable({ description: "join_call gave no LiveKit URL (a legacy voice server)" })
    yield* Effect.acquireRelease(room.connect(call.url, Redacted.make(call.token)), () => room.disconnect)
    return room
  }
)
