import Foundation
import NeuralNetwork
import Testing

@testable import Bindings
@testable import Kernel

/// Whether the Fashion-MNIST files are installed (Debian package `dataset-fashion-mnist`).
let capHasFashionMNIST = FashionMNIST.isAvailable()

/// A session with a small Fashion-MNIST set and a narrow VGG-small trained briefly, ready for pruning.
func capPreparedSession() -> (Session, CellResult) {
  let session = Session(file: "cap.md")
  let setup = """
    data = fashion_mnist(train: 60, test: 30, seed: 1)
    net = vgg_small(width: 0.0625, input: data, seed: 1)
    h = train(net, data, epochs: 1, lr: 0.02, penalties: [l1(0.001), orthogonality(0.01)])
    """
  return (session, session.run(setup, line: 1))
}

@Suite("Class-aware pruning builtins", .requires("dataset-fashion-mnist (make test installs it) or NNLAB_DATA", capHasFashionMNIST))
struct ClassAwarePruningLibraryTests {
  @Test func filterImportanceGivesRowsScoresAndLayerSummaries() throws {
    let (session, setup) = capPreparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      imp = filter_importance(net, data, per_class: 2, seed: 3)
      n = len(imp.scores)
      first = imp.by_layer[0]
      below = imp.below(100)
      conv1 = imp.layer("conv1")
      rows = len(table(imp).rows)
      imp
      """, line: 10)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    // VGG-small at width 1/16: 8, 8, 16, 16, 32, 32 filters.
    #expect(session.value(of: "n")?.repr == "112")
    #expect(session.value(of: "below")?.repr == "112")
    #expect(session.value(of: "rows")?.repr == "112")
    #expect(session.value(of: "first")?.repr.contains("layer: \"conv1\"") == true)
    guard case .list(let scores)? = session.value(of: "conv1") else {
      Issue.record("imp.layer gave no list")
      return
    }
    let values = scores.compactMap { if case .number(let x) = $0 { return x } else { return nil } }
    #expect(values.count == 8)
    // Two images per class: a class adds 0, 1/2 or 1 to a filter's score (the share of its
    // images for which the filter mattered), so every score is a multiple of 1/2 up to 10.
    #expect(values.allSatisfy { ($0 * 2).rounded() == $0 * 2 && (0...10).contains($0) }, "\(values)")
    guard case .table(let table)? = result.outputs.first(where: { if case .table = $0 { return true } else { return false } }) else {
      Issue.record("no table displayed")
      return
    }
    #expect(table.columns == ["layer", "filters", "mean", "min", "max"])
    // The layer summary is the arithmetic of conv1's own scores.
    let row = try #require(table.rows.first)
    #expect(row.map(\.text).prefix(2) == ["conv1", "8"])
    let mean = values.reduce(0, +) / 8
    #expect(abs((row[2].number ?? .nan) - mean) < 1e-9, "\(row[2].text) vs \(mean)")
    #expect(row[3].number == values.min() && row[4].number == values.max())
  }

  @Test func classAwarePruneShrinksACopyAndFeedsTheBaselines() throws {
    let (session, setup) = capPreparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      r = class_aware_prune(net, data, threshold: 100, max_per_layer: 2, min_filters: 4, rounds: 1,
                            finetune_epochs: 1, per_class: 2, seed: 2)
      rounds = len(r.rounds)
      removed = r.final.removed
      smaller = r.model.macs < net.macs
      same = r.baseline.macs == net.macs
      columns = keys(r.rounds[0])
      b = prune_filters(net, data, method: "l1", like: r)
      equal = b.macs == r.final.macs and b.params == r.final.params
      epochs = b.epochs
      c = prune_filters(net, data, method: "random", like: [{layer: "conv6", count: 30}], epochs: 0)
      cut = net.macs - c.macs
      expected_cut = (net.layer("conv6").macs + net.layer("fc").macs) * 2 / 32
      """, line: 20)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    #expect(session.value(of: "rounds")?.repr == "2")
    // Two filters from each of the six convolutions.
    #expect(session.value(of: "removed")?.repr == "12")
    #expect(session.value(of: "smaller")?.repr == "true")
    #expect(session.value(of: "same")?.repr == "true")
    #expect(session.value(of: "equal")?.repr == "true")
    #expect(session.value(of: "epochs")?.repr == "1")
    #expect(
      session.value(of: "columns")?.repr
        == #"["round", "accuracy", "below_threshold", "removed", "mean_importance", "params", "macs", "filters", "kept"]"#)
    // Pruning conv6 to 30 of its 32 filters removes 2/32 of conv6's MACs and of the MACs of the
    // next layer that reads those channels (the classifier; batch norm and pooling count none):
    // (451,584 + 2,880) * 2 / 32.
    #expect(session.value(of: "expected_cut")?.repr == "28404")
    #expect(session.value(of: "cut")?.repr == "28404")
  }

  @Test func argumentErrorsNameTheArgument() {
    let (session, setup) = capPreparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let typo = session.run("filter_importance(net, data, aggregation: \"tlak\")", line: 30)
    #expect(
      typo.error?.message
        == #"filter_importance(): argument 'aggregation' must be one of "talk", "code", got "tlak"; did you mean 'talk'?"#)
    let negative = session.run("class_aware_prune(net, data, threshold: -1)", line: 31)
    #expect(
      negative.error?.message
        == "class_aware_prune(): argument 'threshold' must be zero or positive (a number of classes), got -1")
    let unknown = session.run("prune_filters(net, data, method: \"l1\", like: [{layer: \"conv9\", count: 2}])", line: 32)
    #expect(unknown.error?.message.contains("conv9") == true)
    let method = session.run("prune_filters(net, data, method: \"l2\", like: {conv1: 4})", line: 33)
    #expect(method.error?.message.contains("\"l1\"") == true)
    let floor = session.run("class_aware_prune(net, data, threshold: 5, floor: 90)", line: 34)
    #expect(floor.error?.message.contains("floor") == true)
    #expect(floor.error?.location?.line == 34)
  }

  @Test func aQuantisedModelIsRefused() {
    let (session, setup) = capPreparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let result = session.run(
      """
      q = quantize(net, bits: 8, activations: 8, calibrate: data)
      filter_importance(q, data)
      """, line: 40)
    #expect(result.error?.message.contains("argument 'net'") == true, "\(result.error?.message ?? "no error")")
    #expect(result.error?.location?.line == 41)
  }

  @Test func progressIsReportedPerClassAndPerBatch() {
    let (session, setup) = capPreparedSession()
    #expect(setup.error == nil, "\(setup.error?.rendered ?? "")")
    let box = CAPEvents()
    session.onProgress = { box.add($0.task) }
    let result = session.run("r = class_aware_prune(net, data, threshold: 100, max_per_layer: 1, rounds: 1, finetune_epochs: 1, per_class: 1)", line: 50)
    #expect(result.error == nil, "\(result.error?.rendered ?? "")")
    let tasks = box.tasks
    #expect(tasks.contains("class_aware_prune: round 0: importance"))
    #expect(tasks.contains("class_aware_prune: round 1: fine-tune"))
  }
}

/// Progress task names collected from the session's callback.
final class CAPEvents: @unchecked Sendable {
  private let lock = NSLock()
  private var seen = Set<String>()
  func add(_ task: String) { lock.lock(); seen.insert(task); lock.unlock() }
  var tasks: Set<String> { lock.lock(); defer { lock.unlock() }; return seen }
}
