import Charts
import Kernel
import NeuralNetwork

/// A training run's record in the language: one row per epoch (`epoch`, `loss`, `train_accuracy`,
/// `test_accuracy`, ...), so `table(h)`, `line_chart(h, x: "epoch", y: "loss")` and `h[0]` work.
public final class HistoryObject: LabObject {
  /// `History`.
  public static let typeName = "History"
  /// The engine's per-epoch records.
  public let history: TrainingHistory
  /// Validation accuracy after each epoch, by epoch, when the data had a validation set.
  public let validationAccuracy: [Int: Double]
  /// The name of the model trained, for the chart's title.
  public let modelName: String

  /// Wraps a run's history; `validationAccuracy` is keyed by epoch.
  public init(_ history: TrainingHistory, validationAccuracy: [Int: Double] = [:], modelName: String) {
    self.history = history
    self.validationAccuracy = validationAccuracy
    self.modelName = modelName
  }

  /// The columns present: test and validation accuracy only when measured.
  var columns: [String] {
    var columns = ["epoch", "loss", "train_accuracy"]
    if history.epochs.contains(where: { $0.testAccuracy != nil }) { columns.append("test_accuracy") }
    if !validationAccuracy.isEmpty { columns.append("validation_accuracy") }
    return columns + ["lr", "seconds", "examples_per_second"]
  }

  /// One record per epoch, with the columns of ``columns``.
  public func rows() -> [Record]? {
    let columns = self.columns
    return history.epochs.map { epoch in
      var fields: [(key: String, value: Value)] = [
        ("epoch", .number(Double(epoch.epoch))), ("loss", .number(epoch.loss)),
        ("train_accuracy", .number(epoch.trainAccuracy)),
      ]
      if columns.contains("test_accuracy") { fields.append(("test_accuracy", epoch.testAccuracy.map(Value.number) ?? .none)) }
      if columns.contains("validation_accuracy") {
        fields.append(("validation_accuracy", validationAccuracy[epoch.epoch].map(Value.number) ?? .none))
      }
      fields += [
        ("lr", .number(Double(epoch.learningRate))), ("seconds", .number(epoch.seconds)),
        ("examples_per_second", .number(epoch.examplesPerSecond)),
      ]
      return Record(fields)
    }
  }

  static let memberDocs: [(name: String, doc: String)] = [
    ("epochs", "The number of epochs trained."),
    ("last", "The last epoch's row (a record), or none before any epoch."),
    ("rows", "Every epoch's row, as a list of records."),
    ("columns", "The names of the fields of each row."),
    ("loss", "The mean training loss of each epoch."),
    ("train_accuracy", "The training accuracy of each epoch (measured while training)."),
    ("test_accuracy", "The test accuracy after each epoch (none where it was not measured)."),
    ("validation_accuracy", "The validation accuracy after each epoch, when the data had a validation set."),
    ("seconds", "The training time of the whole run, in seconds (evaluation excluded)."),
  ]

  /// See ``memberDocs``.
  public var memberNames: [String] { HistoryObject.memberDocs.map(\.name) }

  /// The members of ``memberDocs``.
  public func member(_ name: String) throws -> Value? {
    let records = rows() ?? []
    switch name {
    case "epochs": return .number(Double(history.epochs.count))
    case "last": return records.last.map(Value.record) ?? Value.none
    case "rows": return .list(records.map(Value.record))
    case "columns": return .list(columns.map(Value.string))
    case "loss", "train_accuracy", "test_accuracy", "validation_accuracy":
      return .list(records.map { $0[name] ?? .none })
    case "seconds": return .number(history.epochs.reduce(0) { $0 + $1.seconds })
    default: return nil
    }
  }

  /// `<History 10 epochs: loss 0.312, test_accuracy 0.887>`.
  public var summary: String {
    guard let last = history.last else { return "<History: no epochs>" }
    var text = "<History \(last.epoch) epoch\(last.epoch == 1 ? "" : "s"): loss \(NumberFormatting.general(last.loss, significant: 3))"
    if let test = last.testAccuracy { text += ", test_accuracy \(NumberFormatting.general(test, significant: 3))" }
    return text + ">"
  }

  /// A line chart of loss and accuracies per epoch, then the table of epochs.
  public func display() -> [DisplayItem] {
    guard let records = rows(), !records.isEmpty else { return [.text(summary)] }
    var spec = ChartSpec(kind: .line, title: "Training \(modelName)", xLabel: "epoch", yLabel: "loss / accuracy")
    for column in columns where ["loss", "train_accuracy", "test_accuracy", "validation_accuracy"].contains(column) {
      var series = ChartSpec.Series(name: column, y: [])
      for record in records {
        guard case .number(let x)? = record["epoch"], case .number(let y)? = record[column] else { continue }
        series.x.append(x)
        series.y.append(y)
      }
      spec.series.append(series)
    }
    var items: [DisplayItem] = [.chart(ChartDisplay(spec: spec))]
    let formats = Dictionary(
      uniqueKeysWithValues: columns.compactMap { column -> (String, FormatSpec)? in
        let text: String? =
          switch column {
          case "loss": ".4f"
          case "train_accuracy", "test_accuracy", "validation_accuracy": ".2%"
          case "lr": ".4g"
          case "seconds": ".2f"
          case "examples_per_second": ",.0f"
          default: nil
          }
        return text.flatMap { try? FormatSpec($0) }.map { (column, $0) }
      })
    if let table = try? TableObject(columns: columns, records: records, caption: nil, formats: formats) {
      items += table.display()
    }
    return items
  }
}
