import Kernel
import Techniques

/// Logic design of networks with embedded weights (Xu et al., ASP-DAC 2024): the talk's worked
/// examples beside this project's models. The circuits themselves are the digital-hardware
/// builtins (`multiplier`, `mac`, `embed`).
enum LogicDesignLibrary {
  static let category = "Logic design"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Xu, Zhang, Schlichtmann and Li, ASP-DAC 2024: once trained, a network's weights are constants; embedded "
        + "into its multipliers they let logic synthesis remove what becomes redundant.")
    registerNetwork(into: registry)
    registry.register(
      "talk_examples", category: category,
      doc: "The logic-design talk's reported reductions (2-bit multiplier with weight -2; MAC with two embedded 2-bit weights) beside ours on the cell `library`.",
      parameters: [HardwareLibrary.libraryParameter],
      returns: .object(TableObject.typeName)
    ) { args, context in
      let library = try HardwareLibrary.cellLibrary(args, context)
      let (multiplier, mac) = try NeuralNetworkLibrary.engine("talk_examples") {
        (try LogicDesignExamples.multiplier(library: library), try LogicDesignExamples.mac(library: library))
      }
      let reportedM = LogicDesignExamples.reportedMultiplier, reportedMAC = LogicDesignExamples.reportedMAC
      func row(_ example: String, _ metric: String, _ talk: Double, _ ours: Double) -> Record {
        Record([("example", .string(example)), ("metric", .string(metric)), ("talk", .number(-talk)), ("ours", .number(-ours))])
      }
      let records = [
        row("2-bit multiplier, w = -2", "delay", reportedM.delay, multiplier.delayReduction),
        row("2-bit multiplier, w = -2", "power", reportedM.power, multiplier.powerReduction),
        row("MAC, w = (-2, 1)", "delay", reportedMAC.delay, mac.delayReduction),
        row("MAC, w = (-2, 1)", "power", reportedMAC.power, mac.powerReduction),
        // A Liberty library gives cell areas, not transistors: ours is then the area's change.
        library.areaUnit == "transistors"
          ? row("MAC, w = (-2, 1)", "transistors", reportedMAC.transistors, mac.transistorReduction)
          : row("MAC, w = (-2, 1)", "transistors (ours: area)", reportedMAC.transistors, mac.areaReduction),
      ]
      return .object(try TableObject(
        columns: ["example", "metric", "talk", "ours"], records: records,
        caption: "Change from embedding constant weights: the talk (Xu et al., ASP-DAC 2024) and these models (\(HardwareLibrary.cellsName(library)), static delay, power at 1 GHz over 4096 random operations)",
        formats: ["talk": try FormatSpec("+.2%"), "ours": try FormatSpec("+.2%")]))
    }
  }
}
