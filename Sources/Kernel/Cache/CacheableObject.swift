/// A domain object the cell cache can store and restore.
///
/// CONTRACT between Kernel (which stores values) and Bindings (whose objects adopt it).
/// An object that does not adopt it makes every cell that reads or binds it run each
/// time, with a note; it never gives a wrong hit. Register each adopting type with
/// ``BuiltinRegistry/cacheable(_:)`` so that entries can be decoded.
public protocol CacheableObject: LabObject {
  /// Whether builtins change objects of this type in place after they are made (a model
  /// trains, a generator draws). A hit restores such objects in place, so every name
  /// bound to one sees the change, as after a real run.
  static var changesInPlace: Bool { get }
  /// What aliasing is decided on: two objects with the same identity are one object to the
  /// cache (two `Model` wrappers around one engine network). `self` by default.
  var cacheIdentity: AnyObject { get }
  /// Other objects this one holds and hands out (a pruning result's model), so the cache
  /// finds every object a cell could have changed.
  var cacheChildren: [LabObject] { get }
  /// What holds this object's own state, when other objects may share it (a model wrapper with
  /// hooks shares its wrapped network): restoring one forgets the digests of all that share it.
  /// ``cacheIdentity`` by default.
  var cacheStateOwner: AnyObject { get }
  /// Writes the object's state. Throw ``CacheUnsupported`` for a state that cannot be written.
  func encode(to writer: CacheWriter) throws
  /// Reads an object written by ``encode(to:)``.
  static func decode(from reader: CacheReader) throws -> Self
  /// Whether ``restoreState(from:)`` can make this object equal to `other` (same shapes).
  func canRestoreState(from other: Self) -> Bool
  /// Makes this object's state `other`'s, in place (for ``changesInPlace`` types).
  func restoreState(from other: Self) throws
}

extension CacheableObject {
  /// Immutable by default.
  public static var changesInPlace: Bool { false }
  /// The object itself.
  public var cacheIdentity: AnyObject { self }
  /// No children by default.
  public var cacheChildren: [LabObject] { [] }
  /// The identity by default.
  public var cacheStateOwner: AnyObject { cacheIdentity }
  /// Only immutable types (which never restore) by default.
  public func canRestoreState(from other: Self) -> Bool { false }
  /// Immutable types never restore in place.
  public func restoreState(from other: Self) throws {
    throw CacheUnsupported("a \(Self.typeName) cannot be restored in place")
  }

  static func decodeObject(from reader: CacheReader) throws -> LabObject {
    try decode(from: reader)
  }

  func canRestore(from other: LabObject) -> Bool {
    guard let other = other as? Self else { return false }
    return canRestoreState(from: other)
  }

  func restore(from other: LabObject) throws {
    guard let other = other as? Self else { throw CacheUnsupported("a cached \(Self.typeName) has another type") }
    try restoreState(from: other)
  }
}

/// Why a value cannot be cached (`a Crossbar cannot be cached`): the cell runs, with this note.
public struct CacheUnsupported: Error, CustomStringConvertible {
  /// The reason, one line.
  public var message: String

  /// Creates the error.
  public init(_ message: String) {
    self.message = message
  }

  /// ``message``.
  public var description: String { message }
}

/// A cache entry that cannot be read (truncated, corrupt, from another format).
public struct CacheFormatError: Error, CustomStringConvertible {
  /// What was wrong.
  public var message: String

  /// Creates the error.
  public init(_ message: String) {
    self.message = message
  }

  /// ``message``.
  public var description: String { message }
}

/// The identity the cache uses for an object.
func cacheIdentity(of object: LabObject) -> ObjectIdentifier {
  if let cacheable = object as? any CacheableObject { return ObjectIdentifier(cacheable.cacheIdentity) }
  return ObjectIdentifier(object)
}

/// What holds an object's state, as the cache sees it.
func stateOwner(of object: LabObject) -> ObjectIdentifier {
  if let cacheable = object as? any CacheableObject { return ObjectIdentifier(cacheable.cacheStateOwner) }
  return ObjectIdentifier(object)
}

/// Objects held by an object, as the cache sees them.
func cacheChildren(of object: LabObject) -> [LabObject] {
  (object as? any CacheableObject)?.cacheChildren ?? []
}
