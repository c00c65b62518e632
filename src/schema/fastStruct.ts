import { Function, Option, SchemaAST as AST } from "effect"
import { some } from "./fastValues.js"
import { knownTransform, shortcutOf } from "./knownTransforms.js"

/**
 * The struct and class decoders of the fast path (`fastDecode.ts`), generated once per struct from
 * its AST as straight-line source: every key read and checked in turn, leaf types (strings,
 * numbers, literals, their unions) checked inline, nested nodes called, and the result built in
 * one step with a fixed shape (a class instance by a constructor sharing the class's prototype).
 * Keys enter the source only through `JSON.stringify`; input values never do.
 */

/** What a compiled decoder returns where the Schema decoder fails. */
export const Fail: unique symbol = Symbol.for("effect-stoat/fastDecode/Fail")

/** An output key nothing gave a value (only for optional keys). */
const Absent: unique symbol = Symbol.for("effect-stoat/fastDecode/Absent")

/** A compiled decoder: the decoded value, or `Fail`. */
export type Decode = (input: unknown, options: AST.ParseOptions) => unknown

/** The compiled decoder of a node (compiled once per node). */
export type Compile = (ast: AST.AST) => Decode

/** A class whose instances a struct decoder builds itself, as `new C(props, true)` does. */
export interface ClassTarget {
  readonly prototype: object
  /** Fields with a constructor default: where one decodes to `undefined`, `whole` (the Schema decoder) decodes the input. */
  readonly defaulted: ReadonlyArray<string>
  readonly whole: Decode
}

/** The source being generated: its constants are passed in, named `c0`, `c1`, ... */
class Source {
  readonly constants: Array<unknown> = []
  /** Whether the source reads `plain` (whether the input's prototype is `Object.prototype`). */
  usesPlain = false
  constant(value: unknown): string {
    return `c${this.constants.push(value) - 1}`
  }
  /** A variable kept between calls, named `s0`, `s1`, ... */
  variable(): string {
    return `s${this.variables++}`
  }
  variables = 0
  /** A property key as source: a string literal, or a constant for symbols. */
  key(key: PropertyKey): string {
    return typeof key === "string" ? JSON.stringify(key) : this.constant(key)
  }
}

/** How many literals a union checks with `===` before it asks a `Set`. */
const inlineLiterals = 6

const inlineLiteral = (literal: AST.LiteralValue): boolean =>
  literal === null || typeof literal === "string" || typeof literal === "boolean" || (typeof literal === "number" && Number.isFinite(literal))

/**
 * An inline check of the variable `v` for a node that decodes a value to itself (primitives,
 * literals, their unions and refinements), or `undefined` for nodes that must be called.
 */
const checkOf = (ast: AST.AST, source: Source): ((v: string) => string) | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return (v) => `typeof ${v} === "string"`
    case "NumberKeyword":
      return (v) => `typeof ${v} === "number"`
    case "BooleanKeyword":
      return (v) => `typeof ${v} === "boolean"`
    case "UndefinedKeyword":
      return (v) => `${v} === undefined`
    case "UnknownKeyword":
    case "AnyKeyword":
      return () => "true"
    case "Literal":
      return inlineLiteral(ast.literal) ? (v) => `${v} === ${JSON.stringify(ast.literal)}` : undefined
    case "Refinement": {
      const from = checkOf(ast.from, source)
      if (from === undefined) return undefined
      const refinement = source.constant(ast)
      return (v) => `(${from(v)} && ${refinement}.filter(${v}, options, ${refinement})._tag === "None")`
    }
    case "Union": {
      // Every member decodes to its input, so the order in which they are tried does not matter.
      const isInline = (member: AST.AST): member is AST.Literal => AST.isLiteral(member) && inlineLiteral(member.literal)
      const literals = ast.types.filter(isInline).map((member) => member.literal)
      const others = ast.types.filter((member) => !isInline(member)).map((member) => checkOf(member, source))
      const checks = others.flatMap((check) => (check === undefined ? [] : [check]))
      if (checks.length < others.length) return undefined
      if (literals.length > inlineLiterals) {
        const set = source.constant(new Set(literals))
        checks.push((v) => `${set}.has(${v})`)
      } else {
        checks.push(...literals.map((literal) => (v: string) => `${v} === ${JSON.stringify(literal)}`))
      }
      return (v) => `(${checks.map((check) => check(v)).join(" || ")})`
    }
    default:
      return undefined
  }
}

/** Source of an expression decoding the variable `v` by `ast`: the decoded value or `Fail`. Uses the variable `t`. */
const expressionOf = (ast: AST.AST, v: string, source: Source, go: Compile): string => {
  const check = checkOf(ast, source)
  if (check !== undefined) return `(${check(v)} ? ${v} : Fail)`
  // A transformation with a shortcut: the shortcut where it gives a value, else the transformation's decoder.
  const shortcut = AST.isTransformation(ast) && AST.isFinalTransformation(ast.transformation) ? shortcutOf(ast.transformation.decode) : undefined
  if (AST.isTransformation(ast) && shortcut !== undefined) {
    return `((t = ${expressionOf(ast.from, v, source, go)}) !== Fail && (t = ${source.constant(shortcut)}(t)) !== undefined ? t : ` +
      `${source.constant(go(ast))}(${v}, options))`
  }
  // A union without literal keys (those are `go`'s) is tried member by member, in order.
  if (AST.isUnion(ast) && ast.types.every((member) => literalsOf(member).length === 0)) {
    return ast.types.reduceRight((rest, member) => {
      const memberCheck = checkOf(member, source)
      return memberCheck !== undefined ?
        `(${memberCheck(v)} ? ${v} : ${rest})` :
        `((t = ${source.constant(go(member))}(${v}, options)) !== Fail ? t : ${rest})`
    }, "Fail")
  }
  return `${source.constant(go(ast))}(${v}, options)`
}

/** The literal keys a union member is picked by, as the Schema decoder finds them (`ParseResult.getLiterals`). */
export const literalsOf = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> => {
  switch (ast._tag) {
    case "Declaration":
      return Option.match(AST.getSurrogateAnnotation(ast), { onNone: () => [], onSome: literalsOf })
    case "TypeLiteral":
      return ast.propertySignatures.flatMap((ps) => {
        const type = AST.encodedAST(ps.type)
        return AST.isLiteral(type) && !ps.isOptional ? [[ps.name, type] as const] : []
      })
    case "TupleType":
      return ast.elements.flatMap((element, index) => {
        const type = AST.encodedAST(element.type)
        return AST.isLiteral(type) && !element.isOptional ? [[index, type] as const] : []
      })
    case "Refinement":
    case "Transformation":
      return literalsOf(ast.from)
    case "Suspend":
      return literalsOf(ast.f())
    default:
      return []
  }
}

/** A key read from the input as the Schema decoder reads it. */
interface WireField {
  readonly name: PropertyKey
  readonly optional: boolean
  readonly type: AST.AST
}

/** A key of the output, from a wire key (or none) through a property signature transformation (or none). */
interface OutputField {
  readonly name: PropertyKey
  readonly optional: boolean
  readonly wire: WireField | undefined
  readonly transformation: AST.PropertySignatureTransformation | undefined
  /** The output's type, which decodes `undefined` for a required key nothing gave a value. */
  readonly type: AST.AST
}

/** Source reading the wire field into `v` and deciding `absent` as the Schema decoder does (absent only counts for optional keys). */
const readSource = (field: WireField, source: Source): { readonly read: string; readonly absent: string } => {
  const key = source.key(field.name)
  const own = `hasOwn(input, ${key})`
  const inherited = field.name in Object.prototype
  if (field.optional && !inherited) source.usesPlain = true
  return {
    read: `const v = input[${key}]`,
    // For other keys than Object.prototype's, a plain object's defined value is an own one.
    absent: !field.optional ? "false" : inherited ? `!${own}` : `(plain ? v === undefined && !${own} : !${own})`
  }
}

/** Source assigning the output field's value to `name` (or `Absent`), returning `Fail` where decoding fails. */
const fieldSource = (field: OutputField, name: string, source: Source, go: Compile): { readonly code: string; readonly mayBeAbsent: boolean } => {
  const missing = field.optional ? "Absent" : `${source.constant(go(field.type))}(undefined, options)`
  const known = field.transformation === undefined || field.transformation.decode === Function.identity ?
    { _tag: "Copy" as const } :
    knownTransform(field.transformation.decode)
  const present = (d: string) => {
    switch (known?._tag) {
      case "Copy":
        return d
      case "Option":
        return `${d} == null ? none : some(${d})`
      case "Default":
        return `${d} == null ? ${source.constant(known.fallback)}() : ${d}`
      case undefined:
        return `(t = ${source.constant(field.transformation)}.decode(some(${d})))._tag === "Some" ? t.value : ${missing}`
    }
  }
  const whenAbsent = known?._tag === "Option" ?
    "none" :
    known?._tag === "Default" ?
    `${source.constant(known.fallback)}()` :
    known?._tag === "Copy" ?
    missing :
    `(t = ${source.constant(field.transformation)}.decode(none))._tag === "Some" ? t.value : ${missing}`
  const mayBeAbsent = field.optional && (known === undefined || known._tag === "Copy")
  // A key nothing gave a value may fail: its type may reject `undefined`, an unknown transformation may give none.
  const absentMayFail = known === undefined || (known._tag === "Copy" && !field.optional)
  const failing = absentMayFail ? ` if (${name} === Fail) return Fail` : ""
  if (field.wire === undefined) return { code: `let ${name} = ${whenAbsent};${failing}`, mayBeAbsent }
  const { absent, read } = readSource(field.wire, source)
  // A string equal to the one this key held last time is kept once (JSON.parse makes a copy per occurrence, as of the server id of every member).
  const last = checkOf(field.wire.type, new Source()) === undefined ? undefined : source.variable()
  const shared = last === undefined ? "" : ` if (typeof d === "string") { if (d === ${last}) d = ${last}; else ${last} = d }`
  const decode = `let d = ${expressionOf(field.wire.type, "v", source, go)}; if (d === Fail) return Fail;${shared} ${name} = ${present("d")}`
  return {
    code: absent === "false" ?
      `let ${name}; { ${read}; ${decode} }` :
      `let ${name}; { ${read}; if (${absent}) ${name} = ${whenAbsent}; else { ${decode} } }${failing}`,
    mayBeAbsent
  }
}

const wireFieldOf = (ps: AST.PropertySignature): WireField => ({ name: ps.name, optional: ps.isOptional, type: ps.type })

/** The output fields of a struct, plain or renaming, and the wire keys no output field reads (checked all the same). */
const fieldsOf = (ast: AST.AST): { readonly output: ReadonlyArray<OutputField>; readonly unused: ReadonlyArray<WireField> } | undefined => {
  if (AST.isTypeLiteral(ast)) {
    if (ast.indexSignatures.length > 0 || ast.propertySignatures.length === 0) return undefined
    return {
      output: ast.propertySignatures.map((ps) => ({ ...wireFieldOf(ps), wire: wireFieldOf(ps), transformation: undefined })),
      unused: []
    }
  }
  if (!(AST.isTransformation(ast) && AST.isTypeLiteralTransformation(ast.transformation) && AST.isTypeLiteral(ast.from) && AST.isTypeLiteral(ast.to))) {
    return undefined
  }
  const psts = ast.transformation.propertySignatureTransformations
  const fromKeys = new Set(psts.map((pst) => pst.from))
  const toKeys = new Set(psts.map((pst) => pst.to))
  const wire = new Map(ast.from.propertySignatures.map((ps) => [ps.name, wireFieldOf(ps)] as const))
  // Transformations that feed each other or overwrite a wire key are left to the Schema decoder.
  const independent = ast.from.indexSignatures.length === 0 && fromKeys.size === psts.length && toKeys.size === psts.length &&
    psts.every((pst) => pst.to === pst.from || (!fromKeys.has(pst.to) && !wire.has(pst.to)))
  if (!independent) return undefined
  const output = ast.to.propertySignatures.map((ps): OutputField => {
    const transformation = psts.find((pst) => pst.to === ps.name)
    const from = transformation !== undefined ? transformation.from : fromKeys.has(ps.name) ? undefined : ps.name
    return { name: ps.name, optional: ps.isOptional, type: ps.type, transformation, wire: from === undefined ? undefined : wire.get(from) }
  })
  const used = new Set(output.map((field) => field.wire))
  return { output, unused: [...wire.values()].filter((field) => !used.has(field)) }
}

/**
 * The decoder of a struct (a type literal, or one renamed, wrapped and defaulted by property signature
 * transformations), building a plain object or, given `target`, the class's instance; `undefined` where
 * the fast path cannot follow it.
 */
export const structDecoder = (ast: AST.AST, go: Compile, target?: ClassTarget): Decode | undefined => {
  const fields = fieldsOf(ast)
  if (fields === undefined) return undefined
  const source = new Source()
  const names = fields.output.map((_, index) => `f${index}`)
  const body = fields.output.map((field, index) => fieldSource(field, names[index]!, source, go))
  const checks = fields.unused.map((field) => {
    const { absent, read } = readSource(field, source)
    return `{ ${read}; if (${absent === "false" ? "" : `!${absent} && `}${expressionOf(field.type, "v", source, go)} === Fail) return Fail }`
  })
  const keys = fields.output.map((field) => source.key(field.name))
  const fixed = body.every((field) => !field.mayBeAbsent) && fields.output.every((field) => field.name !== "__proto__")
  let build: string
  let prelude = ""
  if (target !== undefined && fixed) {
    // A constructor assigning every field in one order: one hidden class, fields in the object.
    prelude = `function Instance(${names.join(", ")}) { ${keys.map((key, index) => `this[${key}] = ${names[index]};`).join(" ")} }\n` +
      `Instance.prototype = ${source.constant(target.prototype)}\n`
    // The first instance is kept: V8 drops a hidden class no live object has (and the code compiled for it) at a full GC.
    prelude += "let first\n"
    build = `const o = new Instance(${names.join(", ")})\n  if (first === undefined) first = o\n  return o`
  } else if (fixed) {
    build = `return { ${keys.map((key, index) => (key.startsWith("\"") ? `${key}: ${names[index]}` : `[${key}]: ${names[index]}`)).join(", ")} }`
  } else {
    const assignments = keys.map((key, index) =>
      body[index]!.mayBeAbsent ? `if (${names[index]} !== Absent) o[${key}] = ${names[index]}` : `o[${key}] = ${names[index]}`
    )
    const empty = target === undefined ? "{}" : `Object.create(${source.constant(target.prototype)})`
    build = [`const o = ${empty}`, ...assignments, "return o"].join("\n  ")
  }
  const defaults = target === undefined ? [] : target.defaulted.flatMap((key) => {
    const index = fields.output.findIndex((field) => field.name === key)
    return index === -1 ? [] : [`if (${names[index]} === undefined) return ${source.constant(target.whole)}(input, options)`]
  })
  return generate(source, `${prelude}return function decodeStruct(input, options) {
  if (typeof input !== "object" || input === null || isArray(input)) return Fail
  ${source.usesPlain ? "const plain = getPrototypeOf(input) === objectPrototype" : ""}
  let t
  ${[...checks, ...body.map((field) => field.code), ...defaults, build].join("\n  ")}
}`)
}

/** The decoder of a node checked inline (primitives, literals, their unions and refinements); `undefined` for other nodes. */
export const checkDecoder = (ast: AST.AST): Decode | undefined => {
  const source = new Source()
  const check = checkOf(ast, source)
  return check === undefined ? undefined : generate(source, `return function decodeCheck(v, options) { return ${check("v")} ? v : Fail }`)
}

/** The decoder `body` returns, given the shared values and `source`'s constants; `undefined` where code generation is disallowed. */
const generate = (source: Source, body: string): Decode | undefined => {
  const text = `"use strict"
const [Fail, Absent, none, some, hasOwn, isArray, getPrototypeOf, objectPrototype] = shared
${source.constants.map((_, index) => `const c${index} = constants[${index}]`).join("\n")}
${Array.from({ length: source.variables }, (_, index) => `let s${index}`).join("\n")}
${body}`
  const shared = [Fail, Absent, Option.none(), some, Object.hasOwn, Array.isArray, Object.getPrototypeOf, Object.prototype]
  try {
    // The source above is a Decode over the given constants (a function of `input` and `options`).
    const make = new globalThis.Function("shared", "constants", text) as (shared: ReadonlyArray<unknown>, constants: ReadonlyArray<unknown>) => Decode
    return make(shared, source.constants)
  } catch {
    // `node --disallow-code-generation-from-strings` and the like: the Schema decoder does it all.
    return undefined
  }
}
