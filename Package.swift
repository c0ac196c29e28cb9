// swift-tools-version: 6.0
import PackageDescription

/// Release builds of the engine drop overflow and bounds checks in the hot kernels' callers.
/// The engine's vector loops use AVX2/FMA (every x86-64 server since 2015); OpenBLAS dispatches on its own.
let engineSettings: [SwiftSetting] = [
  .unsafeFlags(["-Ounchecked", "-wmo"], .when(configuration: .release)),
  .unsafeFlags(["-target-cpu", "haswell"], .when(platforms: [.linux], configuration: .release)),
]

let package = Package(
  name: "nnlab",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "nnlab", targets: ["nnlab"]),
    .library(name: "Tensor", targets: ["Tensor"]),
    .library(name: "NeuralNetwork", targets: ["NeuralNetwork"]),
    .library(name: "Hardware", targets: ["Hardware"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // C libraries, each behind a system-library target with a shim header.
    .systemLibrary(
      name: "CCmark", pkgConfig: "libcmark",
      providers: [.apt(["libcmark-dev"])]),
    .systemLibrary(
      name: "CBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CZlib", pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]),

    // The engine: plain Swift libraries that know nothing of the language.
    .target(name: "Tensor", dependencies: ["CBLAS"], swiftSettings: engineSettings),
    .target(name: "NeuralNetwork", dependencies: ["Tensor", "CZlib"], swiftSettings: engineSettings),
    .target(name: "Hardware", dependencies: ["Tensor"], swiftSettings: engineSettings),
    .target(name: "Techniques", dependencies: ["NeuralNetwork", "Hardware"], swiftSettings: engineSettings),
    .target(name: "Charts"),

    // The language, which knows no engine module, and the bindings that join the two.
    .target(name: "Kernel", dependencies: ["Charts"]),
    .target(name: "Bindings", dependencies: ["Kernel", "Charts", "Techniques", "NeuralNetwork", "Hardware", "Tensor"]),

    // The runner.
    .target(
      name: "NotebookRunner",
      dependencies: [
        "Bindings", "Kernel", "Charts", "Tensor", "CCmark", "CZlib", .product(name: "Yams", package: "Yams"),
      ]),
    .executableTarget(
      name: "nnlab",
      dependencies: ["NotebookRunner", "Kernel", "Tensor", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
    .executableTarget(
      name: "nnlab-bench",
      dependencies: ["NotebookRunner", "Bindings", "Kernel", "NeuralNetwork", "Hardware", "Techniques", "Tensor"],
      path: "Benchmarks/nnlab-bench",
      swiftSettings: engineSettings),

    .executableTarget(
      name: "nnlab-fuzz", dependencies: ["Bindings", "Kernel"], path: "Fuzz/nnlab-fuzz"),

    .testTarget(name: "TensorTests", dependencies: ["Tensor"]),
    .testTarget(name: "NeuralNetworkTests", dependencies: ["NeuralNetwork"], exclude: ["Training/Fixtures"]),
    .testTarget(name: "HardwareTests", dependencies: ["Hardware", "Tensor"]),
    .testTarget(name: "TechniquesTests", dependencies: ["Techniques"]),
    .testTarget(name: "ChartsTests", dependencies: ["Charts"], exclude: ["Snapshots"]),
    .testTarget(name: "KernelTests", dependencies: ["Kernel", "Bindings", "Tensor"]),
    .testTarget(name: "BindingsTests", dependencies: ["Bindings", "Kernel", "NotebookRunner", "Hardware", "NeuralNetwork", "Techniques", "Tensor"]),
    .testTarget(name: "NotebookRunnerTests", dependencies: ["NotebookRunner"], exclude: ["Snapshots"]),
    .testTarget(name: "nnlabTests", dependencies: ["NotebookRunner"], exclude: ["Snapshots"]),
  ],
  swiftLanguageModes: [.v5]
)
