import Foundation
import Hardware
import Kernel

/// The cache's binary forms of the hardware models' parts: cell libraries (by name or file,
/// with the file's digest), and-inverter graphs, mapped netlists and MAC shapes.
enum HardwareCacheCoding {
  // MARK: Cell libraries

  /// A library by how `CellLibrary.named` finds it again, with the SHA-256 of the Liberty
  /// file it was read from: a changed file gives another encoding (so cells that read the
  /// object miss) and a stored entry whose file changed does not load.
  static func write(_ library: CellLibrary, to writer: CacheWriter) throws {
    let reference = try self.reference(of: library)
    writer.string(reference)
    writer.raw(try fileDigest(of: library)?.bytes ?? [])
    writer.string(fingerprint(of: library))
  }

  /// A library written by ``write(_:to:)``, read again and checked against its file's digest.
  static func readLibrary(from reader: CacheReader) throws -> CellLibrary {
    let reference = try reader.string()
    let stored = try reader.raw()
    let print = try reader.string()
    let library: CellLibrary
    do {
      library = try CellLibrary.named(reference)
    } catch {
      throw CacheFormatError("cached cell library \(reference) does not load (\(error))")
    }
    guard (try fileDigest(of: library)?.bytes ?? []) == stored else {
      throw CacheFormatError("the file of cell library \(reference) changed since it was cached")
    }
    guard fingerprint(of: library) == print else {
      throw CacheFormatError("cell library \(reference) reads differently from the cached one")
    }
    return library
  }

  /// The library's cells and electrical figures, bit for bit: a library changed after it was
  /// read (another calibration) never passes for the one read again.
  private static func fingerprint(of library: CellLibrary) -> String {
    var parts = [library.name, library.timingModel.rawValue, library.areaUnit]
    parts += [library.tau, library.unitCapacitance, library.wireCapacitancePerFanout, library.primaryOutputLoad,
              library.primaryInputSlew, library.nominalVoltage, library.thresholdVoltage, library.alpha, library.minimumVoltage,
              library.leakagePerTransistor, library.leakageVoltageCoefficient].map { String($0.bitPattern, radix: 16) }
    parts += library.cells.map { "\($0.name):\($0.kind.rawValue):\($0.transistors):\($0.area.bitPattern)" }
    return parts.joined(separator: "|")
  }

  /// The name `CellLibrary.named` takes for `library`: its name for the built-in and known
  /// Liberty libraries, else the path of its file.
  private static func reference(of library: CellLibrary) throws -> String {
    if library.name == CellLibrary.cmos45nm.name, library.source == nil { return "generic45" }
    if CellLibrary.knownFiles.contains(where: { $0.name == library.name && $0.path == library.source }) { return library.name }
    guard let source = library.source else {
      throw CacheUnsupported("cell library \(library.name) was not read from a file and cannot be cached")
    }
    return source
  }

  /// The digest of the library's file (nil for the built-in library), kept per path, size
  /// and modification time.
  private static func fileDigest(of library: CellLibrary) throws -> Digest? {
    guard let path = library.source else { return nil }
    let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
    let time = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
    let stamp = "\(path)|\(size)|\(time.bitPattern)"
    if let known = LibraryDigests.shared.digest(stamp) { return known }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CacheUnsupported("the file of cell library \(library.name) cannot be read")
    }
    let digest = SHA256.digest([UInt8](data))
    LibraryDigests.shared.store(digest, stamp)
    return digest
  }

  // MARK: Graphs and netlists

  /// A port: name, bits, signedness.
  static func write(_ port: Hardware.Port, to writer: CacheWriter) {
    writer.string(port.name)
    writer.ints(port.bits)
    writer.bool(port.isSigned)
  }

  /// A port written by ``write(_:to:)-(Port,_)``.
  static func readPort(from reader: CacheReader) throws -> Hardware.Port {
    Hardware.Port(name: try reader.string(), bits: try reader.ints(), isSigned: try reader.bool())
  }

  private static func writePorts(_ ports: [Hardware.Port], to writer: CacheWriter) {
    writer.int(ports.count)
    for port in ports { write(port, to: writer) }
  }

  private static func readPorts(from reader: CacheReader) throws -> [Hardware.Port] {
    try (0..<reader.count(elementSize: 17)).map { _ in try readPort(from: reader) }
  }

  private static func writeUInt32s(_ values: [UInt32], to writer: CacheWriter) {
    writer.raw(values.withUnsafeBytes { Array($0) })
  }

  private static func readUInt32s(from reader: CacheReader) throws -> [UInt32] {
    let bytes = try reader.raw()
    guard bytes.count % 4 == 0 else { throw CacheFormatError("cached circuit has a bad node list") }
    return bytes.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
  }

  /// An and-inverter graph, node for node.
  static func write(_ aig: AIG, to writer: CacheWriter) {
    writeUInt32s(aig.rawFanin0, to: writer)
    writeUInt32s(aig.rawFanin1, to: writer)
    writer.strings(aig.inputNames)
    writeUInt32s(aig.outputs.map(\.raw), to: writer)
    writer.strings(aig.outputNames)
    writePorts(aig.inputPorts, to: writer)
    writePorts(aig.outputPorts, to: writer)
  }

  /// A graph written by ``write(_:to:)-(AIG,_)``, checked.
  static func readAIG(from reader: CacheReader) throws -> AIG {
    let fanin0 = try readUInt32s(from: reader)
    let fanin1 = try readUInt32s(from: reader)
    let inputNames = try reader.strings()
    let outputs = try readUInt32s(from: reader).map(Literal.init(raw:))
    let outputNames = try reader.strings()
    let inputPorts = try readPorts(from: reader)
    let outputPorts = try readPorts(from: reader)
    do {
      return try AIG(
        rawFanin0: fanin0, rawFanin1: fanin1, inputNames: inputNames, outputs: outputs, outputNames: outputNames,
        inputPorts: inputPorts, outputPorts: outputPorts)
    } catch {
      throw CacheFormatError("cached circuit is invalid (\(error))")
    }
  }

  /// A mapped netlist: its library and every instance with its library cell, nets and ports.
  static func write(_ netlist: MappedNetlist, to writer: CacheWriter) throws {
    try write(netlist.library, to: writer)
    writer.int(netlist.instances.count)
    for instance in netlist.instances {
      writer.int(instance.cell)
      writer.ints(instance.inputs)
      writer.ints(instance.outputs)
    }
    writer.int(netlist.netCount)
    writer.ints(netlist.inputNets)
    writer.strings(netlist.inputNames)
    writer.ints(netlist.outputNets)
    writer.strings(netlist.outputNames)
    writePorts(netlist.inputPorts, to: writer)
    writePorts(netlist.outputPorts, to: writer)
  }

  /// A netlist written by ``write(_:to:)-(MappedNetlist,_)``, checked against its library.
  static func readNetlist(from reader: CacheReader) throws -> MappedNetlist {
    let library = try readLibrary(from: reader)
    var instances: [MappedNetlist.Instance] = []
    for _ in 0..<(try reader.count(elementSize: 24)) {
      let cell = try reader.int()
      let inputs = try reader.ints()
      let outputs = try reader.ints()
      guard library.cells.indices.contains(cell) else { throw CacheFormatError("cached netlist names a cell its library lacks") }
      let type = library.cells[cell]
      guard inputs.count == type.kind.arity, outputs.count == type.kind.functions.count else {
        throw CacheFormatError("cached netlist's pins do not fit cell \(type.name)")
      }
      instances.append(MappedNetlist.Instance(cell: cell, kind: type.kind, inputs: inputs, outputs: outputs))
    }
    let netCount = try reader.int()
    let inputNets = try reader.ints()
    let inputNames = try reader.strings()
    let outputNets = try reader.ints()
    let outputNames = try reader.strings()
    let inputPorts = try readPorts(from: reader)
    let outputPorts = try readPorts(from: reader)
    let nets = 2..<max(netCount, 2)
    guard netCount >= 2, inputNets.allSatisfy(nets.contains), outputNets.allSatisfy({ (0..<netCount).contains($0) }),
      instances.allSatisfy({ $0.inputs.allSatisfy { (0..<netCount).contains($0) } && $0.outputs.allSatisfy(nets.contains) }),
      inputNames.count == inputNets.count, outputNames.count == outputNets.count,
      inputPorts.allSatisfy({ $0.bits.allSatisfy(inputNets.indices.contains) }),
      outputPorts.allSatisfy({ $0.bits.allSatisfy(outputNets.indices.contains) })
    else { throw CacheFormatError("cached netlist's nets do not fit together") }
    return MappedNetlist(
      library: library, instances: instances, netCount: netCount, inputNets: inputNets, inputNames: inputNames,
      outputNets: outputNets, outputNames: outputNames, inputPorts: inputPorts, outputPorts: outputPorts)
  }

  // MARK: Shapes

  /// A MAC shape.
  static func write(_ configuration: MACConfiguration, to writer: CacheWriter) {
    writer.int(configuration.activationBits)
    writer.int(configuration.weightBits)
    writer.int(configuration.accumulatorBits)
    writer.bool(configuration.activationSigned)
    writer.bool(configuration.weightSigned)
    writer.string(configuration.architecture.rawValue)
  }

  /// A shape written by ``write(_:to:)-(MACConfiguration,_)``.
  static func readConfiguration(from reader: CacheReader) throws -> MACConfiguration {
    let (a, w, acc) = (try reader.int(), try reader.int(), try reader.int())
    let (aSigned, wSigned) = (try reader.bool(), try reader.bool())
    guard let architecture = MultiplierArchitecture(rawValue: try reader.string()) else {
      throw CacheFormatError("cached MAC has an unknown multiplier architecture")
    }
    return MACConfiguration(
      activationBits: a, weightBits: w, accumulatorBits: acc, activationSigned: aSigned, weightSigned: wSigned,
      architecture: architecture)
  }
}

/// Digests of cell-library files already read in this process, by path, size and time.
private final class LibraryDigests: @unchecked Sendable {
  static let shared = LibraryDigests()
  private let lock = NSLock()
  private var digests: [String: Digest] = [:]

  func digest(_ stamp: String) -> Digest? {
    lock.lock()
    defer { lock.unlock() }
    return digests[stamp]
  }

  func store(_ digest: Digest, _ stamp: String) {
    lock.lock()
    defer { lock.unlock() }
    digests[stamp] = digest
  }
}
