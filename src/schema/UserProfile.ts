import { Schema } from "effect"
import { File } from "./File.js"
import { optionalOption } from "./Wire.js"

/** A user's profile (`GET /users/{id}/profile`): its text and background, each optional. */
export class UserProfile extends Schema.Class<UserProfile>("UserProfile")({
  content: optionalOption(Schema.String),
  background: optionalOption(File)
}) {}
