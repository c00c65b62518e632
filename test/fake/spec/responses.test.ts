import { readFileSync } from "node:fs"
import { assert, describe, it } from "@effect/vitest"
import { Effect } from "effect"
import type { FakeRequest, FakeResponse } from "effect-stoat/testing"
import { StoatFake } from "../../../src/testing/fake/StoatFake.js"
import { knownDifferences, typesNewerThanSpec } from "./differences.js"
import { at, problemsOf, templateOf } from "./responses.js"

const message = "01J00000000000000000000MSG"
const channel = "01J00000000000000000000CHN"
const request = (method: string, path: string): FakeRequest => ({ method, path, query: new URLSearchParams(), headers: {}, body: undefined, ip: "127.0.0.1" })
const answer = (status: number, body: unknown): FakeResponse => ({
  status,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body)
})
const fetchMessage = request("GET", `/channels/${channel}/messages/${message}`)
const aMessage = (extra: object) => ({ _id: message, channel, author: "01J00000000000000000000USR", ...extra })

const spec: unknown = JSON.parse(readFileSync(new URL("../../../node_modules/stoat-api/OpenAPI.json", import.meta.url), "utf8"))
const specText = JSON.stringify(spec)

describe("the spec check of the fake's answers", () => {
  it("reads nullable as a union with null, and (?i) patterns case-insensitively", () => {
    assert.deepStrictEqual(problemsOf(fetchMessage, answer(200, aMessage({ content: null }))), [])
    assert.deepStrictEqual(problemsOf(fetchMessage, answer(200, aMessage({ masquerade: { colour: "RED" } }))), [])
    assert.isNotEmpty(problemsOf(fetchMessage, answer(200, aMessage({ masquerade: { colour: "not a colour!" } }))))
  })

  it("finds what is wrong: a missing required key, a wrong type, an undeclared success, an unknown route", () => {
    const member = request("GET", `/servers/${channel}/members/${message}`)
    assert.isNotEmpty(problemsOf(member, answer(200, { _id: { server: channel, user: message } })))
    assert.isNotEmpty(problemsOf(fetchMessage, answer(200, aMessage({ mentions: "everyone" }))))
    assert.isNotEmpty(problemsOf(fetchMessage, answer(201, aMessage({}))))
    assert.isNotEmpty(problemsOf(request("GET", "/nowhere"), answer(200, {})))
  })

  it("leaves alone what is not JSON: HTML pages, images, a body a fault cut in half", () => {
    assert.deepStrictEqual(problemsOf(fetchMessage, { status: 502, headers: { "content-type": "text/html" }, body: "<html></html>" }), [])
    assert.deepStrictEqual(problemsOf(fetchMessage, { status: 200, headers: { "content-type": "application/json" }, body: "{\"_id\":" }), [])
  })

  it("matches literal segments before parameters, and prefers the template that has the method", () => {
    assert.strictEqual(templateOf("/users/@me", "get"), "/users/@me")
    assert.strictEqual(templateOf(`/servers/${channel}/members/${message}`, "patch"), "/servers/{server}/members/{member}")
    assert.strictEqual(templateOf(`/servers/${channel}/members/${message}`, "get"), "/servers/{target}/members/{member}")
  })

  it("each known difference still holds against the spec", () => {
    for (const type of typesNewerThanSpec) assert.notInclude(specText, `"${type}"`, type)
    assert.notInclude(specText, "retry_after")
    assert.notInclude(specText, "\"429\"")
    const fetchServer = at(spec, "components", "schemas", "FetchServerResponse", "anyOf", 1, "properties", "channels", "items", "type")
    assert.strictEqual(fetchServer, "string")
    assert.isUndefined(at(spec, "paths", "/safety/report", "post", "responses", "204"))
    assert.lengthOf(knownDifferences, 5)
  })

  it.effect("every fake of the suite is checked: a made fake answers through the check", () =>
    Effect.gen(function*() {
      assert.isTrue(Object.getOwnPropertySymbols(StoatFake).some((symbol) => symbol.description === "effect-stoat/test/spec-checked"))
    }))
})
