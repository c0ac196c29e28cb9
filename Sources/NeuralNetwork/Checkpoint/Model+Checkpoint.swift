extension Model {
  /// Saves the architecture and every tensor to a checkpoint file at `path`.
  public func save(to path: String) throws {
    try Checkpoint(model: self).write(to: path)
  }

  /// Rebuilds a model saved with `save(to:)`.
  public static func load(from path: String) throws -> Model {
    do {
      return try Checkpoint(contentsOf: path).makeModel()
    } catch var error as CheckpointError where error.path == nil {
      error.path = path
      let prefix = "checkpoint: "
      let detail = error.message.hasPrefix(prefix) ? String(error.message.dropFirst(prefix.count)) : error.message
      error.message = "\(path): \(detail)"
      throw error
    }
  }
}
