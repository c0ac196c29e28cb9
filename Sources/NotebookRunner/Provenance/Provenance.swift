import Foundation
import Kernel

/// Which build, machine and libraries made a report, and with which seeds and data.
///
/// The same seed gives bit-identical results on one machine only: another CPU picks other BLAS
/// kernels, which round differently, and training drifts. So every report says what made it.
public struct Provenance: Sendable, Equatable {
  /// nnlab's version.
  public var version: String
  /// The git commit nnlab was built from, when its source is a git checkout (with `+ local changes`
  /// when tracked files differ from it).
  public var commit: String?
  /// The CPU's model name, as the operating system reports it.
  public var cpu: String
  /// The CPU's vector extensions that matter for the kernels (AVX-512F, AVX2, FMA, NEON, ...).
  public var cpuVectorExtensions: [String]
  /// The vector instructions the engine's own loops were compiled for.
  public var kernelISA: String
  /// The BLAS library's build line.
  public var blas: String
  /// The BLAS kernel chosen for this CPU.
  public var blasCore: String
  /// `OPENBLAS_CORETYPE` when it forces the BLAS kernel.
  public var blasCoreOverride: String?
  /// Threads the engine computes on.
  public var threads: Int
  /// The operating system and architecture.
  public var system: String
  /// Parameters that seed random generators (their names contain "seed"), as written.
  public var seeds: [Seed]
  /// Data files the notebook read, with their sizes and digests.
  public var dataFiles: [DataFile]

  /// A seed parameter.
  public struct Seed: Sendable, Equatable {
    /// The parameter's name.
    public var name: String
    /// Its value as the report shows it.
    public var value: String

    /// Creates a seed entry.
    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  /// A data file a notebook read.
  public struct DataFile: Sendable, Equatable {
    /// Its path as the notebook named it.
    public var path: String
    /// Its size in bytes.
    public var bytes: Int
    /// A digest of its contents (hex).
    public var digest: String

    /// Creates a data file entry.
    public init(path: String, bytes: Int, digest: String) {
      self.path = path
      self.bytes = bytes
      self.digest = digest
    }
  }

  /// Creates a provenance record from its parts.
  public init(
    version: String, commit: String?, cpu: String, cpuVectorExtensions: [String], kernelISA: String, blas: String,
    blasCore: String, blasCoreOverride: String?, threads: Int, system: String, seeds: [Seed] = [],
    dataFiles: [DataFile] = []
  ) {
    self.version = version
    self.commit = commit
    self.cpu = cpu
    self.cpuVectorExtensions = cpuVectorExtensions
    self.kernelISA = kernelISA
    self.blas = blas
    self.blasCore = blasCore
    self.blasCoreOverride = blasCoreOverride
    self.threads = threads
    self.system = system
    self.seeds = seeds
    self.dataFiles = dataFiles
  }

  /// The seed parameters among `parameters`: every field whose name contains "seed".
  public static func seeds(in parameters: Record) -> [Seed] {
    parameters.fields.filter { $0.key.lowercased().contains("seed") }.map {
      Seed(name: $0.key, value: ValueText.format($0.value))
    }
  }

  /// One line naming the machine, e.g. `AMD EPYC (AVX-512F, AVX2, FMA) · OpenBLAS core SkylakeX · 2 threads`.
  public var machineSummary: String {
    let extensions = cpuVectorExtensions.isEmpty ? "" : " (\(cpuVectorExtensions.joined(separator: ", ")))"
    let core = blasCoreOverride.map { "\(blasCore), forced by OPENBLAS_CORETYPE=\($0)" } ?? blasCore
    return "\(cpu)\(extensions) · BLAS kernel \(core) · \(threads) \(threads == 1 ? "thread" : "threads")"
  }
}
