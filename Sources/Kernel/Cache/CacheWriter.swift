import Charts
import Foundation

/// Writes values in the cache's binary form: little-endian numbers, counted strings, and
/// objects by identity, so that two names bound to one object come back bound to one object.
public final class CacheWriter {
  /// The bytes written so far.
  public private(set) var bytes: [UInt8] = []
  /// Large byte strings stored once by digest beside the entry (data sets), by digest.
  public private(set) var blobs: [Digest: [UInt8]] = [:]
  private var objectIndex: [ObjectIdentifier: Int] = [:]
  private var objectCount = 0
  private var inProgress: Set<ObjectIdentifier> = []
  /// Objects that exist before the cell ran, written as references by position.
  private let externals: [ObjectIdentifier: Int]
  /// Registered builtins, written by name.
  private let registry: BuiltinRegistry
  /// For a digest: the digest of an object held inside the one being written, written in place
  /// of its state (so a pruning result's digest costs its own fields and its model's known digest).
  private let nestedDigest: ((LabObject) throws -> Digest)?

  /// A writer for `registry`'s builtins, writing the objects in `externals` as references, and
  /// objects inside objects as their `nestedDigest` when one is given (for digests only: such
  /// bytes cannot be read back).
  init(registry: BuiltinRegistry, externals: [ObjectIdentifier: Int] = [:], nestedDigest: ((LabObject) throws -> Digest)? = nil) {
    self.registry = registry
    self.externals = externals
    self.nestedDigest = nestedDigest
  }

  // MARK: Scalars

  /// One byte.
  public func byte(_ value: UInt8) { bytes.append(value) }

  /// A 64-bit integer.
  public func int(_ value: Int) {
    var word = UInt64(UInt(bitPattern: value)).littleEndian
    withUnsafeBytes(of: &word) { bytes.append(contentsOf: $0) }
  }

  /// A double, bit for bit.
  public func double(_ value: Double) {
    var word = value.bitPattern.littleEndian
    withUnsafeBytes(of: &word) { bytes.append(contentsOf: $0) }
  }

  /// A Boolean.
  public func bool(_ value: Bool) { byte(value ? 1 : 0) }

  /// A string: its UTF-8 byte count, then the bytes.
  public func string(_ value: String) {
    int(value.utf8.count)
    bytes.append(contentsOf: value.utf8)
  }

  /// An optional string.
  public func optionalString(_ value: String?) {
    bool(value != nil)
    if let value { string(value) }
  }

  /// An optional double.
  public func optionalDouble(_ value: Double?) {
    bool(value != nil)
    if let value { double(value) }
  }

  /// Strings, counted.
  public func strings(_ values: [String]) {
    int(values.count)
    values.forEach(string)
  }

  /// Integers, counted.
  public func ints(_ values: [Int]) {
    int(values.count)
    values.forEach(int)
  }

  /// Doubles, counted.
  public func doubles(_ values: [Double]) {
    int(values.count)
    values.forEach(double)
  }

  /// Floats, counted, as raw little-endian bytes.
  public func floats(_ values: [Float]) {
    int(values.count)
    values.withUnsafeBytes { bytes.append(contentsOf: $0) }
  }

  /// Raw bytes, counted.
  public func raw(_ values: [UInt8]) {
    int(values.count)
    bytes.append(contentsOf: values)
  }

  /// Bytes stored once beside the entry under their digest (a data set's inputs).
  public func blob(_ values: [UInt8]) {
    let digest = SHA256.digest(values)
    blobs[digest] = values
    raw(digest.bytes)
  }

  // MARK: Values

  /// A value of the language, with the objects it holds.
  public func value(_ value: Value) throws {
    switch value {
    case .none: byte(0)
    case .bool(let b): byte(b ? 2 : 1)
    case .number(let x):
      byte(3)
      double(x)
    case .string(let s):
      byte(4)
      string(s)
    case .list(let items):
      byte(5)
      int(items.count)
      for item in items { try self.value(item) }
    case .record(let record):
      byte(6)
      int(record.fields.count)
      for (key, item) in record.fields {
        string(key)
        try self.value(item)
      }
    case .function(let function):
      guard let source = function.code.source, !function.code.isNested else {
        throw CacheUnsupported("function '\(function.name)' is defined inside another function")
      }
      byte(7)
      string(source.text)
      int(source.line)
      int(source.column)
      int(Int(function.code.pos.line))
      int(Int(function.code.pos.column))
      int(function.defaults.count)
      for item in function.defaults {
        bool(item != nil)
        if let item { try self.value(item) }
      }
    case .builtin(let builtin):
      guard registry.builtin(named: builtin.name) === builtin else {
        throw CacheUnsupported("'\(builtin.name)' is a method bound to an object")
      }
      byte(8)
      string(builtin.name)
    case .object(let object):
      try self.object(object)
    }
  }

  /// A domain object: a reference when written before (or when it existed before the cell), else its state.
  public func object(_ object: LabObject) throws {
    let identity = cacheIdentity(of: object)
    if let index = externals[identity] {
      byte(10)
      int(index)
      return
    }
    if let index = objectIndex[identity] {
      byte(9)
      int(index)
      return
    }
    guard let cacheable = object as? any CacheableObject else {
      throw CacheUnsupported("a \(object.instanceTypeName) cannot be cached")
    }
    if let nestedDigest, !inProgress.isEmpty {
      byte(12)
      string(object.instanceTypeName)
      bytes.append(contentsOf: try nestedDigest(object).bytes)
      return
    }
    guard inProgress.insert(identity).inserted else {
      throw CacheUnsupported("a \(object.instanceTypeName) holds itself")
    }
    byte(11)
    string(object.instanceTypeName)
    try cacheable.encode(to: self)
    inProgress.remove(identity)
    objectIndex[identity] = objectCount
    objectCount += 1
  }

  /// An object's state as a new object (not a reference), to restore a live object in place.
  func state(of object: any CacheableObject) throws {
    string(object.instanceTypeName)
    try object.encode(to: self)
  }

  /// A display item (a cell output).
  public func displayItem(_ item: DisplayItem) throws {
    switch item {
    case .text(let text):
      byte(0)
      string(text)
    case .table(let table):
      byte(1)
      tableDisplay(table)
    case .chart(let chart):
      byte(2)
      try chartDisplay(chart)
    }
  }

  /// A table ready to render.
  public func tableDisplay(_ table: TableDisplay) {
    strings(table.columns)
    optionalString(table.caption)
    int(table.rows.count)
    for row in table.rows {
      int(row.count)
      for cell in row {
        string(cell.text)
        optionalDouble(cell.number)
      }
    }
  }

  /// A chart ready to render (its spec as JSON with sorted keys).
  public func chartDisplay(_ chart: ChartDisplay) throws {
    try codable(chart.spec)
    optionalString(chart.caption)
  }

  /// An `Encodable` value as JSON with sorted keys (stable bytes).
  public func codable<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      raw(Array(try encoder.encode(value)))
    } catch {
      throw CacheUnsupported("a \(T.self) cannot be written (\(error))")
    }
  }
}
