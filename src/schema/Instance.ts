import { Schema } from "effect"
import { optionalOption, renamed, withDefault } from "./Wire.js"

/** A service of the instance: whether it runs, and where. */
export class InstanceService extends Schema.Class<InstanceService>("InstanceService")({
  enabled: Schema.Boolean,
  url: Schema.String
}) {}

/** The instance's captcha: whether it is required, and the hCaptcha site key. */
export class CaptchaFeature extends Schema.Class<CaptchaFeature>("CaptchaFeature")({
  enabled: Schema.Boolean,
  key: Schema.String
}) {}

/** A public LiveKit voice node. */
export class VoiceNode extends Schema.Class<VoiceNode>("VoiceNode")({
  name: Schema.String,
  lat: Schema.Number,
  lon: Schema.Number,
  publicUrl: renamed(Schema.String, "public_url")
}) {}

/** The instance's LiveKit voice: whether it runs, and its public nodes. */
export class LiveKitFeature extends Schema.Class<LiveKitFeature>("LiveKitFeature")({
  enabled: Schema.Boolean,
  nodes: withDefault(Schema.Array(VoiceNode), () => [])
}) {}

/** What the instance offers: `autumn` is the file server, `january` the embed proxy. */
export class InstanceFeatures extends Schema.Class<InstanceFeatures>("InstanceFeatures")({
  captcha: optionalOption(CaptchaFeature),
  email: withDefault(Schema.Boolean, () => false),
  inviteOnly: withDefault(Schema.Boolean, () => false, "invite_only"),
  autumn: InstanceService,
  january: optionalOption(InstanceService),
  livekit: optionalOption(LiveKitFeature)
}) {}

/** A Stoat instance's configuration (`GET /`): its version, features, and the URLs of its services. */
export class Instance extends Schema.Class<Instance>("Instance")({
  version: renamed(Schema.String, "revolt"),
  features: InstanceFeatures,
  ws: Schema.String,
  app: Schema.String,
  vapid: Schema.String
}) {}
