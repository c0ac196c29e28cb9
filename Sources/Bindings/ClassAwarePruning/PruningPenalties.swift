import Kernel
import NeuralNetwork
import Techniques

/// `l1` and `orthogonality`: class-aware pruning's loss terms, for `train(..., penalties:)`.
extension ClassAwarePruningLibrary {
  static func registerPenalties(into registry: BuiltinRegistry) {
    registry.register(
      "l1", category: category,
      doc: "The sparsity term `weight · Σ|w|` for `train(..., penalties: [...])`; `scope` \"weights\" covers conv and linear weights, \"all\" every parameter (the authors' code).",
      parameters: [Parameter("weight", .number), Parameter("scope", .string, default: .string("weights"))],
      returns: .object(PenaltyObject.typeName)
    ) { args, _ in
      let weight = try penaltyWeight(args)
      let scope: L1Scope = try args.choice("scope", among: l1Scopes) == "all" ? .allParameters : .weights
      let recipe = PenaltyRecipe.l1(weight: weight, scope: scope)
      return .object(PenaltyObject(try recipe.make(), recipe: recipe))
    }
    registry.register(
      "orthogonality", category: category,
      doc: "The orthogonality term `weight · Σ_l L_orth(W_l)` over every convolution for `train(..., penalties: [...])`; `kind` \"kernel\" is the talk's ‖KKᵀ − I‖, \"convolutional\" Wang et al.'s (the authors' code).",
      parameters: [Parameter("weight", .number), Parameter("kind", .string, default: .string("kernel"))],
      returns: .object(PenaltyObject.typeName)
    ) { args, _ in
      let weight = try penaltyWeight(args)
      let recipe = PenaltyRecipe.orthogonality(weight: weight, kind: try args.choice("kind", as: OrthogonalityKind.self))
      return .object(PenaltyObject(try recipe.make(), recipe: recipe))
    }
  }

  /// A penalty's weight: zero or positive.
  static func penaltyWeight(_ args: Arguments) throws -> Double {
    let weight = try args.number("weight")
    guard weight >= 0, weight.isFinite else {
      throw args.error("weight", "must be zero or positive, got \(NumberFormatting.plain(weight))")
    }
    return weight
  }
}
