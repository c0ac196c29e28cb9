import Hardware
import Kernel
import NeuralNetwork
import Techniques

/// CorrectNet (Eldebiky et al., DATE 2023): error suppression by a Lipschitz penalty
/// (`train(..., penalties: [lipschitz(beta, sigma: s)])`), error compensation of chosen layers by
/// small digital generators and compensators, and a greedy choice of the layers to compensate.
///
/// The engine side is `Techniques/CorrectNet`; this folder turns its settings into checked
/// arguments and its results into objects with rows, members and a display.
enum CorrectNetLibrary {
  static let category = "CorrectNet"

  static func register(into registry: BuiltinRegistry) {
    registry.describe(
      category: category,
      "Eldebiky et al., DATE 2023: robustness of networks on RRAM crossbars under log-normal variation. Suppression "
        + "bounds every layer's spectral norm by λ = k / (e^{σ²/2} + 3√((e^{σ²} − 1)e^{σ²})) through the penalty "
        + "β·Σ‖WᵀW − λ²I‖²; compensation adds C(G(x)) from small digital maps to chosen layers' outputs; a greedy search "
        + "(standing in for the paper's reinforcement learning) chooses the layers.")
    registry.document(
      type: CompensationObject.typeName, category: category,
      doc: "A network with trained compensation units; rows are the compensated layers.",
      members: CompensationObject.memberDocs)
    registry.document(
      type: CompensationSearchObject.typeName, category: category,
      doc: "The steps of `select_compensation`; rows are trials.", members: CompensationSearchObject.memberDocs)
    registerSuppression(into: registry)
    registerCompensation(into: registry)
    registerSearch(into: registry)
  }

  // MARK: - Suppression

  static func registerSuppression(into registry: BuiltinRegistry) {
    registry.register(
      "lipschitz", category: category,
      doc: "CorrectNet's suppression term `beta · Σ_l ‖W_lᵀW_l − λ²I‖²` (λ from `sigma` and `k`) for `train(..., penalties: [...])`.",
      parameters: [
        Parameter("beta", .number), Parameter("sigma", .number), Parameter("k", .number, default: .number(0.9)),
      ],
      returns: .object(PenaltyObject.typeName)
    ) { args, _ in
      let (sigma, k) = try bound(args)
      let beta = try args.number("beta")
      guard beta.isFinite, beta >= 0 else {
        throw args.error("beta", "must be zero or positive, got \(NumberFormatting.plain(beta))")
      }
      let recipe = PenaltyRecipe.lipschitz(beta: beta, sigma: sigma, k: k)
      return .object(PenaltyObject(try NeuralNetworkLibrary.engine("lipschitz") { try recipe.make() }, recipe: recipe))
    }
    registry.register(
      "lipschitz_lambda", category: category,
      doc: "λ = k / (e^{σ²/2} + 3√((e^{σ²} − 1)e^{σ²})), the bound on each layer's spectral norm for variation `sigma`.",
      parameters: [Parameter("sigma", .number), Parameter("k", .number, default: .number(0.9))],
      returns: .number
    ) { args, _ in
      let (sigma, k) = try bound(args)
      return .number(try NeuralNetworkLibrary.engine("lipschitz_lambda") { try LipschitzBound(sigma: sigma, k: k).lambda })
    }
    registry.register(
      "weight_spectrum", category: category,
      doc: "The largest singular value of every convolution and linear layer's weights (as an out × in·kh·kw matrix): records {layer, matrix, sigma_max}.",
      parameters: [Parameter("net", .object(ModelObject.typeName))],
      returns: .list
    ) { args, _ in
      let net = try args.object("net", as: ModelObject.self)
      let spectrum = try NeuralNetworkLibrary.engine("weight_spectrum") { try WeightSpectrum.of(net.model) }
      return .list(
        spectrum.map { layer in
          .record(
            Record([
              ("layer", .string(layer.layer)), ("matrix", .string(layer.matrix.map(String.init).joined(separator: " x "))),
              ("sigma_max", .number(layer.largestSingularValue)),
            ]))
        })
    }
  }

  /// `sigma` (>= 0) and `k` (in (0, 1)), checked with the argument named.
  static func bound(_ args: Arguments) throws -> (sigma: Double, k: Double) {
    let sigma = try args.number("sigma")
    guard sigma.isFinite, sigma >= 0 else {
      throw args.error("sigma", "must be a finite number >= 0, got \(NumberFormatting.plain(sigma))")
    }
    let k = try args.number("k")
    guard k.isFinite, k > 0, k < 1 else {
      throw args.error("k", "must be between 0 and 1 (the bound needs k < 1), got \(NumberFormatting.plain(k))")
    }
    return (sigma, k)
  }

  /// The variation of a `sigma` argument: a number (the weight model) or a Variation.
  static func variation(_ args: Arguments, _ name: String = "sigma") throws -> LogNormalVariation {
    switch args[name] {
    case .number(let sigma):
      guard sigma.isFinite, sigma >= 0 else {
        throw args.error(name, "must be a finite number >= 0, got \(NumberFormatting.plain(sigma))")
      }
      return try LogNormalVariation(sigma: sigma)
    case .object(let spec as CrossbarVariationObject): return spec.variation
    default: throw args.error(name, "must be a sigma or a Variation (`lognormal(0.2)`), got \(args[name].typeName)")
    }
  }

  /// Checks layer names against the layers that can be compensated, suggesting the nearest.
  static func checkLayers(_ names: [String], of model: Model, function: String) throws {
    let candidates = CompensatedNetwork.candidates(of: model)
    for name in names where !candidates.contains(name) {
      let what = model.layer(name).map { "layer '\(name)' is a \($0.typeName), not a convolution or linear layer" }
        ?? "model '\(model.name)' has no layer '\(name)'"
      throw LabError(
        "\(function)(): \(what)\(Suggestion.hint(for: name, among: candidates)) (layers that can be compensated: \(candidates.joined(separator: ", ")))")
    }
  }
}
