/// The builtins, constants and object types a session knows, with their documentation.
///
/// Each library file adds its entries in one `register(into:)` function;
/// ``standard()`` calls them all.
public final class BuiltinRegistry: @unchecked Sendable {
  /// A named constant (`pi`).
  public struct Constant: Sendable {
    /// The name.
    public var name: String
    /// The value.
    public var value: Value
    /// A one-line description.
    public var doc: String
    /// The reference section.
    public var category: String
  }

  /// Documentation of a domain object type and its members, for the reference.
  public struct TypeDoc: Sendable {
    /// The type name (`Table`).
    public var name: String
    /// A one-line description.
    public var doc: String
    /// Members and their one-line docs, in order.
    public var members: [(name: String, doc: String)]
    /// The reference section.
    public var category: String
  }

  /// Builtins in registration order.
  public private(set) var builtins: [Builtin] = []
  /// Constants in registration order.
  public private(set) var constants: [Constant] = []
  /// Documented object types in registration order.
  public private(set) var types: [TypeDoc] = []
  /// One-paragraph introductions of categories, for the reference.
  public private(set) var categoryDocs: [String: String] = [:]
  private var names: Set<String> = []
  private var byName: [String: Builtin] = [:]
  private var cacheableTypes: [String: any CacheableObject.Type] = [:]

  /// An empty registry.
  public init() {}

  /// Adds a builtin. Names are unique: registering one twice is a programming error.
  public func register(_ builtin: Builtin) {
    precondition(!names.contains(builtin.name), "builtin '\(builtin.name)' registered twice")
    names.insert(builtin.name)
    builtins.append(builtin)
    byName[builtin.name] = builtin
  }

  /// Adds a builtin built from its parts.
  public func register(
    _ name: String, category: String, doc: String, parameters: [Parameter] = [], variadic: Parameter? = nil,
    returns: ValueType = .any, body: @escaping Builtin.Body
  ) {
    register(Builtin(name, category: category, doc: doc, parameters: parameters, variadic: variadic, returns: returns, body: body))
  }

  /// Adds a constant.
  public func constant(_ name: String, _ value: Value, category: String, doc: String) {
    precondition(!names.contains(name), "name '\(name)' registered twice")
    names.insert(name)
    constants.append(Constant(name: name, value: value, doc: doc, category: category))
  }

  /// Documents a domain object type and its members.
  public func document(type name: String, category: String, doc: String, members: [(name: String, doc: String)]) {
    types.append(TypeDoc(name: name, doc: doc, members: members, category: category))
  }

  /// Sets the introduction of a category in the reference.
  public func describe(category: String, _ doc: String) {
    categoryDocs[category] = doc
  }

  /// The builtin with this name, if any.
  public func builtin(named name: String) -> Builtin? {
    byName[name]
  }

  /// Lets the cell cache store and restore objects of `type` (see ``CacheableObject``).
  public func cacheable(_ type: any CacheableObject.Type) {
    cacheableTypes[type.typeName] = type
  }

  /// The cacheable type called `name`, if registered.
  func cacheableType(named name: String) -> (any CacheableObject.Type)? {
    cacheableTypes[name]
  }

  /// A digest of what the registry offers (every builtin's signature and description, the
  /// constants, the cacheable types): part of every cell cache key, so entries made by a
  /// build with other builtins are not used.
  public var signatureDigest: Digest {
    var hash = SHA256()
    for builtin in builtins {
      hash.update(field: builtin.signature)
      hash.update(field: builtin.doc)
      hash.update(field: builtin.category)
    }
    for constant in constants {
      hash.update(field: constant.name)
      hash.update(field: constant.value.repr)
    }
    for type in types {
      hash.update(field: type.name)
      for member in type.members { hash.update(field: member.name + ": " + member.doc) }
    }
    for name in cacheableTypes.keys.sorted() { hash.update(field: name) }
    return hash.finish()
  }
}
