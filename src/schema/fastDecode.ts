import { Either, Option, ParseResult, Predicate, Schema, SchemaAST as AST } from "effect"
import { checkDecoder, type ClassTarget, type Compile, type Decode, Fail, literalsOf, structDecoder } from "./fastStruct.js"
import { shortcutOf } from "./knownTransforms.js"

/**
 * A decoder compiled from a schema's AST that gives what `ParseResult.decodeUnknownEither` gives
 * for it, success or failure, without the interpreter: every check stays (the schema's own
 * refinements, transformations and literal sets are called or read), only the bookkeeping of
 * errors, `Either`s and intermediate objects goes. Structs and classes are generated as source
 * (`fastStruct.ts`); transformations made in this library are known by their decode function
 * (`knownTransforms.ts`). Where it cannot follow the schema it hands that node to the Schema
 * decoder. Two simplifications, both held by the property tests (`test/fastDecode.test.ts`): values
 * a property signature transformation or a shortcut produces (renames, `Option`s, defaults,
 * timestamps, `Data` arrays) and a transformation's output to a class are not checked again against
 * the type side, which the Schema decoder does and which always passes for values it just decoded.
 */

/** A `Schema.Class` whose instances the fast path builds itself, as its constructor would. */
export interface FastClass {
  readonly ast: AST.AST
  readonly prototype: object
  readonly fields: Readonly<Record<string, unknown>>
}

interface ClassInfo {
  readonly prototype: object
  /** Fields with a constructor default: the constructor fills them in when they are `undefined`. */
  readonly defaulted: ReadonlyArray<string>
}

/** Whether a field's property signature has a constructor default (what `Schema.Class`'s constructor applies). */
const hasConstructorDefault = (field: unknown): boolean => {
  if (!Schema.isPropertySignature(field)) return false
  const ast = field.ast
  return (ast._tag === "PropertySignatureDeclaration" ? ast.defaultValue : ast.to.defaultValue) !== undefined
}

const classInfo = (klass: FastClass): ClassInfo => ({
  prototype: klass.prototype,
  defaulted: Object.keys(klass.fields).filter((key) => hasConstructorDefault(klass.fields[key]))
})

/** The Schema decoder's order of trying a union's members: by literal keys first, then the others (`getSearchTree`). */
const searchTree = (members: ReadonlyArray<AST.AST>) => {
  const keys: Record<PropertyKey, Map<string, Array<AST.AST>>> = {}
  const otherwise: Array<AST.AST> = []
  for (const member of members) {
    const tags = literalsOf(member)
    if (tags.length === 0) {
      otherwise.push(member)
      continue
    }
    for (let j = 0; j < tags.length; j++) {
      const [key, literal] = tags[j]!
      const hash = String(literal.literal)
      const buckets = keys[key] ?? new Map<string, Array<AST.AST>>()
      keys[key] = buckets
      const bucket = buckets.get(hash)
      if (bucket === undefined) {
        buckets.set(hash, [member])
        break
      }
      if (j < tags.length - 1) continue
      bucket.push(member)
    }
  }
  return { keys, otherwise }
}

const delegate = (ast: AST.AST): Decode => {
  const parse = ParseResult.decodeUnknownEither(Schema.make(ast))
  return (input, options) => Either.getOrElse(parse(input, options), (): unknown => Fail)
}

/**
 * An array, item by item; an item the fast path does not decode is asked of the Schema decoder alone
 * (what it gives for the item is what it gives within the array), so one odd entry costs one entry.
 */
const array = (ast: AST.TupleType, go: Compile): Decode => {
  const [rest] = ast.rest
  if (ast.elements.length > 0 || ast.rest.length !== 1 || rest === undefined) return delegate(ast)
  const item = go(rest.type)
  const slowItem = ParseResult.decodeUnknownEither(Schema.make(rest.type))
  return (input, options) => {
    if (!Array.isArray(input)) return Fail
    // Short arrays sized at once (longer ones grow: V8 keeps a long preallocated array as a dictionary).
    const out: Array<unknown> = input.length <= 1024 ? new Array(input.length) : []
    for (let index = 0; index < input.length; index++) {
      const value: unknown = input[index]
      let decoded = item(value, options)
      if (decoded === Fail) {
        const slow = slowItem(value, options)
        if (Either.isLeft(slow)) return Fail
        decoded = slow.right
      }
      out[index] = decoded
    }
    return out
  }
}

/** Whether `===` and a `Set` agree on the literal (not so for `NaN`). */
const isSetLiteral = (literal: AST.LiteralValue) => typeof literal !== "number" || !Number.isNaN(literal)

/** Tries `members` in order, the first success wins; a run of literals is one set lookup. */
const firstOf = (members: ReadonlyArray<AST.AST>, go: Compile): Decode => {
  const steps: Array<Decode> = []
  let run: Set<unknown> | undefined
  for (const member of members) {
    if (AST.isLiteral(member) && isSetLiteral(member.literal)) {
      if (run === undefined) {
        const literals = new Set<unknown>()
        steps.push((input) => (literals.has(input) ? input : Fail))
        run = literals
      }
      run.add(member.literal)
    } else {
      run = undefined
      steps.push(go(member))
    }
  }
  const [only] = steps
  if (steps.length === 1 && only !== undefined) return only
  return (input, options) => {
    for (const step of steps) {
      const decoded = step(input, options)
      if (decoded !== Fail) return decoded
    }
    return Fail
  }
}

const union = (ast: AST.Union, go: Compile): Decode => {
  const { keys, otherwise } = searchTree(ast.types)
  const keyNames = Reflect.ownKeys(keys)
  if (keyNames.length === 0) return firstOf(otherwise, go)
  const otherDecoders = otherwise.map(go)
  const firstSuccess = (decoders: ReadonlyArray<Decode>, input: unknown, options: AST.ParseOptions) => {
    for (const decode of decoders) {
      const decoded = decode(input, options)
      if (decoded !== Fail) return decoded
    }
    return Fail
  }
  const [key] = keyNames
  if (keyNames.length === 1 && key !== undefined) {
    // One literal key (a tagged union): the members to try, by the key's value, worked out once.
    const byValue = new Map([...(keys[key] ?? new Map<string, Array<AST.AST>>())].map(([value, bucket]) => [value, [...bucket.map(go), ...otherDecoders]] as const))
    return (input, options) => {
      const decoders = typeof input === "object" && input !== null && Object.hasOwn(input, key) ?
        byValue.get(String(Reflect.get(input, key))) :
        undefined
      return firstSuccess(decoders ?? otherDecoders, input, options)
    }
  }
  return (input, options) => {
    const candidates: Array<AST.AST> = []
    if (typeof input === "object" && input !== null) {
      for (const name of keyNames) {
        if (!Object.hasOwn(input, name)) continue
        const bucket = keys[name]?.get(String(Reflect.get(input, name)))
        if (bucket !== undefined) candidates.push(...bucket)
      }
    }
    return firstSuccess([...candidates.map(go), ...otherDecoders], input, options)
  }
}

/** A struct's decoder, generated (`fastStruct.ts`), or the Schema decoder where it cannot follow the struct. */
const struct = (ast: AST.AST, go: Compile): Decode => structDecoder(ast, go) ?? delegate(ast)

const transformation = (ast: AST.Transformation, classes: ReadonlyMap<AST.AST, ClassInfo>, go: Compile): Decode => {
  const info = classes.get(ast)
  const final = ast.transformation
  if (info !== undefined && AST.isFinalTransformation(final)) {
    // What `new C(props, true)` does: the decoded props assigned, in order, to an object of C's prototype.
    const target: ClassTarget = { ...info, whole: delegate(ast) }
    const decode = structDecoder(ast.from, go, target)
    if (decode !== undefined) return decode
  }
  switch (final._tag) {
    case "TypeLiteralTransformation":
      return struct(ast, go)
    case "ComposeTransformation": {
      const decodeFrom = go(ast.from)
      const decodeTo = go(ast.to)
      return (input, options) => {
        const decoded = decodeFrom(input, options)
        return decoded === Fail ? Fail : decodeTo(decoded, options)
      }
    }
    case "FinalTransformation": {
      const decodeFrom = go(ast.from)
      const decodeTo = go(ast.to)
      const whole = delegate(ast)
      const shortcut = shortcutOf(final.decode)
      return (input, options) => {
        const decoded = decodeFrom(input, options)
        if (decoded === Fail) return Fail
        const quick = shortcut?.(decoded)
        if (quick !== undefined) return quick
        const result = final.decode(decoded, options, ast, input)
        // An effectful transformation: the Schema decoder knows what to do with it.
        if (!Either.isEither(result)) return whole(input, options)
        return Either.isLeft(result) ? Fail : decodeTo(result.right, options)
      }
    }
  }
}

const compile = (ast: AST.AST, classes: ReadonlyMap<AST.AST, ClassInfo>, go: Compile): Decode => {
  // Primitives, literals, their unions and refinements: one generated check.
  const check = checkDecoder(ast)
  if (check !== undefined) return check
  switch (ast._tag) {
    case "Refinement": {
      const decodeFrom = go(ast.from)
      return (input, options) => {
        const decoded = decodeFrom(input, options)
        return decoded === Fail || Option.isSome(ast.filter(decoded, options, ast)) ? Fail : decoded
      }
    }
    case "TypeLiteral":
      return ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0 ?
        (input) => (Predicate.isNotNullable(input) ? input : Fail) :
        struct(ast, go)
    case "Declaration": {
      // What the Schema decoder does with a declaration: call its own decoder.
      const parse = ast.decodeUnknown(...ast.typeParameters)
      const whole = delegate(ast)
      return (input, options) => {
        const result = parse(input, options, ast)
        if (!Either.isEither(result)) return whole(input, options)
        return Either.isRight(result) ? result.right : Fail
      }
    }
    case "TupleType":
      return array(ast, go)
    case "Union":
      return union(ast, go)
    case "Transformation":
      return transformation(ast, classes, go)
    default:
      return delegate(ast)
  }
}

/** A compiler of decoders that builds the instances of `classes` itself. */
const compiler = (classes: ReadonlyMap<AST.AST, ClassInfo>): Compile => {
  const compiled = new WeakMap<AST.AST, Decode>()
  const go = (ast: AST.AST): Decode => {
    let decode = compiled.get(ast)
    if (decode === undefined) {
      // Recursive schemas reach themselves through a `Suspend`, which is delegated: no cycle here.
      decode = compile(ast, classes, go)
      compiled.set(ast, decode)
    }
    return decode
  }
  return go
}

/** Options under which the Schema decoder's output may differ from the default: those go to it. */
const isDefault = (options: AST.ParseOptions) =>
  options.exact !== true && options.propertyOrder !== "original" &&
  (options.onExcessProperty === undefined || options.onExcessProperty === "ignore")

/**
 * `schema`, decoding by the compiled fast path: the same values (classes, prototypes, own keys,
 * `Equal`ity) and the same failures, whose errors are the Schema decoder's own, asked again when
 * the fast path fails. `classes` are the `Schema.Class`es (not tagged ones) whose instances the fast
 * path builds itself; others are built by their schema. Encoding is `schema`'s.
 */
export const withFastDecode = <A, I>(schema: Schema.Schema<A, I>, classes: ReadonlyArray<FastClass> = []): Schema.Schema<A, I> => {
  const go = compiler(new Map(classes.filter((klass) => !Predicate.hasProperty(klass, "_tag")).map((klass) => [klass.ast, classInfo(klass)])))
  return Schema.declare([schema], {
    decode: (item) => {
      const decode = go(item.ast)
      const slow = ParseResult.decodeUnknown(item)
      return (input, options) => {
        if (!isDefault(options)) return slow(input, options)
        const decoded = decode(input, options)
        // The fast path decodes what `item` decodes (test/fastDecode.test.ts): this is the value `slow` would give.
        return decoded === Fail ? slow(input, options) : ParseResult.succeed(decoded as A)
      }
    },
    encode: (item) => ParseResult.encodeUnknown(item)
  }, {
    title: String(schema.ast),
    arbitrary: (item) => item,
    equivalence: (item) => item,
    pretty: (item) => item
  })
}
