import Kernel

extension BuiltinRegistry {
  /// A registry with every library the language ships.
  ///
  /// A domain or a paper adds one line here calling its `register(into:)`; see
  /// docs/ADDING-BUILTINS.md.
  public static func standard() -> BuiltinRegistry {
    let registry = languageOnly()
    NeuralNetworkLibrary.register(into: registry)
    CrossbarLibrary.register(into: registry)
    ClassAwarePruningLibrary.register(into: registry)
    EarlyExitLibrary.register(into: registry)
    CorrectNetLibrary.register(into: registry)
    HardwareLibrary.register(into: registry)
    LogicDesignLibrary.register(into: registry)
    PowerPruningLibrary.register(into: registry)
    CacheableTypes.registerEngineTypes(into: registry)
    return registry
  }

  /// The builtins that reach no engine and no file (core, math, random, tables, charts): for
  /// fuzzing the language, where a model or a data set would only slow each input down.
  public static func languageOnly() -> BuiltinRegistry {
    let registry = BuiltinRegistry()
    CoreLibrary.register(into: registry)
    MathLibrary.register(into: registry)
    RandomLibrary.register(into: registry)
    TableLibrary.register(into: registry)
    ChartLibrary.register(into: registry)
    CacheableTypes.registerLanguageTypes(into: registry)
    return registry
  }
}

extension Session {
  /// A session with every library the language ships, whose `params` record holds `params`,
  /// whose builtins reach the files `files` allows besides the data folders nnlab knows, and
  /// allocate at most `memoryBudget` bytes at once.
  public convenience init(
    file: String, params: Record = Record(), files: FileAccess = FileAccess(), memoryBudget: Int? = nil
  ) {
    var files = files
    files.readable += FileAccess.dataFolders
    self.init(file: file, params: params, registry: .standard(), files: files, memoryBudget: memoryBudget)
  }
}

extension FileAccess {
  /// The folders of the data sets and cell libraries the bindings read from Debian's packages.
  public static let dataFolders = ["/usr/share/datasets", "/usr/share/qflow/tech"]
}
