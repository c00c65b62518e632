import { Layer, Redacted } from "effect"
import { StoatClient, StoatConfig } from "effect-stoat"
import { type MockHandler, MockHttp } from "effect-stoat/testing"

/** The token every test client sends; no error or log may ever show it. */
export const secretToken = "s3cr3t-T0KEN-never-printed"

export const baseUrl = "https://api.example.test"

/** A StoatClient over a mock HttpClient answering with `handler`. */
export const mockClient = (handler: MockHandler, tokenKind: "bot" | "user" = "user") =>
  StoatClient.layer.pipe(
    Layer.provideMerge(MockHttp.layer(handler)),
    Layer.provide(StoatConfig.layer({ token: Redacted.make(secretToken), tokenKind, baseUrl }))
  )
