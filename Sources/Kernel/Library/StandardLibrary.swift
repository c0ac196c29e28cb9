extension BuiltinRegistry {
  /// A registry with every library the language ships.
  ///
  /// A domain library (neural networks, hardware) adds one line here calling its
  /// `register(into:)`; see docs/ADDING-BUILTINS.md.
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
    HardwareLibrary.register(into: registry)
    return registry
  }
}
