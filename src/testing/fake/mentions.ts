/** What the backend's message parser finds in content: mentioned users and roles, `@everyone`, `@online`. */
export interface Mentions {
  readonly users: ReadonlyArray<string>
  readonly roles: ReadonlyArray<string>
  readonly everyone: boolean
  readonly online: boolean
}

type Token =
  | { readonly _tag: "Escape" }
  | { readonly _tag: "Code"; readonly ticks: number }
  | { readonly _tag: "User" | "Role" | "Other"; readonly id: string }
  | { readonly _tag: "Everyone" | "Online" }

const id = "[0-9A-HJKMNP-TV-Z]{26}"
const patterns: ReadonlyArray<readonly [RegExp, (match: string) => Token]> = [
  [/\\/y, () => ({ _tag: "Escape" })],
  [/```[^`\n]*/y, () => ({ _tag: "Code", ticks: 3 })],
  [/``/y, () => ({ _tag: "Code", ticks: 2 })],
  [/`/y, () => ({ _tag: "Code", ticks: 1 })],
  [new RegExp(`<@${id}>`, "y"), (match) => ({ _tag: "User", id: match.slice(2, -1) })],
  [new RegExp(`<%${id}>`, "y"), (match) => ({ _tag: "Role", id: match.slice(2, -1) })],
  [new RegExp(`<#${id}>|:${id}:`, "y"), (match) => ({ _tag: "Other", id: match })],
  [/@everyone/y, () => ({ _tag: "Everyone" })],
  [/@online/y, () => ({ _tag: "Online" })]
]

/** The tokens of `text`, longest match first at each place; text that is no token is skipped. */
const tokenize = (text: string): Array<Token> => {
  const tokens: Array<Token> = []
  let at = 0
  while (at < text.length) {
    let best: { readonly length: number; readonly token: Token } | undefined
    for (const [pattern, make] of patterns) {
      pattern.lastIndex = at
      const match = pattern.exec(text)?.[0]
      if (match !== undefined && (best === undefined || match.length > best.length)) best = { length: match.length, token: make(match) }
    }
    if (best === undefined) at += 1
    else {
      tokens.push(best.token)
      at += best.length
    }
  }
  return tokens
}

const sameCode = (token: Token | undefined, ticks: number) => token?._tag === "Code" && token.ticks === ticks

/**
 * Parses content as the backend's `revolt_parser` does: a backslash drops the next token, wherever
 * it is; tokens between matching backtick markers are dropped, but an unclosed block keeps them.
 */
export const parseMentions = (text: string): Mentions => {
  const tokens = tokenize(text)
  const kept: Array<Token> = []
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]
    if (token === undefined) break
    if (token._tag === "Escape") index += 1
    else if (token._tag === "Code") {
      const close = tokens.findIndex((other, at) => at > index && sameCode(other, token.ticks))
      if (close === -1) {
        kept.push(...tokens.slice(index + 1))
        break
      }
      index = close
    } else kept.push(token)
  }
  const ids = (tag: "User" | "Role") => [...new Set(kept.flatMap((token) => (token._tag === tag ? [token.id] : [])))]
  return {
    users: ids("User"),
    roles: ids("Role"),
    everyone: kept.some((token) => token._tag === "Everyone"),
    online: kept.some((token) => token._tag === "Online")
  }
}
