import Kernel
import NeuralNetwork
import Techniques

/// The builtins that make a penalty, with their arguments: what the cell cache writes for one.
enum PenaltyRecipe {
  /// `l1(weight, scope:)`.
  case l1(weight: Double, scope: L1Scope)
  /// `orthogonality(weight, kind:)`.
  case orthogonality(weight: Double, kind: OrthogonalityKind)
  /// `lipschitz(beta, sigma, k:)`.
  case lipschitz(beta: Double, sigma: Double, k: Double)
  /// `exit_loss(ee, kind:, pos_weight:)`: the heads of an exit model.
  case exitHeads(ExitModelObject, kind: ExitLossKind)

  /// The loss term (a pure function of the arguments).
  func make() throws -> LossTerm {
    switch self {
    case .l1(let weight, let scope): return .l1(weight, scope: scope)
    case .orthogonality(let weight, let kind): return .orthogonality(weight, kind: kind)
    case .lipschitz(let beta, let sigma, let k): return try .lipschitz(beta, sigma: sigma, k: k)
    case .exitHeads(let ee, let kind): return .exitHeads(ee.model, kind: kind)
    }
  }
}

extension PenaltyObject: CacheableObject {
  /// The exit model an exit loss trains (training with the penalty changes its heads).
  var cacheChildren: [LabObject] {
    if case .exitHeads(let ee, _)? = recipe { return [ee] }
    return []
  }

  /// The builtin that made the term and its arguments, bit for bit (an exit loss's model by identity).
  func encode(to writer: CacheWriter) throws {
    guard let recipe else { throw CacheUnsupported("penalty \(term.name) cannot be cached") }
    switch recipe {
    case .l1(let weight, let scope):
      writer.byte(0)
      writer.double(weight)
      writer.string(scope.rawValue)
    case .orthogonality(let weight, let kind):
      writer.byte(1)
      writer.double(weight)
      writer.string(kind.rawValue)
    case .lipschitz(let beta, let sigma, let k):
      writer.byte(2)
      writer.doubles([beta, sigma, k])
    case .exitHeads(let ee, let kind):
      writer.byte(3)
      try writer.object(ee)
      switch kind {
      case .classExclusion(let weight):
        writer.byte(0)
        writer.optionalDouble(weight)
      case .confidence: writer.byte(1)
      }
    }
  }

  /// Makes the term again from what ``encode(to:)`` wrote.
  static func decode(from reader: CacheReader) throws -> PenaltyObject {
    let recipe: PenaltyRecipe
    switch try reader.byte() {
    case 0:
      let weight = try reader.double()
      guard let scope = L1Scope(rawValue: try reader.string()) else { throw CacheFormatError("cached l1 penalty has a bad scope") }
      recipe = .l1(weight: weight, scope: scope)
    case 1:
      let weight = try reader.double()
      guard let kind = OrthogonalityKind(rawValue: try reader.string()) else {
        throw CacheFormatError("cached orthogonality penalty has a bad kind")
      }
      recipe = .orthogonality(weight: weight, kind: kind)
    case 2:
      let values = try reader.doubles()
      guard values.count == 3 else { throw CacheFormatError("cached lipschitz penalty has bad arguments") }
      recipe = .lipschitz(beta: values[0], sigma: values[1], k: values[2])
    case 3:
      let ee = try reader.object(as: ExitModelObject.self)
      switch try reader.byte() {
      case 0: recipe = .exitHeads(ee, kind: .classExclusion(positiveWeight: try reader.optionalDouble()))
      case 1: recipe = .exitHeads(ee, kind: .confidence)
      default: throw CacheFormatError("cached exit loss has an unknown kind")
      }
    default: throw CacheFormatError("cached penalty has an unknown kind")
    }
    do {
      return PenaltyObject(try recipe.make(), recipe: recipe)
    } catch {
      throw CacheFormatError("cached penalty cannot be made again (\(error))")
    }
  }
}
