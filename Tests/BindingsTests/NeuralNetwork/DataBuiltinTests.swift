import Foundation
import Testing
@testable import Bindings
@testable import Kernel

@Suite struct DataBuiltinTests {
  @Test func syntheticBlobsAreSplitIntoTrainAndTest() {
    let source = """
      d = synthetic("blobs", n: 600, classes: 3, seed: 2)
      print(type(d), d.train.count, d.test.count, d.classes, d.shape, d.validation, d.train.class_counts)
      """
    #expect(output(source) == #"DatasetSplits 480 120 ["blob 0", "blob 1", "blob 2"] [2] none [160, 160, 160]"#)
  }

  @Test func syntheticSpiralsWithValidationAndTheSameSeedGiveTheSameSet() {
    let source = """
      a = synthetic("spirals", n: 300, classes: 3, seed: 5, test: 0.1, validation: 0.2)
      b = synthetic("spirals", n: 300, classes: 3, seed: 5, test: 0.1, validation: 0.2)
      print(a.train.count, a.validation.count, a.test.count, a.train.labels == b.train.labels, a.train.inputs.values == b.train.inputs.values)
      """
    #expect(output(source) == "216 54 30 true true")
  }

  @Test func datasetMembersAndMethods() {
    let source = """
      d = synthetic("blobs", n: 90, classes: 3, seed: 1)
      s = d.train.subset(30, seed: 4)
      e = d.test.select([0, 2])
      print(s.count, s.class_counts, e.count, e.labels == [d.test.labels[0], d.test.labels[2]], d.train.inputs.shape, d.train)
      """
    #expect(output(source) == "30 [10, 10, 10] 2 true [72, 2] <Dataset train: 72 examples [2], 3 classes>")
  }

  @Test func datasetSplitsPutsPartsTogether() {
    let source = """
      d = synthetic("blobs", n: 90, classes: 3, seed: 1, validation: 0.2)
      s = dataset_splits(train: d.train.subset(30, seed: 2), test: d.validation)
      v = dataset_splits(train: d.train, test: d.test, validation: d.validation)
      print(s.train.count, s.test.count, s.test.labels == d.validation.labels, s.validation, v.validation.count, s.classes == d.classes)
      """
    #expect(output(source) == "30 14 true none 14 true")
  }

  @Test func datasetSplitsRejectsPartsThatDoNotFit() {
    expectError(
      """
      a = synthetic("blobs", n: 60, classes: 3, seed: 1)
      b = synthetic("blobs", n: 60, classes: 2, seed: 1)
      dataset_splits(train: a.train, test: b.test)
      """, at: "3:1",
      "dataset_splits(): argument 'test' must have the training part's example shape [2] and 3 classes, got [2] and 2")
  }

  @Test func splitsAndSetsDisplayAsTables() {
    let result = run("synthetic(\"blobs\", n: 60, classes: 2)")
    #expect(result.error == nil)
    let tables = result.outputs.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
    #expect(tables.first?.columns == ["part", "examples", "shape", "classes"])
    #expect(tables.first?.rows.map { $0.map(\.text) } == [["train", "48", "[2]", "2"], ["test", "12", "[2]", "2"]])
  }

  @Test func badSyntheticArgumentsAreExplained() {
    expectError(
      #"synthetic("blob")"#, at: "1:1",
      #"synthetic(): argument 'kind' must be one of "blobs", "spirals", got "blob"; did you mean 'blobs'?"#)
    expectError(
      #"synthetic("blobs", n: 100, classes: 3)"#, at: "1:1",
      "synthetic(): argument 'n' must be a multiple of classes (3) with at least two examples per class, got 100")
    expectError(#"synthetic("blobs", test: 1.5)"#, at: "1:1", "synthetic(): argument 'test' must be a fraction between 0 and 1, got 1.5")
    expectError(#"synthetic("blobs", clases: 3)"#, at: "1:20", "synthetic(): no argument 'clases'; did you mean 'classes'?")
  }

  @Test func fashionMNISTSubsetsArePreparedAsAsked() throws {
    try #require(FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"), "dataset-fashion-mnist is not installed")
    let source = """
      d = fashion_mnist(train: 100, test: 50, seed: 1)
      p = fashion_mnist(train: 100, test: 50, seed: 1, pad: 32)
      s = fashion_mnist(train: 100, test: 50, seed: 1, size: 14, flatten: true, validation: 0.2)
      print(d.train.count, d.test.count, d.shape, p.shape, s.shape, s.train.count, s.validation.count, d.classes[0], d.source)
      print(d.train.inputs.min, d.train.inputs.max <= 1, d.train.labels == fashion_mnist(train: 100, test: 50, seed: 1).train.labels)
      """
    #expect(output(source) == "100 50 [1, 28, 28] [1, 32, 32] [196] 80 20 T-shirt/top Fashion-MNIST\n0 true true")
  }

  @Test func aMissingDataFolderNamesTheDebianPackage() {
    let result = run(#"data = fashion_mnist(train: 10, test: 10, folder: "/nonexistent/fashion")"#, files: .unrestricted)
    #expect(result.error?.location?.line == 1)
    #expect(result.error?.location?.column == 8)
    #expect(
      result.error?.message
        == "fashion_mnist: data folder /nonexistent/fashion not found; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set NNLAB_DATA"
    )
  }

  @Test func badFashionMNISTArgumentsAreExplained() {
    expectError("fashion_mnist(train: 0)", at: "1:1", "fashion_mnist(): argument 'train' must be a positive number of examples, got 0")
    expectError("fashion_mnist(pad: 20)", at: "1:1", "fashion_mnist(): argument 'pad' must be at least the image side 28, got 20")
    expectError(
      #"fashion_mnist(normalize: "standrad")"#, at: "1:1",
      #"fashion_mnist(): argument 'normalize' must be one of "unit", "standard", got "standrad"; did you mean 'standard'?"#)
    expectError("fashion_mnist(tran: 10)", at: "1:15", "fashion_mnist(): no argument 'tran'; did you mean 'train'?")
  }
}
