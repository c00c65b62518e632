import { Schema } from "effect"

/** The LiveKit token and node URL to join a call with (`url` is empty on instances without LiveKit). */
export class CallCredentials extends Schema.Class<CallCredentials>("CallCredentials")({
  token: Schema.String,
  url: Schema.String
}) {}
