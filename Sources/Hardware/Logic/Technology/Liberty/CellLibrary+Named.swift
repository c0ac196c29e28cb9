import Foundation

/// The libraries the language can name, and where the real ones come from.
///
/// - `generic45` (also `cmos45nm`): the hand-written 45 nm logical-effort library.
/// - `osu018`: the Oklahoma State University 0.18 um standard cells (TSMC 0.18 um, 1.8 V),
///   `/usr/share/qflow/tech/osu018/osu018_stdcells.lib` from the Debian package
///   `qflow-tech-osu018`. Alpha-power law: Vth 0.45 V, alpha 1.3 (a 0.18 um NMOS threshold
///   and Sakurai and Newton's short-channel exponent); supplies down to 0.9 V.
/// - `osu035`: the OSU 0.35 um cells (3.3 V), `/usr/share/qflow/tech/osu035/osu035_stdcells.lib`
///   from `qflow-tech-osu035`. Vth 0.6 V, alpha 1.5; supplies down to 1.65 V.
///
/// Everything else a Liberty library needs beyond its file is `LibertyAssumptions`' default.
extension CellLibrary {
  /// A library file the language knows by name, and the Debian package that installs it.
  public struct KnownFile: Sendable {
    /// The name (`osu018`).
    public var name: String
    /// The file's path.
    public var path: String
    /// The Debian package that installs it.
    public var package: String
    /// The assumptions beyond the file.
    public var assumptions: LibertyAssumptions
  }

  /// The Liberty libraries known by name.
  public static let knownFiles: [KnownFile] = {
    var osu018 = LibertyAssumptions()
    osu018.thresholdVoltage = 0.45
    osu018.alpha = 1.3
    osu018.minimumVoltage = 0.9
    var osu035 = LibertyAssumptions()
    osu035.thresholdVoltage = 0.6
    osu035.alpha = 1.5
    osu035.minimumVoltage = 1.65
    return [
      KnownFile(name: "osu018", path: "/usr/share/qflow/tech/osu018/osu018_stdcells.lib", package: "qflow-tech-osu018",
                assumptions: osu018),
      KnownFile(name: "osu035", path: "/usr/share/qflow/tech/osu035/osu035_stdcells.lib", package: "qflow-tech-osu035",
                assumptions: osu035),
    ]
  }()

  /// The names `named(_:)` accepts besides paths.
  public static let libraryNames = ["generic45", "osu018", "osu035"]

  /// The library called `name` (`"generic45"`, `"osu018"`, `"osu035"`), or read from `name`
  /// when it is a path to a `.lib` file. Named Liberty libraries are read once and kept.
  ///
  /// Throws a `LibertyError` for a missing or malformed file (naming the Debian package for
  /// a known library) and a `LogicError` for an unknown name.
  public static func named(_ name: String) throws -> CellLibrary {
    if name == "generic45" || name == "cmos45nm" { return .cmos45nm }
    if let known = knownFiles.first(where: { $0.name == name }) {
      if let cached = NamedLibraryCache.shared.library(name) { return cached }
      guard FileManager.default.fileExists(atPath: known.path) else {
        throw LibertyError(file: known.path, line: 0,
                           "no such file: library \(name) comes with the Debian package \(known.package) (apt-get install \(known.package))")
      }
      var library = try liberty(path: known.path, assumptions: known.assumptions)
      library.name = name
      NamedLibraryCache.shared.store(library, as: name)
      return library
    }
    if name.hasSuffix(".lib") || name.contains("/") {
      return try liberty(path: name)
    }
    throw LogicError(.invalidParameter, "unknown cell library '\(name)': expected \(libraryNames.joined(separator: ", ")) or a path to a .lib file")
  }
}

/// Named libraries already read (reading osu018 takes milliseconds, but builtins ask often).
final class NamedLibraryCache: @unchecked Sendable {
  static let shared = NamedLibraryCache()
  let lock = NSLock()
  var libraries: [String: CellLibrary] = [:]

  func library(_ name: String) -> CellLibrary? {
    lock.lock()
    defer { lock.unlock() }
    return libraries[name]
  }

  func store(_ library: CellLibrary, as name: String) {
    lock.lock()
    defer { lock.unlock() }
    libraries[name] = library
  }
}
