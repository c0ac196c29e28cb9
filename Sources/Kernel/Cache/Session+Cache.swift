import Foundation

/// What a cell read while it ran, by name: the cell cache keys the cell on these.
public struct CellReads: Sendable, Equatable {
  /// Globals read whole, sorted (registered builtins left out: the build's digest covers them).
  public var names: [String] = []
  /// Fields read of record globals not read whole (`params` → `epochs`), sorted.
  public var fields: [String: [String]] = [:]
  /// Absolute paths of the files and folders read, sorted.
  public var files: [String] = []
  /// Whether the cell wrote a file (it is then not cached: a hit would not write it).
  public var wroteFiles = false
  /// Globals the cell assigned, sorted (restored on a hit even when the value did not change).
  public var written: [String] = []

  /// Creates reads.
  public init(names: [String] = [], fields: [String: [String]] = [:], files: [String] = [], wroteFiles: Bool = false) {
    self.names = names
    self.fields = fields
    self.files = files
    self.wroteFiles = wroteFiles
  }

  /// The values the cell could reach, in a fixed order: each name read whole, then each field read.
  func roots(in values: (String) -> Value?) -> [Value] {
    var roots: [Value] = []
    for name in names { roots.append(values(name) ?? .none) }
    for name in fields.keys.sorted() {
      guard case .record(let record)? = values(name) else {
        roots.append(values(name) ?? .none)
        continue
      }
      for field in fields[name]! { roots.append(record[field] ?? .none) }
    }
    return roots
  }
}

/// The global variables at one moment (before a cell runs), by name. Values are copies:
/// lists and records stay as they were; objects are shared, so the cache digests them before.
public struct EnvironmentSnapshot: @unchecked Sendable {
  let values: [String: Value]

  /// The value of `name`, if assigned.
  public subscript(name: String) -> Value? { values[name] }

  /// Every assigned name, sorted.
  public var names: [String] { values.keys.sorted() }
}

/// The cell cache's view of a session: recording what cells read, digesting values, and
/// writing and restoring what a cell did.
extension Session {
  /// The builtins of this session.
  public var registry: BuiltinRegistry { runtime.registry }

  /// The most bytes a builtin may allocate at once (`--memory-limit`): part of every cell's
  /// key, since a cell that fit a larger budget may fail under a smaller one.
  public var memoryBudget: Int { runtime.memoryBudget }

  /// Whether the sandbox lets builtins read `path`: the cell cache keys a cell on this for each
  /// file it read, so a cell that read a file a narrower sandbox refuses runs (and fails) again.
  public func sandboxAllowsReading(_ path: String) -> Bool {
    (try? runtime.files.check(path, .read, by: "cache", notebookFolder: runtime.context.notebookFolder)) != nil
  }

  /// Absolute paths of every file and folder builtins read in this session, sorted.
  public var filesRead: [String] { runtime.filesRead.sorted() }

  /// Every assigned global now.
  public func snapshot() -> EnvironmentSnapshot {
    var values: [String: Value] = [:]
    for (slot, name) in runtime.globalNames.enumerated() {
      if let value = runtime.globals[slot] { values[name] = value }
    }
    return EnvironmentSnapshot(values: values)
  }

  /// Runs a cell like ``run(_:line:column:timeout:)`` and reports what it read.
  public func runRecording(_ source: String, line: Int, column: Int = 1, timeout: Double? = nil) -> (CellResult, CellReads) {
    runtime.startRecording()
    let result = run(source, line: line, column: column, timeout: timeout)
    let (slots, log) = runtime.stopRecording()
    var reads = CellReads(files: log.files.sorted(), wroteFiles: log.wroteFiles)
    reads.written = log.writes.map { runtime.globalNames[$0] }.sorted()
    var whole = Set<String>()
    for slot in slots {
      let name = runtime.globalNames[slot]
      if case .builtin(let builtin)? = runtime.globals[slot], runtime.registry.builtin(named: name) === builtin { continue }
      whole.insert(name)
    }
    reads.names = whole.sorted()
    for (slot, fields) in log.fields {
      let name = runtime.globalNames[slot]
      if !whole.contains(name) { reads.fields[name] = fields.sorted() }
    }
    return (result, reads)
  }

  /// Assigns a global (a name a cached cell bound).
  public func assign(_ name: String, _ value: Value) {
    runtime.define(name, value)
  }

  /// The names a cell bound: those it assigned (`written`) and any whose value differs
  /// between `before` and now.
  public func boundNames(since before: EnvironmentSnapshot, written: [String] = []) -> [String] {
    let assigned = Set(written)
    var names: [String] = []
    for (slot, name) in runtime.globalNames.enumerated() {
      guard let now = runtime.globals[slot] else { continue }
      if !assigned.contains(name), let old = before[name], CacheValues.same(old, now) { continue }
      names.append(name)
    }
    return names.sorted()
  }

  // MARK: Digests

  /// The digest of a value's content; `object` digests the domain objects it holds.
  public func digest(_ value: Value, object: (LabObject) throws -> Digest) throws -> Digest {
    var hash = SHA256()
    try CacheValues.hash(value, into: &hash, registry: runtime.registry, object: object)
    return hash.finish()
  }

  /// The digest of an object's state (its cache encoding, with the objects it holds written as
  /// their `nested` digests); throws ``CacheUnsupported`` when it has none.
  public func contentDigest(of object: LabObject, nested: @escaping (LabObject) throws -> Digest) throws -> Digest {
    let writer = CacheWriter(registry: runtime.registry, nestedDigest: nested)
    try writer.object(object)
    return SHA256.digest(writer.bytes)
  }

  /// The digest of an object's state, the objects it holds digested the same way.
  public func contentDigest(of object: LabObject) throws -> Digest {
    try contentDigest(of: object) { try self.contentDigest(of: $0) }
  }

  /// Whether an object's digest can be kept for as long as the object lives: it is of a
  /// cacheable type that never changes and holds no other objects (a data set, a table).
  public func isImmutableLeaf(_ object: LabObject) -> Bool {
    guard let cacheable = object as? any CacheableObject else { return false }
    return !type(of: cacheable).changesInPlace && cacheable.cacheChildren.isEmpty
  }

  /// Whether an object holds no other objects the cache tracks: its digest depends on its own
  /// state alone, so it stays right until that state is restored or a cell runs.
  public func holdsNoObjects(_ object: LabObject) -> Bool {
    cacheChildren(of: object).isEmpty
  }

  /// What holds the state of `object`, and of the objects it holds, for forgetting digests when
  /// a restore changes that state (two model wrappers around one network share their network).
  public func stateOwners(of object: LabObject) -> [ObjectIdentifier] {
    var owners: [ObjectIdentifier] = []
    var seen = Set<ObjectIdentifier>()
    func visit(_ object: LabObject) {
      guard seen.insert(cacheIdentity(of: object)).inserted else { return }
      owners.append(stateOwner(of: object))
      cacheChildren(of: object).forEach(visit)
    }
    visit(object)
    return owners
  }

  /// The identity the cache uses for `object`.
  public func cacheKeyIdentity(of object: LabObject) -> ObjectIdentifier { cacheIdentity(of: object) }

  /// The objects a cell could reach from what it read, in a fixed order, and a digest of
  /// which of them are the same object (`b = a` differs from two equal models).
  public func reachableObjects(_ reads: CellReads, in values: (String) -> Value?) -> (objects: [LabObject], aliasing: Digest) {
    var objects: [LabObject] = []
    var index: [ObjectIdentifier: Int] = [:]
    var hash = SHA256()
    func visit(_ value: Value, depth: Int) {
      switch value {
      case .list(let items): items.forEach { visit($0, depth: depth + 1) }
      case .record(let record): record.fields.forEach { visit($0.value, depth: depth + 1) }
      case .object(let object):
        let identity = cacheIdentity(of: object)
        if let seen = index[identity] {
          hash.update(count: seen)
          return
        }
        index[identity] = objects.count
        hash.update(count: objects.count)
        objects.append(object)
        for child in cacheChildren(of: object) { visit(.object(child), depth: depth + 1) }
      default: break
      }
    }
    for root in reads.roots(in: values) { visit(root, depth: 0) }
    return (objects, hash.finish())
  }

  // MARK: Effects

  /// What running a cell did, in the cache's binary form: its outputs, the values of the
  /// names it bound, and, for every object it could reach that changes in place and whose
  /// digest now differs from `digestBefore`, the new digest and state.
  ///
  /// - Throws: ``CacheUnsupported`` when a value cannot be written (the cell is then not cached).
  public func encodeEffects(
    outputs: [DisplayItem], bound: [String], reads: CellReads, before: EnvironmentSnapshot,
    digestBefore: (LabObject) -> Digest?, digestNow: (LabObject) throws -> Digest
  ) throws -> (bytes: [UInt8], blobs: [Digest: [UInt8]]) {
    let reachable = reachableObjects(reads) { before[$0] }.objects
    var externals: [ObjectIdentifier: Int] = [:]
    for (k, object) in reachable.enumerated() { externals[cacheIdentity(of: object)] = k }
    let writer = CacheWriter(registry: runtime.registry, externals: externals)
    writer.int(outputs.count)
    for item in outputs { try writer.displayItem(item) }
    writer.int(bound.count)
    for name in bound {
      writer.string(name)
      try writer.value(runtime.global(name) ?? .none)
    }
    var changed: [(Int, any CacheableObject, Digest)] = []
    for (k, object) in reachable.enumerated() {
      guard let cacheable = object as? any CacheableObject else {
        throw CacheUnsupported("it reads a \(object.instanceTypeName), which cannot be cached")
      }
      guard type(of: cacheable).changesInPlace else { continue }
      let now = try digestNow(object)
      if let old = digestBefore(object), old == now { continue }
      changed.append((k, cacheable, now))
    }
    writer.int(changed.count)
    for (k, object, digest) in changed {
      writer.int(k)
      writer.raw(digest.bytes)
      try writer.state(of: object)
    }
    return (writer.bytes, writer.blobs)
  }

  /// Replays effects written by ``encodeEffects(outputs:bound:reads:before:digestBefore:digestNow:)``
  /// on this session, whose values of what the cell read must digest as they did then.
  ///
  /// Nothing changes unless everything can be read and restored; then objects are restored
  /// in place and the names bound. `loadBlob` gives a blob's bytes by digest, checked against it.
  ///
  /// - Returns: the cell's outputs, and each object restored in place with the digest of its new state.
  public func applyEffects(
    _ bytes: [UInt8], reads: CellReads, loadBlob: @escaping (Digest) throws -> [UInt8]
  ) throws -> (outputs: [DisplayItem], restored: [(object: LabObject, digest: Digest)]) {
    let reachable = reachableObjects(reads) { runtime.global($0) }.objects
    let reader = CacheReader(bytes: bytes, registry: runtime.registry, runtime: runtime, externals: reachable, loadBlob: loadBlob)
    let outputs = try (0..<reader.count(elementSize: 1)).map { _ in try reader.displayItem() }
    var bound: [(String, Value)] = []
    for _ in 0..<(try reader.count(elementSize: 9)) { bound.append((try reader.string(), try reader.value())) }
    var restores: [(any CacheableObject, LabObject, Digest)] = []
    for _ in 0..<(try reader.count(elementSize: 49)) {
      let k = try reader.int()
      guard reachable.indices.contains(k), let target = reachable[k] as? any CacheableObject else {
        throw CacheFormatError("cache entry restores an object the cell cannot reach")
      }
      let digest = try reader.raw()
      guard digest.count == 32 else { throw CacheFormatError("cache entry has a bad digest") }
      let state = try reader.state()
      guard target.canRestore(from: state) else { throw CacheFormatError("a cached \(state.instanceTypeName) no longer fits its object") }
      restores.append((target, state, Digest(bytes: digest)))
    }
    guard reader.isAtEnd else { throw CacheFormatError("cache entry has bytes left over") }
    for (target, state, _) in restores { try target.restore(from: state) }
    for (name, value) in bound { runtime.define(name, value) }
    return (outputs, restores.map { ($0.0, $0.2) })
  }
}

/// Comparing and hashing values for the cell cache.
enum CacheValues {
  /// Whether two values are the same for the cache: equal plain values, identical objects and functions.
  static func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.none, .none): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x.bitPattern == y.bitPattern
    case (.string(let x), .string(let y)): return x == y
    case (.list(let x), .list(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
    case (.record(let x), .record(let y)):
      return x.fields.count == y.fields.count
        && zip(x.fields, y.fields).allSatisfy { $0.key == $1.key && same($0.value, $1.value) }
    case (.function(let x), .function(let y)): return x === y
    case (.builtin(let x), .builtin(let y)): return x === y
    case (.object(let x), .object(let y)): return x === y
    default: return false
    }
  }

  static func hash(
    _ value: Value, into hash: inout SHA256, registry: BuiltinRegistry, object: (LabObject) throws -> Digest
  ) throws {
    switch value {
    case .none: hash.update([0])
    case .bool(let b): hash.update([b ? 2 : 1])
    case .number(let x):
      hash.update([3])
      hash.update(count: Int(bitPattern: UInt(x.bitPattern)))
    case .string(let s):
      hash.update([4])
      hash.update(field: s)
    case .list(let items):
      hash.update([5])
      hash.update(count: items.count)
      for item in items { try self.hash(item, into: &hash, registry: registry, object: object) }
    case .record(let record):
      hash.update([6])
      hash.update(count: record.fields.count)
      for (key, item) in record.fields {
        hash.update(field: key)
        try self.hash(item, into: &hash, registry: registry, object: object)
      }
    case .function(let function):
      guard let source = function.code.source, !function.code.isNested else {
        throw CacheUnsupported("function '\(function.name)' is defined inside another function")
      }
      hash.update([7])
      hash.update(field: source.text)
      hash.update(count: source.line)
      hash.update(count: source.column)
      hash.update(count: Int(function.code.pos.line))
      hash.update(count: Int(function.code.pos.column))
      for item in function.defaults {
        if let item {
          hash.update([1])
          try self.hash(item, into: &hash, registry: registry, object: object)
        } else {
          hash.update([0])
        }
      }
    case .builtin(let builtin):
      guard registry.builtin(named: builtin.name) === builtin else {
        throw CacheUnsupported("'\(builtin.name)' is a method bound to an object")
      }
      hash.update([8])
      hash.update(field: builtin.name)
    case .object(let value):
      hash.update([11])
      hash.update(try object(value).bytes)
    }
  }
}
