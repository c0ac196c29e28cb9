import Tensor

/// One row of a model summary.
public struct LayerSummary: Equatable, Sendable {
  /// The layer's dotted path.
  public var name: String
  /// The kind of layer.
  public var type: String
  /// The per-example output shape.
  public var outputShape: [Int]
  /// Trainable scalars owned by the layer.
  public var parameters: Int
  /// Multiply-accumulates per example.
  public var macs: Int
}

extension Model {
  /// One row per leaf layer (and per residual sum), in execution order.
  public func summary() -> [LayerSummary] {
    guard let trace = try? shapeTrace() else { return [] }
    var rows = [LayerSummary]()
    func visit(_ layers: [Layer]) {
      for layer in layers {
        guard let shapes = trace[layer.path] else { continue }
        if let seq = layer as? Sequential {
          visit(seq.layers)
        } else if let block = layer as? ResidualBlock {
          visit(block.children)
          rows.append(
            LayerSummary(name: layer.path, type: "ResidualAdd", outputShape: shapes.output, parameters: 0, macs: 0))
        } else {
          rows.append(
            LayerSummary(
              name: layer.path, type: layer.typeName, outputShape: shapes.output, parameters: layer.ownParameterCount,
              macs: layer.macs(for: shapes.input)))
        }
      }
    }
    visit(root.layers)
    return rows
  }

  /// Multiply-accumulates per example, over all layers.
  public var macs: Int { summary().reduce(0) { $0 + $1.macs } }

  /// A plain-text table of the summary with totals.
  public var summaryText: String {
    let rows = summary()
    let header = ["name", "type", "output", "params", "MACs"]
    let cells = rows.map { [$0.name, $0.type, "\($0.outputShape)", "\($0.parameters)", "\($0.macs)"] }
    let total = ["total", "", "", "\(parameterCount)", "\(macs)"]
    let all = [header] + cells + [total]
    let widths = (0..<header.count).map { c in all.map { $0[c].count }.max() ?? 0 }
    return all.map { row in
      row.enumerated().map { c, cell in
        let pad = String(repeating: " ", count: widths[c] - cell.count)
        return c >= 3 ? pad + cell : cell + pad
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
