import Hardware
import Kernel

extension PowerTableObject: CacheableObject {
  /// The MAC's shape, the simulated netlist (cell for cell), every weight's figures bit for
  /// bit, the transitions, the toggle counting, the leakage and the caption's origin.
  public func encode(to writer: CacheWriter) throws {
    HardwareCacheCoding.write(table.configuration, to: writer)
    try HardwareCacheCoding.write(table.netlist, to: writer)
    writer.int(table.entries.count)
    for entry in table.entries {
      writer.int(entry.weight)
      writer.double(entry.energyPerOperation)
      writer.double(entry.worstSettleTime)
      writer.double(entry.meanSettleTime)
    }
    writer.int(table.transitions)
    writer.string(table.counting.rawValue)
    writer.double(table.leakagePower)
    writer.string(origin)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> PowerTableObject {
    let configuration = try HardwareCacheCoding.readConfiguration(from: reader)
    let netlist = try HardwareCacheCoding.readNetlist(from: reader)
    let entries = try (0..<reader.count(elementSize: 32)).map { _ in
      MACPowerTable.Entry(
        weight: try reader.int(), energyPerOperation: try reader.double(), worstSettleTime: try reader.double(),
        meanSettleTime: try reader.double())
    }
    let transitions = try reader.int()
    guard let counting = ToggleCounting(rawValue: try reader.string()) else {
      throw CacheFormatError("cached power table has an unknown toggle counting")
    }
    let leakage = try reader.double()
    let origin = try reader.string()
    let table = MACPowerTable(
      configuration: configuration, netlist: netlist, entries: entries, transitions: transitions, counting: counting,
      leakagePower: leakage)
    return PowerTableObject(table, origin: origin)
  }
}
