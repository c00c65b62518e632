import { Either, Option, ParseResult, Predicate, Schema, SchemaAST as AST } from "effect"

/**
 * A decoder compiled from a schema's AST that gives what `ParseResult.decodeUnknownEither` gives
 * for it, success or failure, without the interpreter: every check stays (the schema's own
 * refinements, transformations and literal sets are called or read), only the bookkeeping of
 * errors, `Either`s and intermediate objects goes. Where it cannot follow the schema it hands
 * that node to the Schema decoder. Two simplifications, both held by the property tests
 * (`test/fastDecode.test.ts`): values a property signature transformation produces (renames,
 * `Option`s, defaults) and a transformation's output to a class are not checked again against the
 * type side, which the Schema decoder does and which always passes for values it just decoded.
 */

/** What a compiled decoder returns where the Schema decoder fails. */
const Fail: unique symbol = Symbol.for("effect-stoat/fastDecode/Fail")

type Decode = (input: unknown, options: AST.ParseOptions) => unknown

/** The compiled decoder of a node (compiled once per node). */
type Compile = (ast: AST.AST) => Decode

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

const hasOwn = (value: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(value, key)

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

/** The literal keys a union member is picked by, as the Schema decoder finds them (`ParseResult.getLiterals`). */
const literalsOf = (ast: AST.AST): ReadonlyArray<readonly [PropertyKey, AST.Literal]> => {
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
      return literalsOf(ast.from)
    case "Suspend":
      return literalsOf(ast.f())
    case "Transformation":
      return literalsOf(ast.from)
    default:
      return []
  }
}

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

/** A key absent from the input where the schema allows it. */
const Absent: unique symbol = Symbol.for("effect-stoat/fastDecode/Absent")

interface WireField {
  readonly name: PropertyKey
  readonly optional: boolean
  /** Whether `Object.prototype` has the key: for other keys of a plain object, a defined value is an own one. */
  readonly inherited: boolean
  readonly decode: Decode
}

const wireField = (ps: AST.PropertySignature, go: Compile): WireField => ({
  name: ps.name,
  optional: ps.isOptional,
  inherited: ps.name in Object.prototype,
  decode: go(ps.type)
})

/** A key of a struct read as the Schema decoder reads it: its decoded value, `Absent` or `Fail`. */
const readField = (field: WireField, input: Readonly<Record<PropertyKey, unknown>>, plain: boolean, options: AST.ParseOptions) => {
  const value = input[field.name]
  const present = plain && !field.inherited ? value !== undefined || hasOwn(input, field.name) : hasOwn(input, field.name)
  return !present && field.optional ? Absent : field.decode(value, options)
}

const isPlain = (input: object) => Object.getPrototypeOf(input) === Object.prototype

/** Decodes a struct into `target`, key by key in the order the Schema decoder gives them; false where it fails. */
type Write = (input: unknown, options: AST.ParseOptions, target: Record<PropertyKey, unknown>) => boolean

const typeLiteralWriter = (ast: AST.TypeLiteral, go: Compile): Write | undefined => {
  if (ast.indexSignatures.length > 0 || ast.propertySignatures.length === 0) return undefined
  const fields = ast.propertySignatures.map((ps) => wireField(ps, go))
  return (input, options, target) => {
    if (!Predicate.isRecord(input)) return false
    const plain = isPlain(input)
    for (const field of fields) {
      const value = readField(field, input, plain, options)
      if (value === Fail) return false
      if (value !== Absent) target[field.name] = value
    }
    return true
  }
}

const array = (ast: AST.TupleType, go: Compile): Decode => {
  const [rest] = ast.rest
  if (ast.elements.length > 0 || ast.rest.length !== 1 || rest === undefined) return delegate(ast)
  const item = go(rest.type)
  return (input, options) => {
    if (!Array.isArray(input)) return Fail
    const out: Array<unknown> = []
    for (const value of input) {
      const decoded = item(value, options)
      if (decoded === Fail) return Fail
      out.push(decoded)
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
  const decoders = new Map(ast.types.map((member) => [member, go(member)] as const))
  return (input, options) => {
    const candidates: Array<AST.AST> = []
    if (typeof input === "object" && input !== null) {
      for (const key of keyNames) {
        if (!hasOwn(input, key)) continue
        const bucket = keys[key]?.get(String(Reflect.get(input, key)))
        if (bucket !== undefined) candidates.push(...bucket)
      }
    }
    for (const candidate of candidates.concat(otherwise)) {
      const decoded = decoders.get(candidate)!(input, options)
      if (decoded !== Fail) return decoded
    }
    return Fail
  }
}

/**
 * A struct whose keys are renamed, wrapped or defaulted by property signature transformations,
 * decoded in one pass from the input into `target` (the Schema decoder builds the wire struct,
 * transforms it key by key, then checks the typed struct).
 */
const renamingWriter = (from: AST.TypeLiteral, to: AST.TypeLiteral, transformation: AST.TypeLiteralTransformation, go: Compile): Write | undefined => {
  const psts = transformation.propertySignatureTransformations
  const fromKeys = new Set(psts.map((pst) => pst.from))
  const toKeys = new Set(psts.map((pst) => pst.to))
  const wire = new Map(from.propertySignatures.map((ps) => [ps.name, wireField(ps, go)] as const))
  // Transformations that feed each other or overwrite a wire key are left to the Schema decoder.
  const independent = from.indexSignatures.length === 0 && fromKeys.size === psts.length && toKeys.size === psts.length &&
    psts.every((pst) => pst.to === pst.from || (!fromKeys.has(pst.to) && !wire.has(pst.to)))
  if (!independent) return undefined
  const fields = to.propertySignatures.map((ps) => {
    const pst = psts.find((pst) => pst.to === ps.name)
    const source = pst !== undefined ? pst.from : fromKeys.has(ps.name) ? undefined : ps.name
    return {
      name: ps.name,
      optional: ps.isOptional,
      pst,
      wire: source === undefined ? undefined : wire.get(source),
      decodeMissing: go(ps.type)
    }
  })
  const used = new Set(fields.flatMap((field) => (field.wire === undefined ? [] : [field.wire])))
  const unused = [...wire.values()].filter((field) => !used.has(field))
  return (input, options, target) => {
    if (!Predicate.isRecord(input)) return false
    const plain = isPlain(input)
    for (const field of unused) if (readField(field, input, plain, options) === Fail) return false
    for (const field of fields) {
      const value = field.wire === undefined ? Absent : readField(field.wire, input, plain, options)
      if (value === Fail) return false
      if (field.pst !== undefined) {
        const transformed = field.pst.decode(value === Absent ? Option.none() : Option.some(value))
        if (Option.isSome(transformed)) {
          target[field.name] = transformed.value
          continue
        }
      } else if (value !== Absent) {
        target[field.name] = value
        continue
      }
      if (field.optional) continue
      const missing = field.decodeMissing(undefined, options)
      if (missing === Fail) return false
      target[field.name] = missing
    }
    return true
  }
}

/** The writer of a struct, plain or renaming, if the fast path can follow it. */
const writerOf = (ast: AST.AST, go: Compile): Write | undefined => {
  if (AST.isTypeLiteral(ast)) return typeLiteralWriter(ast, go)
  if (AST.isTransformation(ast) && AST.isTypeLiteralTransformation(ast.transformation) && AST.isTypeLiteral(ast.from) &&
    AST.isTypeLiteral(ast.to)) return renamingWriter(ast.from, ast.to, ast.transformation, go)
  return undefined
}

const struct = (ast: AST.AST, go: Compile): Decode => {
  const write = writerOf(ast, go)
  if (write === undefined) return delegate(ast)
  return (input, options) => {
    const out: Record<PropertyKey, unknown> = {}
    return write(input, options, out) ? out : Fail
  }
}

const transformation = (ast: AST.Transformation, classes: ReadonlyMap<AST.AST, ClassInfo>, go: Compile): Decode => {
  const info = classes.get(ast)
  const final = ast.transformation
  const write = info !== undefined && AST.isFinalTransformation(final) ? writerOf(ast.from, go) : undefined
  if (info !== undefined && write !== undefined) {
    // What `new C(props, true)` does: the decoded props assigned, in order, to an object of C's prototype.
    const whole = delegate(ast)
    return (input, options) => {
      const instance: Record<PropertyKey, unknown> = Object.create(info.prototype)
      if (!write(input, options, instance)) return Fail
      // A constructor default to apply: the class's own constructor does it.
      for (const key of info.defaulted) if (instance[key] === undefined) return whole(input, options)
      return instance
    }
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
      return (input, options) => {
        const decoded = decodeFrom(input, options)
        if (decoded === Fail) return Fail
        const result = final.decode(decoded, options, ast, input)
        // An effectful transformation: the Schema decoder knows what to do with it.
        if (!Either.isEither(result)) return whole(input, options)
        return Either.isLeft(result) ? Fail : decodeTo(result.right, options)
      }
    }
  }
}

const compile = (ast: AST.AST, classes: ReadonlyMap<AST.AST, ClassInfo>, go: Compile): Decode => {
  switch (ast._tag) {
    case "StringKeyword":
      return (input) => (typeof input === "string" ? input : Fail)
    case "NumberKeyword":
      return (input) => (typeof input === "number" ? input : Fail)
    case "BooleanKeyword":
      return (input) => (typeof input === "boolean" ? input : Fail)
    case "UndefinedKeyword":
      return (input) => (input === undefined ? input : Fail)
    case "UnknownKeyword":
    case "AnyKeyword":
      return (input) => input
    case "Literal": {
      const literal = ast.literal
      return (input) => (input === literal ? input : Fail)
    }
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
