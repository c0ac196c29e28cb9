import Hardware
import NeuralNetwork

/// Everything one run of the logic-design experiment needs.
public struct LogicExperimentSettings: Sendable {
  /// The stand-in task.
  public var task: LogicTask
  /// Network shape, bit widths, training.
  public var training: LogicTrainingSettings
  /// Training and test images, validation fraction, downsampled side.
  public var train: Int, test: Int, validation: Double, side: Int
  /// Seed of the data subsets.
  public var dataSeed: UInt64
  /// How far below the unrestricted network's validation accuracy the restricted one may stay.
  public var tolerance: Double
  /// The first n tried.
  public var nStart: Int
  /// The cell library.
  public var library: CellLibrary
  /// Test samples streamed through the circuits for power (consecutive samples one clock apart).
  public var powerSamples: Int
  /// Target clock periods for the balanced pipelines of the hardware-aware design, as
  /// fractions of its layer pipeline's clock period (0.5: twice the clock frequency).
  public var clockFractions: [Double]
  /// Whether every step of the search is built, simplified and mapped (for its area), or only
  /// the summed multiplier area of the table is reported for it.
  public var stepCircuits: Bool = true
  /// Whether to prove the hardware-aware embedded circuit, read back by Yosys, equivalent with
  /// ABC `cec` to its unsimplified build.
  public var prove: Bool

  /// Creates settings.
  public init(
    task: LogicTask, training: LogicTrainingSettings, train: Int, test: Int, validation: Double = 0.1, side: Int = 7,
    dataSeed: UInt64 = 1, tolerance: Double = 0.01, nStart: Int = 3, library: CellLibrary = .cmos45nm,
    powerSamples: Int = 500, clockFractions: [Double] = [], prove: Bool = false
  ) {
    self.task = task
    self.training = training
    self.train = train
    self.test = test
    self.validation = validation
    self.side = side
    self.dataSeed = dataSeed
    self.tolerance = tolerance
    self.nStart = nStart
    self.library = library
    self.powerSamples = powerSamples
    self.clockFractions = clockFractions
    self.prove = prove
  }
}

/// The outcome of one run: accuracies, the restricted-weight search, and the three designs' costs.
public struct LogicExperimentResult: Sendable {
  /// One design (generic, embedded, embedded + hardware-aware) pipelined one way.
  public struct Design: Sendable {
    /// `generic`, `embedded`, `embedded + hardware-aware`.
    public var name: String
    /// Its cost.
    public var cost: DesignCost
    /// Critical-path delay of the whole network's logic in one piece, in seconds.
    public var logicDelay: Double
  }

  /// One step of the restricted search.
  public struct Step: Sendable {
    /// Values allowed, and which.
    public var n: Int, levels: [Int]
    /// Integer-network accuracies.
    public var validationAccuracy: Double, testAccuracy: Double
    /// Summed constant-multiplier area (the table's), and the mapped embedded network's
    /// transistors and area (nil when the steps' circuits were not built).
    public var multiplierArea: Double, transistors: Int?, area: Double?
  }

  /// Test accuracy of the float network, the quantised network and the hardware-aware network.
  public var floatAccuracy: Double, quantizedAccuracy: Double, hardwareAwareAccuracy: Double
  /// Validation accuracy of the unrestricted quantised network (the search's reference).
  public var referenceValidationAccuracy: Double
  /// The search's steps; the last is the n found.
  public var steps: [Step]
  /// Whether the last step met the tolerance.
  public var found: Bool
  /// Designs: each of the three, combinational and layer-pipelined.
  public var designs: [Design]
  /// The hardware-aware embedded design pipelined to every target clock (after its combinational and layer forms).
  public var pipelines: [DesignCost]
  /// Test samples on which the embedded circuits and the integer networks differ (0 expected), and samples checked.
  public var mismatches: Int, checked: Int
  /// Whether Yosys and ABC proved the embedded circuit equivalent to the reference (nil: not asked).
  public var proved: Bool?
  /// Weights in all and non-zero weights of the quantised and hardware-aware networks.
  public var weights: Int, nonzeroQuantized: Int, nonzeroHardwareAware: Int
  /// The quantised and hardware-aware integer networks.
  public var quantized: IntegerNetwork, hardwareAware: IntegerNetwork
}

/// The logic-design experiment for one seed: train, quantise, search the restricted weight
/// set, build and cost the generic, embedded and hardware-aware embedded designs.
public enum LogicDesignExperiment {
  /// Runs the experiment; `progress` hears of each phase.
  public static func run(
    _ settings: LogicExperimentSettings, table: MultiplierCostTable, progress: TechniqueProgressHandler? = nil
  ) throws -> LogicExperimentResult {
    let t = settings.training
    guard table.weightBits == t.weightBits, table.activationBits == t.activationBits else {
      throw LogicDesignError(
        "the multiplier table is for \(table.activationBits)-bit activations and \(table.weightBits)-bit weights, the network has \(t.activationBits) and \(t.weightBits)")
    }
    guard settings.clockFractions.allSatisfy({ $0 > 0 && $0 <= 1 }) else {
      throw LogicDesignError("clock fractions must be in (0, 1], got \(settings.clockFractions)")
    }
    guard settings.powerSamples >= 2 else { throw LogicDesignError("power needs at least 2 samples, got \(settings.powerSamples)") }
    let data = try settings.task.load(
      train: settings.train, test: settings.test, validation: settings.validation, side: settings.side,
      inputBits: t.inputBits, seed: settings.dataSeed)
    guard let validation = data.validation else { throw LogicDesignError("no validation set") }
    let float = try LogicNetworkTraining.trainFloat(train: data.train, settings: t, progress: progress)
    let floatAccuracy = try float.evaluate(on: data.test).accuracy
    let quantized = try LogicNetworkTraining.quantize(float, train: data.train, settings: t, progress: progress)
    let reference = try LogicNetworkTraining.accuracy(quantized.network, on: validation)
    let search = try RestrictedWeightSearch.search(
      floatModel: float, train: data.train, validation: validation, settings: t, table: table,
      activations: quantized.activations, reference: reference, tolerance: settings.tolerance, start: settings.nStart,
      progress: progress)
    guard let chosen = search.last else { throw LogicDesignError("the restricted search tried no n") }
    var steps: [LogicExperimentResult.Step] = []
    for (index, step) in search.enumerated() {
      let netlist = settings.stepCircuits
        ? try NetworkCircuits.network(step.trained.network, style: .embedded).technologyMapped(to: settings.library) : nil
      steps.append(.init(
        n: step.n, levels: step.levels, validationAccuracy: step.validationAccuracy,
        testAccuracy: try LogicNetworkTraining.accuracy(step.trained.network, on: data.test),
        multiplierArea: step.multiplierArea, transistors: netlist?.transistorCount, area: netlist?.area))
      try progress?(TechniqueProgress(task: "circuits of the search", done: index + 1, total: search.count))
    }
    let hardwareAware = chosen.trained.network
    let testInputs = try IntegerNetwork.inputLevels(data.test.inputs, bits: t.inputBits)
    let stream = Array(testInputs.prefix(settings.powerSamples))
    var designs: [LogicExperimentResult.Design] = []
    var pipelines: [DesignCost] = []
    var mismatches = 0
    let variants: [(String, IntegerNetwork, CircuitStyle)] = [
      ("generic", quantized.network, .generic), ("embedded", quantized.network, .embedded),
      ("embedded + hardware-aware", hardwareAware, .embedded),
    ]
    for (index, (name, network, style)) in variants.enumerated() {
      let costs = try NetworkCostModel.measure(network, style: style, samples: stream, library: settings.library)
      if style == .embedded {
        let circuit = NetworkCircuits.network(network, style: .embedded)
        let classes = try NetworkCircuits.classify(circuit, network: network, samples: testInputs)
        mismatches += zip(classes, network.classify(testInputs)).filter { $0 != $1 }.count
      }
      designs.append(.init(name: name, cost: costs.combinational(), logicDelay: costs.whole.criticalDelay))
      designs.append(.init(name: name, cost: costs.layerPipeline(), logicDelay: costs.whole.criticalDelay))
      if index == variants.count - 1 {
        let layers = costs.layerPipeline()
        pipelines = [costs.combinational(), layers]
          + (try settings.clockFractions.map { try costs.balanced(period: $0 * layers.clockPeriod) })
      }
      try progress?(TechniqueProgress(task: "costs", done: index + 1, total: variants.count))
    }
    var proved: Bool?
    if settings.prove {
      // Against the generic reference, ABC's SAT sweeping does not finish in minutes for
      // networks of thousands of weights (see BENCHMARKS.md); the unsimplified embedded build is
      // the reference here, and the tests prove small networks against the generic one.
      proved = try EquivalenceProof.prove(
        NetworkCircuits.network(hardwareAware, style: .embedded),
        against: NetworkCircuits.network(hardwareAware, style: .embedded, simplify: false)
      ).equivalent
    }
    return LogicExperimentResult(
      floatAccuracy: floatAccuracy, quantizedAccuracy: try LogicNetworkTraining.accuracy(quantized.network, on: data.test),
      hardwareAwareAccuracy: try LogicNetworkTraining.accuracy(hardwareAware, on: data.test),
      referenceValidationAccuracy: reference, steps: steps,
      found: chosen.validationAccuracy >= reference - settings.tolerance, designs: designs, pipelines: pipelines,
      mismatches: mismatches, checked: testInputs.count * 2, proved: proved, weights: quantized.network.weightCount,
      nonzeroQuantized: quantized.network.nonzeroWeightCount, nonzeroHardwareAware: hardwareAware.nonzeroWeightCount,
      quantized: quantized.network, hardwareAware: hardwareAware)
  }
}
