/// Calling functions and builtins: argument binding, the recursion bound, and errors
/// located at the call.
enum Calls {
  /// A named argument as evaluated: label, value, where the label is (when called from code).
  typealias Named = (String, Value, SourcePos?)

  static func call(
    _ callee: Value, positional: [Value], positionalPos: [SourcePos] = [], named: [Named],
    runtime: Runtime, at pos: SourcePos?
  ) throws -> Value {
    switch callee {
    case .function(let function):
      return try callFunction(function, positional: positional, named: named, runtime: runtime, at: pos)
    case .builtin(let builtin):
      return try callBuiltin(builtin, positional: positional, positionalPos: positionalPos, named: named, runtime: runtime, at: pos)
    default:
      throw Diagnostic("cannot call a \(callee.typeName)", at: pos)
    }
  }

  static func argumentCount(_ n: Int) -> String { n == 1 ? "1 argument" : "\(n) arguments" }

  static func callFunction(_ function: Function, positional: [Value], named: [Named], runtime: Runtime, at pos: SourcePos?) throws -> Value {
    let code = function.code
    let parameterCount = code.parameterNames.count
    guard positional.count <= parameterCount else {
      throw Diagnostic(
        "\(code.name)() takes \(argumentCount(parameterCount)) but \(positional.count) \(positional.count == 1 ? "was" : "were") given",
        at: pos)
    }
    runtime.depth += 1
    defer { runtime.depth -= 1 }
    if runtime.depth > Limits.maximumCallDepth {
      throw Diagnostic("recursion deeper than \(Limits.maximumCallDepth) calls", at: pos)
    }
    if let pos { try runtime.tick(at: pos) } else { try runtime.poll(at: nil) }
    let frame = Frame.make(count: code.slotCount, parent: function.captured, runtime: runtime)
    try bindArguments(function, positional: positional, named: named, into: frame.slots, at: pos)
    if case .returned = try code.body.run(frame) { return frame.returnValue }
    return .none
  }

  /// Puts positional, named and default arguments into the parameter slots of a new frame.
  private static func bindArguments(
    _ function: Function, positional: [Value], named: [Named], into slots: UnsafeMutablePointer<Value?>, at pos: SourcePos?
  ) throws {
    let code = function.code
    for (index, value) in positional.enumerated() { slots[index] = value }
    for (label, value, labelPos) in named {
      guard let index = code.parameterNames.firstIndex(of: label) else {
        throw Diagnostic(
          "\(code.name)(): no argument '\(label)'\(Suggestion.hint(for: label, among: code.parameterNames))", at: labelPos ?? pos)
      }
      if case .some = slots[index] {
        throw Diagnostic("\(code.name)(): argument '\(label)' given twice", at: labelPos ?? pos)
      }
      slots[index] = value
    }
    for index in 0..<code.parameterNames.count {
      if case nil = slots[index] {
        guard let value = function.defaults[index] else {
          throw Diagnostic("\(code.name)(): missing argument '\(code.parameterNames[index])'", at: pos)
        }
        slots[index] = value
      }
    }
  }

  static func callBuiltin(
    _ builtin: Builtin, positional: [Value], positionalPos: [SourcePos], named: [Named], runtime: Runtime, at pos: SourcePos?
  ) throws -> Value {
    let arguments = try bind(builtin, positional: positional, positionalPos: positionalPos, named: named, at: pos)
    do {
      return try builtin.body(arguments, runtime.context)
    } catch var error as Diagnostic {
      if error.pos == nil { error.pos = pos }
      throw error
    } catch let error as LabError {
      throw Diagnostic(error.message, at: pos, notes: error.notes)
    } catch {
      throw Diagnostic(Builtin.message(of: error), at: pos)
    }
  }

  /// Matches arguments to parameters: required parameters take positional arguments first,
  /// then the variadic parameter takes the rest (or optional parameters do, in order).
  static func bind(
    _ builtin: Builtin, positional: [Value], positionalPos: [SourcePos], named: [Named], at pos: SourcePos?
  ) throws -> Arguments {
    let parameters = builtin.parameters
    var values = parameters.map { $0.defaultValue ?? .none }
    var given = [Bool](repeating: false, count: parameters.count)
    var rest: [Value] = []
    let requiredCount = parameters.prefix { $0.isRequired }.count
    func where_(_ index: Int) -> SourcePos? { index < positionalPos.count ? positionalPos[index] : pos }

    if builtin.variadic == nil && positional.count > parameters.count {
      let takes = parameters.count
      throw Diagnostic(
        "\(builtin.name)() takes \(argumentCount(takes)) but \(positional.count) \(positional.count == 1 ? "was" : "were") given",
        at: where_(takes))
    }
    for (index, value) in positional.enumerated() {
      let slot: Int?
      if index < requiredCount {
        slot = index
      } else if builtin.variadic != nil {
        slot = nil
      } else {
        slot = index
      }
      if let slot {
        try check(builtin, parameters[slot], value, at: where_(index))
        values[slot] = value
        given[slot] = true
      } else if let variadic = builtin.variadic {
        try check(builtin, variadic, value, at: where_(index))
        rest.append(value)
      }
    }
    for (label, value, labelPos) in named {
      guard let slot = parameters.firstIndex(where: { $0.name == label }) else {
        throw Diagnostic(
          "\(builtin.name)(): no argument '\(label)'\(Suggestion.hint(for: label, among: parameters.map(\.name)))", at: labelPos ?? pos)
      }
      if given[slot] { throw Diagnostic("\(builtin.name)(): argument '\(label)' given twice", at: labelPos ?? pos) }
      try check(builtin, parameters[slot], value, at: labelPos ?? pos)
      values[slot] = value
      given[slot] = true
    }
    for (slot, parameter) in parameters.enumerated() where parameter.isRequired && !given[slot] {
      throw Diagnostic("\(builtin.name)(): missing argument '\(parameter.name)'", at: pos)
    }
    return Arguments(function: builtin.name, parameters: parameters, values: values, given: given, rest: rest)
  }

  private static func check(_ builtin: Builtin, _ parameter: Parameter, _ value: Value, at pos: SourcePos?) throws {
    if parameter.type.accepts(value) { return }
    if value.isNone, let defaultValue = parameter.defaultValue, defaultValue.isNone { return }
    var got = value.typeName
    // A fractional number where a whole one is wanted: show the number, not just its type.
    if case .number(let x) = value, parameter.type.accepts(.number(x.rounded())) { got = NumberFormatting.plain(x) }
    if case .list(let items) = value, let element = parameter.type.listElementType,
       let bad = items.firstIndex(where: { !element.accepts($0) }) {
      got = "a list with a \(items[bad].typeName) at index \(bad)"
    }
    throw Diagnostic("\(builtin.name)(): argument '\(parameter.name)' must be \(parameter.type.withArticle), got \(got)", at: pos)
  }
}
