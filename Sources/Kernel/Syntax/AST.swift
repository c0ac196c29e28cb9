/// Binary arithmetic and comparison operators.
enum BinaryOperator: String, Sendable {
  case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%", power = "**"
  case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
  case contains = "in", notContains = "not in"

  /// The verb used in type errors: `cannot add string and number`.
  var verb: String {
    switch self {
    case .add: "add"
    case .subtract: "subtract"
    case .multiply: "multiply"
    case .divide: "divide"
    case .modulo: "take the remainder of"
    case .power: "raise"
    case .less, .lessEqual, .greater, .greaterEqual: "compare"
    case .equal, .notEqual: "compare"
    case .contains, .notContains: "test membership of"
    }
  }
}

/// An expression and where it is (for operators, where the operator is).
struct Expr: Sendable {
  indirect enum Kind: Sendable {
    case number(Double)
    case string(String)
    case template([TemplatePart])
    case bool(Bool)
    case none
    case name(String)
    case list([Expr])
    case record([RecordField])
    case comprehension(element: Expr, clauses: [ComprehensionClause])
    case member(Expr, name: String)
    case index(Expr, Expr)
    case slice(Expr, lower: Expr?, upper: Expr?)
    case call(Expr, [Argument])
    case negate(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case range(Expr, Expr, inclusive: Bool)
  }

  var kind: Kind
  var pos: SourcePos
}

/// A piece of an interpolated string.
enum TemplatePart: Sendable {
  case text(String)
  case value(Expr, spec: FormatSpec?)
}

/// `key: value` in a record literal.
struct RecordField: Sendable {
  var key: String
  var pos: SourcePos
  var value: Expr
}

/// A positional or named argument of a call.
struct Argument: Sendable {
  var label: String?
  var pos: SourcePos
  var value: Expr
}

/// A name bound by `for` (`for i, x in enumerate(xs)` binds two).
struct Binding: Sendable {
  var name: String
  var pos: SourcePos
}

/// `for x in xs` or `if cond` inside a comprehension.
enum ComprehensionClause: Sendable {
  case loop([Binding], Expr)
  case filter(Expr)
}

/// The left side of `=`: a variable, maybe followed by members and indices (`r.a[0] = 1`).
struct AssignTarget: Sendable {
  enum Step: Sendable {
    case member(String, SourcePos)
    case index(Expr)
  }

  var name: String
  var pos: SourcePos
  var path: [Step]
}

/// A parameter of `fn`: its name and optional default.
struct ParameterDecl: Sendable {
  var name: String
  var pos: SourcePos
  var defaultValue: Expr?
}

/// `fn name(a, b: 2) { ... }`.
struct FunctionDecl: Sendable {
  var name: String
  var pos: SourcePos
  var parameters: [ParameterDecl]
  var body: [Stmt]
}

/// A statement and where it starts.
struct Stmt: Sendable {
  enum Kind: Sendable {
    case expression(Expr)
    case assign(AssignTarget, Expr)
    case compoundAssign(AssignTarget, BinaryOperator, Expr)
    case forIn([Binding], Expr, [Stmt])
    case ifElse([(condition: Expr, body: [Stmt])], otherwise: [Stmt]?)
    case function(FunctionDecl)
    case `return`(Expr?)
    case `break`
    case `continue`
  }

  var kind: Kind
  var pos: SourcePos
}
