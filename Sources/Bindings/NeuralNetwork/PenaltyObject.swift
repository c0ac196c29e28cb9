import Kernel
import NeuralNetwork

/// A term `train` adds to the loss (`train(net, data, penalties: [l1(1e-4)])`); each technique
/// defines its own builtins that make one.
final class PenaltyObject: LabObject {
  static let typeName = "Penalty"
  let term: LossTerm
  /// The builtin and arguments that made the term, which the cell cache writes (the term is code);
  /// `nil` for a term it cannot make again.
  let recipe: PenaltyRecipe?

  init(_ term: LossTerm, recipe: PenaltyRecipe? = nil) {
    self.term = term
    self.recipe = recipe
  }

  var summary: String { "<Penalty \(term.name)>" }

  static let memberDocs: [(name: String, doc: String)] = [("name", "What the term adds to the loss.")]

  var memberNames: [String] { PenaltyObject.memberDocs.map(\.name) }

  func member(_ name: String) throws -> Value? {
    name == "name" ? .string(term.name) : nil
  }
}
