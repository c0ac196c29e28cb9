import Foundation
import Tensor

/// Fashion-MNIST (Zalando): 70,000 grey 28x28 images of clothing in ten classes, read from the
/// IDX files of the Debian package `dataset-fashion-mnist`.
public enum FashionMNIST {
  /// The ten class names, by label.
  public static let classNames = [
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
  ]
  /// The Debian package that installs the files.
  public static let debianPackage = "dataset-fashion-mnist"
  /// Where the Debian package puts the files.
  public static let defaultDirectory = "/usr/share/datasets/fashion-mnist"
  /// The environment variable that names another data folder.
  public static let environmentVariable = "NNLAB_DATA"
  /// The side of the square images.
  public static let imageSide = 28

  /// One of the two sets the files hold.
  public enum Part: String, Sendable, CaseIterable {
    /// The 60,000 training examples.
    case train
    /// The 10,000 test examples.
    case test

    /// The file stem the part's files start with.
    var fileStem: String { self == .train ? "train" : "t10k" }
  }

  /// The folder to read from: `NNLAB_DATA` when set (or its `fashion-mnist` subfolder, when it has one),
  /// else the Debian package's folder.
  public static func dataDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
    guard let folder = environment[environmentVariable], !folder.isEmpty else { return defaultDirectory }
    let nested = (folder as NSString).appendingPathComponent("fashion-mnist")
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory), isDirectory.boolValue {
      return nested
    }
    return folder
  }

  /// Loads seeded, stratified subsets of the training and test sets, prepared by `preprocessing`.
  ///
  /// - Parameters:
  ///   - train: how many training examples to keep (nil: all 60,000), with the full set's class balance.
  ///   - test: how many test examples to keep (nil: all 10,000).
  ///   - seed: picks the subsets; the same seed always gives the same examples.
  ///   - preprocessing: padding, down-sampling, normalisation and flattening.
  ///   - directory: the folder with the IDX files; nil for `dataDirectory()`.
  ///   - checkpoint: called between the steps (each part read, then prepared); throw from it to stop
  ///     the load (a time limit, Ctrl-C).
  public static func load(
    train: Int? = nil, test: Int? = nil, seed: UInt64 = 0, preprocessing: Preprocessing = Preprocessing(),
    directory: String? = nil, checkpoint: (() throws -> Void)? = nil
  ) throws -> DatasetSplits {
    let folder = directory ?? dataDirectory()
    try checkFolder(folder)
    let trainSet = try load(.train, count: train, seed: seed, directory: folder)
    try checkpoint?()
    let testSet = try load(.test, count: test, seed: seed, directory: folder)
    try checkpoint?()
    let (preparedTrain, preparedTest) = try preprocessing.apply(train: trainSet, test: testSet)
    try checkpoint?()
    return DatasetSplits(train: preparedTrain, test: preparedTest)
  }

  /// Loads one part as `[count, 1, 28, 28]` images with pixels in [0, 1]: all of it, or a seeded stratified subset.
  public static func load(_ part: Part, count: Int? = nil, seed: UInt64 = 0, directory: String? = nil) throws -> Dataset {
    let folder = directory ?? dataDirectory()
    try checkFolder(folder)
    let images = try IDXFile(contentsOf: try locate("\(part.fileStem)-images-idx3-ubyte", in: folder))
    let labels = try IDXFile(contentsOf: try locate("\(part.fileStem)-labels-idx1-ubyte", in: folder))
    let side = imageSide
    guard images.dimensions.count == 3, images.dimensions[1] == side, images.dimensions[2] == side else {
      throw DataError(
        .corrupt, path: folder,
        message: "fashion_mnist: \(part.fileStem) images have dimensions \(images.dimensions), expected [n, 28, 28]")
    }
    guard labels.dimensions == [images.dimensions[0]] else {
      throw DataError(
        .corrupt, path: folder,
        message: "fashion_mnist: \(labels.dimensions) \(part.fileStem) labels for \(images.dimensions[0]) images")
    }
    let allLabels = labels.bytes.map { Int($0) }
    if let bad = allLabels.first(where: { $0 >= classNames.count }) {
      throw DataError(.corrupt, path: folder, message: "fashion_mnist: \(part.fileStem) label \(bad) is not a class (0...9)")
    }
    let chosen: [Int]
    if let count {
      // Train and test draw from separate streams, so one's size never changes the other's sample.
      chosen = try Stratification.sample(
        labels: allLabels, classCount: classNames.count, count: count, seed: seed,
        stream: part == .train ? 1 : 2, context: "fashion_mnist: \(part.rawValue)").chosen
    } else {
      chosen = Array(allLabels.indices)
    }
    let pixels = side * side
    let table = (0...255).map { Float($0) / 255 }
    var scalars = [Float](repeating: 0, count: chosen.count * pixels)
    images.bytes.withUnsafeBufferPointer { source in
      scalars.withUnsafeMutableBufferPointer { target in
        for (row, example) in chosen.enumerated() {
          let from = example * pixels
          let to = row * pixels
          for p in 0..<pixels { target[to + p] = table[Int(source[from + p])] }
        }
      }
    }
    return Dataset(
      inputs: Tensor(shape: [chosen.count, 1, side, side], scalars: scalars), labels: chosen.map { allLabels[$0] },
      classCount: classNames.count, classNames: classNames)
  }

  /// Whether the files of both parts are present in `directory` (default: `dataDirectory()`).
  public static func isAvailable(directory: String? = nil) -> Bool {
    let folder = directory ?? dataDirectory()
    return Part.allCases.allSatisfy { part in
      ["images-idx3-ubyte", "labels-idx1-ubyte"].allSatisfy { (try? locate("\(part.fileStem)-\($0)", in: folder)) != nil }
    }
  }

  private static var installHint: String {
    "install the Debian package \(debianPackage) (apt-get install \(debianPackage)) or set \(environmentVariable)"
  }

  private static func checkFolder(_ folder: String) throws {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
      throw DataError(.missingFolder, path: folder, message: "fashion_mnist: data folder \(folder) not found; \(installHint)")
    }
  }

  /// The path of `stem`, gzip'd (as Debian ships it) or plain.
  private static func locate(_ stem: String, in folder: String) throws -> String {
    let gzipped = (folder as NSString).appendingPathComponent(stem + ".gz")
    let plain = (folder as NSString).appendingPathComponent(stem)
    for path in [gzipped, plain] where FileManager.default.fileExists(atPath: path) { return path }
    throw DataError(.missingFile, path: gzipped, message: "fashion_mnist: \(gzipped) not found; \(installHint)")
  }
}
