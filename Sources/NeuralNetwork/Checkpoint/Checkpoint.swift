import Foundation
import Tensor

/// A saved network: its architecture as JSON and its tensors by name.
///
/// The file format (`Checkpoint+Format.swift`) is versioned and checksummed; `Checkpoint+Model.swift`
/// makes one from a model and restores a model from one.
public struct Checkpoint: Sendable {
  /// The architecture, as UTF-8 JSON text: enough to rebuild the model before its weights are filled in.
  public var architecture: String
  /// The tensors, in the order they are stored, with unique names.
  public private(set) var tensors: [(name: String, tensor: Tensor)]

  /// Creates a checkpoint from JSON architecture text and named tensors.
  public init(architecture: String, tensors: [(name: String, tensor: Tensor)]) throws {
    var seen = Set<String>()
    for (name, _) in tensors where !seen.insert(name).inserted {
      throw CheckpointError(.invalid, message: "checkpoint: tensor name '\(name)' appears twice")
    }
    guard let data = architecture.data(using: .utf8),
      (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil
    else {
      throw CheckpointError(.invalid, message: "checkpoint: the architecture is not valid JSON")
    }
    self.architecture = architecture
    self.tensors = tensors
  }

  /// Creates a checkpoint whose architecture is `architecture` encoded as JSON (keys sorted, so files are stable).
  public init<Architecture: Encodable>(encoding architecture: Architecture, tensors: [(name: String, tensor: Tensor)]) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data: Data
    do {
      data = try encoder.encode(architecture)
    } catch {
      throw CheckpointError(.invalid, message: "checkpoint: the architecture cannot be encoded as JSON (\(error))")
    }
    try self.init(architecture: String(decoding: data, as: UTF8.self), tensors: tensors)
  }

  /// The architecture decoded as `type`.
  public func decodeArchitecture<Architecture: Decodable>(as type: Architecture.Type) throws -> Architecture {
    do {
      return try JSONDecoder().decode(type, from: Data(architecture.utf8))
    } catch {
      throw CheckpointError(
        .mismatch, message: "checkpoint: the architecture does not describe a \(type) (\(error))")
    }
  }

  /// The names of the tensors, in stored order.
  public var names: [String] { tensors.map(\.name) }

  /// The tensor called `name`, if there is one.
  public func tensor(named name: String) -> Tensor? {
    tensors.first { $0.name == name }?.tensor
  }
}
