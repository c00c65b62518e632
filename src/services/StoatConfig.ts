import { Config, ConfigError, Context, Duration, Effect, Layer, Option, Redacted } from "effect"
import { defaultBaseUrl } from "../schema/fileUrls.js"
import { withoutTrailingSlashes } from "../internal/url.js"

/** Which kind of account the token belongs to: it picks the header the token is sent in. */
export type TokenKind = "bot" | "user"

/** How to reach a Stoat instance and as whom. */
export interface StoatConfigOptions {
  readonly token: Redacted.Redacted<string>
  readonly tokenKind?: TokenKind
  readonly baseUrl?: string
  readonly userAgent?: string
  readonly timeout?: Duration.DurationInput
  /** The file server (Autumn) files are served from; when unset, `fileServerUrl` asks `GET /`. */
  readonly fileServerUrl?: string | undefined
}

/** What a layer says of an empty token, which the server would only answer with a 401. */
const blankToken = "the token is empty or only whitespace: give your bot's token (or a user session token with tokenKind \"user\")"

/** The official instance's API (defined beside the URLs built from it, so that schema needs no service). */
export { defaultBaseUrl }

/** The settings of one Stoat connection: token, account kind, API base URL, user agent, timeout. */
export class StoatConfig extends Context.Tag("effect-stoat/StoatConfig")<
  StoatConfig,
  {
    readonly token: Redacted.Redacted<string>
    readonly tokenKind: TokenKind
    readonly baseUrl: string
    readonly userAgent: Option.Option<string>
    readonly timeout: Duration.Duration
    readonly fileServerUrl: Option.Option<string>
  }
>() {
  /** The settings as given; a base URL loses its trailing slashes, the timeout defaults to 30 s. */
  static make(options: StoatConfigOptions): Context.Tag.Service<StoatConfig> {
    return {
      token: options.token,
      tokenKind: options.tokenKind ?? "bot",
      baseUrl: withoutTrailingSlashes(options.baseUrl ?? defaultBaseUrl),
      userAgent: Option.fromNullable(options.userAgent),
      timeout: Duration.decode(options.timeout ?? Duration.seconds(30)),
      fileServerUrl: Option.map(Option.fromNullable(options.fileServerUrl), withoutTrailingSlashes)
    }
  }

  /** A layer of the given settings; it fails with a `ConfigError` at `token` when the token is empty or whitespace. */
  static layer(options: StoatConfigOptions): Layer.Layer<StoatConfig, ConfigError.ConfigError> {
    return Layer.effect(
      StoatConfig,
      Redacted.value(options.token).trim() === ""
        ? Effect.fail(ConfigError.InvalidData(["token"], blankToken))
        : Effect.succeed(StoatConfig.make(options))
    )
  }

  /**
   * A layer reading `STOAT_TOKEN`, `STOAT_TOKEN_KIND` (`bot` or `user`), `STOAT_API_URL` and
   * `STOAT_FILE_SERVER_URL`; a missing, empty or whitespace `STOAT_TOKEN` is a `ConfigError`.
   */
  static layerConfig: Layer.Layer<StoatConfig, ConfigError.ConfigError> = Layer.effect(
    StoatConfig,
    Config.all({
      token: Config.string("STOAT_TOKEN").pipe(
        Config.validate({ message: blankToken, validation: (token) => token.trim() !== "" }),
        Config.map(Redacted.make)
      ),
      tokenKind: Config.literal("bot", "user")("STOAT_TOKEN_KIND").pipe(Config.withDefault("bot" as const)),
      baseUrl: Config.string("STOAT_API_URL").pipe(Config.withDefault(defaultBaseUrl)),
      fileServerUrl: Config.string("STOAT_FILE_SERVER_URL").pipe(Config.withDefault(undefined))
    }).pipe(Config.map(StoatConfig.make))
  )
}
