import Foundation
import Testing
@testable import NeuralNetwork

@Suite("Fashion-MNIST")
struct FashionMNISTTests {
  /// Writes a miniature Fashion-MNIST: `train` and `test` images whose pixels all equal (index mod 250),
  /// labelled so class c has c + 1 examples per 55 (an unbalanced set).
  static func miniature(train: Int = 110, test: Int = 55) throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let labelCycle = (0..<10).flatMap { c in [UInt8](repeating: UInt8(c), count: c + 1) }
    for (stem, count) in [("train", train), ("t10k", test)] {
      let labels = (0..<count).map { labelCycle[$0 % labelCycle.count] }
      let pixels = (0..<count).flatMap { [UInt8](repeating: UInt8($0 % 250), count: 784) }
      try folder.write(Gzip.compress(IDXFile(dimensions: [count, 28, 28], bytes: pixels).encoded()),
                       to: "\(stem)-images-idx3-ubyte.gz")
      try folder.write(Gzip.compress(IDXFile(dimensions: [count], bytes: labels).encoded()),
                       to: "\(stem)-labels-idx1-ubyte.gz")
    }
    return folder
  }

  @Test("loads stratified, seeded subsets of a miniature copy")
  func miniatureSubsets() throws {
    let folder = try Self.miniature()
    let data = try FashionMNIST.load(train: 55, test: 11, seed: 9, directory: folder.path)
    #expect(data.train.inputs.shape == [55, 1, 28, 28])
    #expect(data.train.classCounts == (1...10).map { $0 })
    #expect(data.test.count == 11)
    #expect(data.train.classNames[0] == "T-shirt/top" && data.train.classNames[9] == "Ankle boot")
    // Pixels are the stored bytes / 255, and each image kept its label.
    let labelCycle = (0..<10).flatMap { c in [Int](repeating: c, count: c + 1) }
    for (row, label) in data.train.labels.enumerated() {
      let index = Int((data.train.inputs.scalars[row * 784] * 255).rounded())
      #expect(labelCycle[index % 55] == label)
    }
    let again = try FashionMNIST.load(train: 55, test: 11, seed: 9, directory: folder.path)
    #expect(again.train.inputs.scalars == data.train.inputs.scalars)
    let other = try FashionMNIST.load(train: 55, test: 11, seed: 10, directory: folder.path)
    #expect(other.train.inputs.scalars != data.train.inputs.scalars)
    let full = try FashionMNIST.load(directory: folder.path)
    #expect(full.train.count == 110 && full.test.count == 55)
  }

  @Test("preprocessing pads, down-samples, standardises and flattens")
  func preprocessing() throws {
    let folder = try Self.miniature()
    let padded = try FashionMNIST.load(
      train: 22, test: 11, seed: 1, preprocessing: Preprocessing(padToSide: 32, downsampleToSide: 8),
      directory: folder.path)
    #expect(padded.train.inputs.shape == [22, 1, 8, 8])
    let small = try FashionMNIST.load(
      train: 22, test: 11, seed: 1,
      preprocessing: Preprocessing(normalization: .standardized, downsampleToSide: 7, flatten: true),
      directory: folder.path)
    #expect(small.train.inputs.shape == [22, 49])
    #expect(small.test.inputs.shape == [11, 49])
    let (mean, std) = small.train.inputStatistics()
    #expect(abs(mean) < 1e-4 && abs(std - 1) < 1e-3)
  }

  @Test("a missing folder or file names the Debian package to install")
  func missing() throws {
    let nowhere = "/nonexistent/nnlab-fashion"
    #expect {
      try FashionMNIST.load(train: 10, directory: nowhere)
    } throws: { error in
      "\(error)" == "fashion_mnist: data folder /nonexistent/nnlab-fashion not found; install the Debian package "
        + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set NNLAB_DATA"
    }
    let empty = try TemporaryFolder()
    #expect {
      try FashionMNIST.load(directory: empty.path)
    } throws: { error in
      "\(error)" == "fashion_mnist: \(empty.path)/train-images-idx3-ubyte.gz not found; install the Debian package "
        + "dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set NNLAB_DATA"
    }
    #expect(!FashionMNIST.isAvailable(directory: empty.path))
  }

  @Test("a truncated data file is a clear error")
  func truncatedFile() throws {
    let folder = try Self.miniature()
    let path = folder.path + "/t10k-images-idx3-ubyte.gz"
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    try folder.write(Array(bytes.prefix(bytes.count / 2)), to: "t10k-images-idx3-ubyte.gz")
    #expect {
      try FashionMNIST.load(directory: folder.path)
    } throws: { error in
      (error as? DataError)?.kind == .truncated && "\(error)".contains(path)
    }
  }

  @Test("NNLAB_DATA overrides the folder")
  func environmentOverride() throws {
    #expect(FashionMNIST.dataDirectory(environment: [:]) == "/usr/share/datasets/fashion-mnist")
    #expect(FashionMNIST.dataDirectory(environment: ["NNLAB_DATA": "/data/fm"]) == "/data/fm")
    let root = try TemporaryFolder()
    try FileManager.default.createDirectory(atPath: root.path + "/fashion-mnist", withIntermediateDirectories: false)
    #expect(FashionMNIST.dataDirectory(environment: ["NNLAB_DATA": root.path]) == root.path + "/fashion-mnist")
  }

  @Test(
    "the installed data set loads whole, with the published sizes and balance",
    .requires(
      "Fashion-MNIST: apt-get install dataset-fashion-mnist (make test does) or set NNLAB_DATA", FashionMNIST.isAvailable()))
  func realData() throws {
    let data = try FashionMNIST.load()
    #expect(data.train.inputs.shape == [60000, 1, 28, 28])
    #expect(data.test.inputs.shape == [10000, 1, 28, 28])
    #expect(data.train.classCounts == [Int](repeating: 6000, count: 10))
    #expect(data.test.classCounts == [Int](repeating: 1000, count: 10))
    #expect(data.train.inputs.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
    // The published mean pixel of the training set is 0.2860.
    #expect(abs(data.train.inputStatistics().mean - 0.2860) < 0.001)
    let subset = try FashionMNIST.load(train: 1200, test: 300, seed: 4)
    #expect(subset.train.classCounts == [Int](repeating: 120, count: 10))
    #expect(subset.test.classCounts == [Int](repeating: 30, count: 10))
  }
}
