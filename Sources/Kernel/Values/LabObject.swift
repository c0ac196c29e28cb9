/// A domain object the language can hold: a dataset, a model, a table, a chart, a crossbar.
///
/// Engines stay plain Swift; a binding in `Sources/Bindings` wraps an engine type in a
/// class conforming to this protocol so that `net.parameters` works and `show(net)`
/// displays the model's summary. Only ``typeName`` is required: the other
/// requirements have defaults.
public protocol LabObject: AnyObject {
  /// The type name users see in errors and signatures (`Model`, `Dataset`).
  static var typeName: String { get }
  /// The names `member(_:)` answers, for `did you mean` suggestions and the reference.
  var memberNames: [String] { get }
  /// The value of a member (`net.parameters`), or `nil` when there is no such member.
  ///
  /// Methods are members whose value is a `.builtin` bound to the object.
  func member(_ name: String) throws -> Value?
  /// A one-line text form, used by `print`, `str` and inside lists.
  var summary: String { get }
  /// The rich form shown when the object is a cell's last value or passed to `show`.
  func display() -> [DisplayItem]
  /// The object as rows of a table (a training history), or `nil` when it is not tabular.
  ///
  /// `table`, `line_chart` and the other chart builtins accept any object that answers rows.
  func rows() -> [Record]?
}

extension LabObject {
  /// No members by default.
  public var memberNames: [String] { [] }
  /// No members by default.
  public func member(_ name: String) throws -> Value? { nil }
  /// `<TypeName>` by default.
  public var summary: String { "<\(Self.typeName)>" }
  /// The summary as text by default.
  public func display() -> [DisplayItem] { [.text(summary)] }
  /// Not tabular by default.
  public func rows() -> [Record]? { nil }
  /// The type name of this instance (``typeName`` of its dynamic type).
  public var instanceTypeName: String { Self.typeName }

  /// A method bound to this object, to return from ``member(_:)``: `net.summary()`.
  ///
  /// Arguments are bound and type-checked like a builtin's; errors name `Type.name()`.
  public func method(
    _ name: String, doc: String = "", parameters: [Parameter] = [], returns: ValueType = .any,
    body: @escaping (Self, Arguments, Context) throws -> Value
  ) -> Value {
    .builtin(Builtin("\(Self.typeName).\(name)", category: Self.typeName, doc: doc, parameters: parameters, returns: returns) {
      [self] args, context in try body(self, args, context)
    })
  }
}
