import { Context, Effect, Redacted, Schema } from "effect"
import { type ChannelId, UserId } from "../schema/Ids.js"

/** A LiveKit room joined through `connectVoice`: its channel's call, until its scope closes. */
export interface VoiceRoom {
  /** The voice channel: LiveKit names the room after it. */
  readonly channel: ChannelId
  /** Whether LiveKit still holds the connection (it may drop it: a kick, the room closing). */
  readonly isConnected: Effect.Effect<boolean>
  /** The other participants' user ids (LiveKit identities are user ids). */
  readonly participants: Effect.Effect<ReadonlyArray<UserId>>
  /** Leaves the room; leaving twice does nothing. `connectVoice`'s scope calls it. */
  readonly disconnect: Effect.Effect<void>
  /** LiveKit's own `Room`, for publishing tracks: narrow it with `instanceof Room` from the LiveKit package. */
  readonly native: unknown
}

/** The optional peer dependency, LiveKit's Node SDK (1.x), is not installed or does not load here. */
export class LiveKitPeerMissing extends Schema.TaggedError<LiveKitPeerMissing>()("LiveKitPeerMissing", {
  description: Schema.String
}) {
  override get message(): string {
    return `voice needs the optional peer dependency @livekit/rtc-node 1.x (npm install @livekit/rtc-node): ${this.description}`
  }
}

/** LiveKit refused or could not reach the room (a bad node URL, an expired token: it lives 10 s). */
export class VoiceConnectFailed extends Schema.TaggedError<VoiceConnectFailed>()("VoiceConnectFailed", {
  url: Schema.String,
  description: Schema.String
}) {
  override get message(): string {
    return `LiveKit at ${this.url}: ${this.description}`
  }
}

/** A room made but not yet connected: `connect` joins it with a call's URL and token. */
export interface UnconnectedRoom extends VoiceRoom {
  readonly connect: (url: string, token: Redacted.Redacted<string>) => Effect.Effect<void, VoiceConnectFailed>
}

/** What a `VoiceConnector` does: makes a LiveKit room for a channel, ready to connect. */
export interface VoiceConnectorService {
  readonly makeRoom: (channel: ChannelId) => Effect.Effect<UnconnectedRoom, LiveKitPeerMissing>
}

/** How `connectVoice` reaches LiveKit; tests replace it, the default loads LiveKit's Node SDK when first used. */
export class VoiceConnector extends Context.Reference<VoiceConnector>()("effect-stoat/VoiceConnector", {
  defaultValue: (): VoiceConnectorService => liveKitConnector(() => import(liveKitPackage))
}) {
  /** A connector over a loader of LiveKit's Node SDK (the default imports the installed one). */
  static fromModule(load: () => Promise<unknown>): VoiceConnectorService {
    return liveKitConnector(load)
  }
}

// A variable, so that bundlers leave the optional peer alone and the root entry never names its types.
const liveKitPackage: string = "@livekit/rtc-node"

/** The part of LiveKit's `Room` used here (test/voiceConnector.test.ts checks the real one fits). */
export interface LiveKitRoom {
  connect(url: string, token: string): Promise<void>
  disconnect(): Promise<void>
  readonly isConnected: boolean
  readonly remoteParticipants: ReadonlyMap<string, unknown>
}

const hasRoomClass = (module: unknown): module is { readonly Room: new() => unknown } =>
  typeof module === "object" && module !== null && "Room" in module && typeof module.Room === "function"

const isLiveKitRoom = (room: unknown): room is LiveKitRoom =>
  typeof room === "object" && room !== null &&
  "connect" in room && typeof room.connect === "function" &&
  "disconnect" in room && typeof room.disconnect === "function" &&
  "isConnected" in room && typeof room.isConnected === "boolean" &&
  "remoteParticipants" in room && room.remoteParticipants instanceof Map

const describe = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause))

const withoutSecret = (text: string, secret: string) => (secret === "" ? text : text.replaceAll(secret, "<redacted>"))

const newRoom = (load: () => Promise<unknown>): Effect.Effect<LiveKitRoom, LiveKitPeerMissing> =>
  Effect.tryPromise({ try: load, catch: (cause) => new LiveKitPeerMissing({ description: describe(cause) }) }).pipe(
    Effect.flatMap((module) => {
      const room = hasRoomClass(module) ? new module.Room() : undefined
      return isLiveKitRoom(room)
        ? Effect.succeed(room)
        : Effect.fail(new LiveKitPeerMissing({ description: "the installed package has no LiveKit Room of the 1.x shape" }))
    })
  )

const liveKitConnector = (load: () => Promise<unknown>): VoiceConnectorService => ({
  makeRoom: (channel) =>
    Effect.map(newRoom(load), (room) => ({
      channel,
      connect: (url, token) =>
        Effect.tryPromise({
          try: () => room.connect(url, Redacted.value(token)),
          // LiveKit puts the token in its signalling URL: keep it out of the error.
          catch: (cause) => new VoiceConnectFailed({ url, description: withoutSecret(describe(cause), Redacted.value(token)) })
        }),
      isConnected: Effect.sync(() => room.isConnected),
      participants: Effect.sync(() => Array.from(room.remoteParticipants.keys(), (identity) => UserId.make(identity))),
      disconnect: Effect.promise(() => room.disconnect()).pipe(Effect.catchAllDefect(() => Effect.void)),
      native: room
    }))
})
