import Charts
import Foundation

/// Reads what ``CacheWriter`` wrote; every read is bounds-checked and throws ``CacheFormatError``.
public final class CacheReader {
  private let bytes: [UInt8]
  private var offset = 0
  private var objects: [LabObject] = []
  private let externals: [LabObject]
  private let registry: BuiltinRegistry
  private let runtime: Runtime?
  private let loadBlob: (Digest) throws -> [UInt8]

  /// A reader of `bytes`; `loadBlob` gives the bytes of a blob by digest, checked against it.
  init(
    bytes: [UInt8], registry: BuiltinRegistry, runtime: Runtime?, externals: [LabObject] = [],
    loadBlob: @escaping (Digest) throws -> [UInt8]
  ) {
    self.bytes = bytes
    self.registry = registry
    self.runtime = runtime
    self.externals = externals
    self.loadBlob = loadBlob
  }

  /// Whether every byte was read.
  public var isAtEnd: Bool { offset == bytes.count }

  private func take(_ count: Int) throws -> ArraySlice<UInt8> {
    guard count >= 0, count <= bytes.count - offset else { throw CacheFormatError("cache entry is truncated") }
    defer { offset += count }
    return bytes[offset..<(offset + count)]
  }

  /// One byte.
  public func byte() throws -> UInt8 { try take(1).first! }

  /// A 64-bit integer.
  public func int() throws -> Int {
    var word: UInt64 = 0
    for (shift, byte) in try take(8).enumerated() { word |= UInt64(byte) << UInt64(8 * shift) }
    return Int(Int64(bitPattern: word))
  }

  /// A count that must fit in what is left (each element takes at least `size` bytes).
  public func count(elementSize size: Int = 1) throws -> Int {
    let n = try int()
    guard n >= 0, n <= (bytes.count - offset) / max(size, 1) else { throw CacheFormatError("cache entry has a bad count") }
    return n
  }

  /// A double.
  public func double() throws -> Double { Double(bitPattern: UInt64(UInt(bitPattern: try int()))) }

  /// A Boolean.
  public func bool() throws -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw CacheFormatError("cache entry has a bad flag")
    }
  }

  /// A string.
  public func string() throws -> String {
    let n = try count()
    guard let text = String(validating: try take(n), as: UTF8.self) else { throw CacheFormatError("cache entry has bad text") }
    return text
  }

  /// An optional string.
  public func optionalString() throws -> String? { try bool() ? try string() : nil }

  /// An optional double.
  public func optionalDouble() throws -> Double? { try bool() ? try double() : nil }

  /// Strings.
  public func strings() throws -> [String] { try (0..<count(elementSize: 8)).map { _ in try string() } }

  /// Integers.
  public func ints() throws -> [Int] { try (0..<count(elementSize: 8)).map { _ in try int() } }

  /// Doubles.
  public func doubles() throws -> [Double] { try (0..<count(elementSize: 8)).map { _ in try double() } }

  /// Floats.
  public func floats() throws -> [Float] {
    let n = try count(elementSize: 4)
    let slice = try take(n * 4)
    return [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
      slice.withUnsafeBytes { source in
        UnsafeMutableRawBufferPointer(buffer).copyMemory(from: source)
      }
      initialized = n
    }
  }

  /// Raw bytes.
  public func raw() throws -> [UInt8] { Array(try take(try count())) }

  /// Bytes written with ``CacheWriter/blob(_:)``, loaded from beside the entry (the loader
  /// checks them against their digest: the store's checksum of a blob is its name).
  public func blob() throws -> [UInt8] {
    let digestBytes = try raw()
    guard digestBytes.count == 32 else { throw CacheFormatError("cache entry has a bad blob reference") }
    return try loadBlob(Digest(bytes: digestBytes))
  }

  /// A value.
  public func value() throws -> Value {
    let tag = try byte()
    switch tag {
    case 0: return .none
    case 1: return .bool(false)
    case 2: return .bool(true)
    case 3: return .number(try double())
    case 4: return .string(try string())
    case 5: return .list(try (0..<count()).map { _ in try value() })
    case 6:
      let n = try count()
      var fields: [(key: String, value: Value)] = []
      for _ in 0..<n { fields.append((try string(), try value())) }
      return .record(Record(fields))
    case 7: return try function()
    case 8:
      let name = try string()
      guard let builtin = registry.builtin(named: name) else { throw CacheFormatError("cache entry names unknown builtin '\(name)'") }
      return .builtin(builtin)
    case 9, 10, 11: return .object(try object(tag: tag))
    default: throw CacheFormatError("cache entry has a bad value tag \(tag)")
    }
  }

  /// An object written with ``CacheWriter/object(_:)``.
  public func object() throws -> LabObject {
    let tag = try byte()
    guard tag == 9 || tag == 10 || tag == 11 else { throw CacheFormatError("cache entry has a bad object tag \(tag)") }
    return try object(tag: tag)
  }

  /// An object of a known type.
  public func object<T: LabObject>(as type: T.Type) throws -> T {
    guard let object = try object() as? T else { throw CacheFormatError("cache entry holds another type than \(T.typeName)") }
    return object
  }

  private func object(tag: UInt8) throws -> LabObject {
    switch tag {
    case 9:
      let index = try int()
      guard objects.indices.contains(index) else { throw CacheFormatError("cache entry has a bad object reference") }
      return objects[index]
    case 10:
      let index = try int()
      guard externals.indices.contains(index) else { throw CacheFormatError("cache entry has a bad outside reference") }
      return externals[index]
    default:
      let name = try string()
      guard let type = registry.cacheableType(named: name) else { throw CacheFormatError("cache entry holds unknown type \(name)") }
      let object = try type.decodeObject(from: self)
      objects.append(object)
      return object
    }
  }

  private func function() throws -> Value {
    let text = try string()
    let (line, column) = (try int(), try int())
    let (declLine, declColumn) = (try int(), try int())
    let n = try count()
    var defaults: [Value?] = []
    for _ in 0..<n { defaults.append(try bool() ? try value() : nil) }
    guard let runtime else { throw CacheFormatError("functions need a session to be read") }
    do {
      let code = try Compiler.functionCode(
        in: text, line: line, column: column, at: SourcePos(line: declLine, column: declColumn), runtime: runtime)
      guard code.parameterNames.count == defaults.count else { throw CacheFormatError("cached function has other parameters") }
      return .function(Function(code: code, captured: nil, defaults: defaults))
    } catch let error as CacheFormatError {
      throw error
    } catch {
      throw CacheFormatError("cached function does not compile (\(error))")
    }
  }

  /// An object written with ``CacheWriter/state(of:)``.
  func state() throws -> LabObject {
    let name = try string()
    guard let type = registry.cacheableType(named: name) else { throw CacheFormatError("cache entry holds unknown type \(name)") }
    return try type.decodeObject(from: self)
  }

  /// A display item.
  public func displayItem() throws -> DisplayItem {
    switch try byte() {
    case 0: return .text(try string())
    case 1: return .table(try tableDisplay())
    case 2: return .chart(try chartDisplay())
    default: throw CacheFormatError("cache entry has a bad output tag")
    }
  }

  /// A table ready to render.
  public func tableDisplay() throws -> TableDisplay {
    let columns = try strings()
    let caption = try optionalString()
    let rows = try (0..<count(elementSize: 8)).map { _ in
      try (0..<count(elementSize: 9)).map { _ in TableCell(text: try string(), number: try optionalDouble()) }
    }
    return TableDisplay(columns: columns, rows: rows, caption: caption)
  }

  /// A chart ready to render.
  public func chartDisplay() throws -> ChartDisplay {
    ChartDisplay(spec: try codable(ChartSpec.self), caption: try optionalString())
  }

  /// A `Decodable` value written with ``CacheWriter/codable(_:)``.
  public func codable<T: Decodable>(_ type: T.Type) throws -> T {
    let data = Data(try raw())
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      return try decoder.decode(type, from: data)
    } catch {
      throw CacheFormatError("cache entry has a bad \(T.self) (\(error))")
    }
  }
}
