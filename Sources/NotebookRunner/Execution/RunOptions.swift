import Kernel

/// How to run notebooks: parameters, failure policy and time limits (the CLI's options).
public struct RunOptions: Sendable {
  /// The profile whose parameters override the defaults (`--profile NAME`).
  public var profile: String?
  /// `-P name=value` overrides, applied after the profile, in order.
  public var overrides: [ParameterOverride]
  /// Whether to run every cell even after one failed (`--keep-going`).
  public var keepGoing: Bool
  /// Seconds any cell may run unless its `timeout` option says otherwise (`--timeout`).
  public var cellTimeout: Double?
  /// Seconds a whole notebook may run (`--total-timeout`).
  public var totalTimeout: Double?
  /// The files builtins may reach besides the notebook's folder (`--allow-read`,
  /// `--allow-write`, `--trust`); `render` adds its `--out` folder.
  public var files: FileAccess
  /// Bytes a builtin may allocate at once (`--memory-limit`); `nil` is half the machine's memory.
  public var memoryLimit: Int?
  /// Whether runs record their ``Provenance`` (the command-line tool does; tests with fixed
  /// clocks and golden pages do not).
  public var recordsProvenance: Bool
  /// The cell cache (`--cache`, `--cache-dir`, `--explain`, `--refresh`).
  public var cache = CacheSettings()

  /// Creates options; the defaults run with the notebook's defaults, stop at the first failure, no limits.
  public init(
    profile: String? = nil, overrides: [ParameterOverride] = [], keepGoing: Bool = false,
    cellTimeout: Double? = nil, totalTimeout: Double? = nil, files: FileAccess = FileAccess(), memoryLimit: Int? = nil,
    recordsProvenance: Bool = false
  ) {
    self.recordsProvenance = recordsProvenance
    self.files = files
    self.memoryLimit = memoryLimit
    self.profile = profile
    self.overrides = overrides
    self.keepGoing = keepGoing
    self.cellTimeout = cellTimeout
    self.totalTimeout = totalTimeout
  }
}
