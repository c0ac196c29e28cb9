import Kernel

/// The object types the cell cache can store, registered with the libraries that make them.
///
/// A type not listed here makes every cell that reads or binds one of its objects run each
/// time, with a note: early exit's searches and evaluations, CorrectNet's compensations and
/// searches (and a compensation's hooked `net`), the power-pruning objects (see docs/ARCHITECTURE.md).
enum CacheableTypes {
  /// The types of the engine-free libraries.
  static func registerLanguageTypes(into registry: BuiltinRegistry) {
    registry.cacheable(TableObject.self)
    registry.cacheable(ChartObject.self)
    registry.cacheable(RandomObject.self)
  }

  /// The types of the engine's libraries.
  static func registerEngineTypes(into registry: BuiltinRegistry) {
    registry.cacheable(ModelObject.self)
    registry.cacheable(DatasetObject.self)
    registry.cacheable(DatasetSplitsObject.self)
    registry.cacheable(HistoryObject.self)
    registry.cacheable(TensorObject.self)
    registry.cacheable(FilterImportanceObject.self)
    registry.cacheable(PruningResultObject.self)
    registry.cacheable(BaselineResultObject.self)
    registry.cacheable(SystolicArrayObject.self)
    registry.cacheable(CircuitObject.self)
    registry.cacheable(PowerTableObject.self)
    registry.cacheable(CrossbarObject.self)
    registry.cacheable(CrossbarVariationObject.self)
    registry.cacheable(LayerObject.self)
    registry.cacheable(PenaltyObject.self)
    registry.cacheable(ExitModelObject.self)
    registry.cacheable(ExitScoresObject.self)
    registry.cacheable(ExitEvaluationObject.self)
    registry.cacheable(ExitSearchObject.self)
  }
}
