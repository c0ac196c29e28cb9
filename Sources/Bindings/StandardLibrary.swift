import Kernel

extension BuiltinRegistry {
  /// A registry with every library the language ships.
  ///
  /// A domain or a paper adds one line here calling its `register(into:)`; see
  /// docs/ADDING-BUILTINS.md.
  public static func standard() -> BuiltinRegistry {
    let registry = BuiltinRegistry()
    CoreLibrary.register(into: registry)
    MathLibrary.register(into: registry)
    RandomLibrary.register(into: registry)
    TableLibrary.register(into: registry)
    ChartLibrary.register(into: registry)
    NeuralNetworkLibrary.register(into: registry)
    CrossbarLibrary.register(into: registry)
    ClassAwarePruningLibrary.register(into: registry)
    CorrectNetLibrary.register(into: registry)
    HardwareLibrary.register(into: registry)
    LogicDesignLibrary.register(into: registry)
    return registry
  }
}

extension Session {
  /// A session with every library the language ships, whose `params` record holds `params`.
  public convenience init(file: String, params: Record = Record()) {
    self.init(file: file, params: params, registry: .standard())
  }
}
