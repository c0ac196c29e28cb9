import Kernel
import NeuralNetwork

extension HistoryObject: CacheableObject {
  /// Every epoch's record, validation accuracy by epoch, and the model's name.
  public func encode(to writer: CacheWriter) throws {
    writer.int(history.epochs.count)
    for epoch in history.epochs {
      writer.int(epoch.epoch)
      writer.double(epoch.loss)
      writer.double(epoch.trainAccuracy)
      writer.optionalDouble(epoch.testAccuracy)
      writer.double(Double(epoch.learningRate))
      writer.double(epoch.seconds)
      writer.double(epoch.examplesPerSecond)
    }
    let epochs = validationAccuracy.keys.sorted()
    writer.ints(epochs)
    writer.doubles(epochs.map { validationAccuracy[$0]! })
    writer.string(modelName)
  }

  /// Reads what ``encode(to:)`` wrote.
  public static func decode(from reader: CacheReader) throws -> HistoryObject {
    var history = TrainingHistory()
    for _ in 0..<(try reader.count(elementSize: 40)) {
      history.epochs.append(
        EpochRecord(
          epoch: try reader.int(), loss: try reader.double(), trainAccuracy: try reader.double(),
          testAccuracy: try reader.optionalDouble(), learningRate: Float(try reader.double()), seconds: try reader.double(),
          examplesPerSecond: try reader.double()))
    }
    let epochs = try reader.ints()
    let accuracies = try reader.doubles()
    guard epochs.count == accuracies.count else { throw CacheFormatError("cached history has a bad validation column") }
    return HistoryObject(
      history, validationAccuracy: Dictionary(zip(epochs, accuracies), uniquingKeysWith: { a, _ in a }),
      modelName: try reader.string())
  }
}
