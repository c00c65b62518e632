import { Effect, Option } from "effect"
import type { ClientError } from "../errors/ClientError.js"
import { declare, type ErrorOf } from "../errors/Declared.js"
import { Instance } from "../schema/Instance.js"
import { StoatClient } from "../services/StoatClient.js"
import { withoutTrailingSlashes } from "../internal/url.js"
import { operation } from "../internal/operation.js"

/** The errors `fetchInstance` declares, for decoding its failures. */
export const fetchInstanceErrors = declare()
/** The failures of `fetchInstance`: `GET /` declares no error of its own. */
export type FetchInstanceError = ErrorOf<typeof fetchInstanceErrors.classes> | ClientError

/** `GET /`: the instance's configuration: its version, features and the URLs of its services. */
export const fetchInstance: () => Effect.Effect<Instance, FetchInstanceError, StoatClient> = operation(
  "Stoat.fetchInstance"
)(function*() {
  const client = yield* StoatClient
  return yield* client.request({ method: "GET", path: [] }, Instance, fetchInstanceErrors)
})

/**
 * The file server's URL, for `fileUrl` and the avatar URLs: the client's configured `fileServerUrl`
 * when it has one, else `features.autumn.url` from `GET /`.
 */
export const fileServerUrl: Effect.Effect<string, FetchInstanceError, StoatClient> = Effect.flatMap(
  StoatClient,
  (client) =>
    Option.match(client.config.fileServerUrl, {
      onSome: Effect.succeed,
      onNone: () => Effect.map(fetchInstance(), (instance) => withoutTrailingSlashes(instance.features.autumn.url))
    })
)
