import { Schema } from "effect"
import { renamed } from "./Wire.js"

/** A permission override as stored on roles and channels: bits allowed (`a`) and denied (`d`). */
export class PermissionOverride extends Schema.Class<PermissionOverride>("PermissionOverride")({
  allow: renamed(Schema.Number, "a"),
  deny: renamed(Schema.Number, "d")
}) {}
