import Hardware
import Kernel

extension CircuitObject: CacheableObject {
  /// The generic circuit the constants were embedded into, so aliasing of it is kept.
  public var cacheChildren: [LabObject] { generic.map { [$0] } ?? [] }

  /// What it computes, its shape, the graph node for node, the cell library (by name or
  /// file, with the file's digest), the generic circuit and the embedded constants. The
  /// netlist is mapped again on reading (mapping is deterministic); energy is measured again
  /// when asked (from its fixed seed).
  public func encode(to writer: CacheWriter) throws {
    writer.byte(function == .multiplier ? 0 : 1)
    HardwareCacheCoding.write(configuration, to: writer)
    HardwareCacheCoding.write(aig, to: writer)
    try HardwareCacheCoding.write(library, to: writer)
    writer.bool(generic != nil)
    if let generic { try writer.object(generic) }
    let names = constants.keys.sorted()
    writer.strings(names)
    writer.ints(names.map { constants[$0]! })
  }

  /// Reads what ``encode(to:)`` wrote and maps the graph onto the library again.
  public static func decode(from reader: CacheReader) throws -> CircuitObject {
    let function: Function
    switch try reader.byte() {
    case 0: function = .multiplier
    case 1: function = .mac
    default: throw CacheFormatError("cached circuit computes an unknown function")
    }
    let configuration = try HardwareCacheCoding.readConfiguration(from: reader)
    let aig = try HardwareCacheCoding.readAIG(from: reader)
    let library = try HardwareCacheCoding.readLibrary(from: reader)
    let generic = try reader.bool() ? try reader.object(as: CircuitObject.self) : nil
    let names = try reader.strings()
    let values = try reader.ints()
    guard names.count == values.count, Set(names).count == names.count else {
      throw CacheFormatError("cached circuit's constants do not fit together")
    }
    do {
      return try CircuitObject(
        function: function, configuration: configuration, aig: aig, library: library, generic: generic,
        constants: Dictionary(uniqueKeysWithValues: zip(names, values)))
    } catch {
      throw CacheFormatError("cached circuit does not map onto \(library.name) (\(error))")
    }
  }
}
