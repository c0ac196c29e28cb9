import Foundation
import Kernel
import Tensor

extension Provenance {
  /// The provenance of a run on this machine, with this build of nnlab.
  public static func current(parameters: Record) -> Provenance {
    let machine = MachineFacts.shared
    let environment = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].flatMap { $0.isEmpty ? nil : $0 }
    return Provenance(
      version: NNLab.version, commit: machine.commit, cpu: machine.cpu, cpuVectorExtensions: machine.vectorExtensions,
      kernelISA: EngineDescription.compiledVectorISA, blas: EngineDescription.blasConfiguration,
      blasCore: EngineDescription.blasCore, blasCoreOverride: environment, threads: EngineDescription.threadCount,
      system: machine.system, seeds: seeds(in: parameters))
  }
}

/// What does not change while the process runs: read once.
private struct MachineFacts: Sendable {
  static let shared = MachineFacts()

  let cpu: String
  let vectorExtensions: [String]
  let system: String
  let commit: String?

  private init() {
    let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    (cpu, vectorExtensions) = Self.describeCPU(cpuInfo)
    let info = ProcessInfo.processInfo
    #if arch(x86_64)
      let architecture = "x86_64"
    #elseif arch(arm64)
      let architecture = "arm64"
    #else
      let architecture = "unknown architecture"
    #endif
    system = "\(info.operatingSystemVersionString), \(architecture), \(info.activeProcessorCount) cores"
    commit = SourceCommit.ofExecutable()
  }

  /// The CPU's model and vector extensions from `/proc/cpuinfo` (Linux); "unknown CPU" elsewhere.
  static func describeCPU(_ cpuInfo: String) -> (String, [String]) {
    var fields: [String: String] = [:]
    for line in cpuInfo.split(separator: "\n") {
      if line.isEmpty { break }  // the first processor is enough
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2 else { continue }
      let key = parts[0].trimmingCharacters(in: .whitespaces)
      if fields[key] == nil { fields[key] = parts[1].trimmingCharacters(in: .whitespaces) }
    }
    var model = fields["model name"] ?? fields["Model"] ?? "unknown CPU"
    if let family = fields["cpu family"], let number = fields["model"] {
      model += " (family \(family), model \(number))"
    }
    let flags = Set((fields["flags"] ?? fields["Features"] ?? "").split(separator: " ").map(String.init))
    let known: [(flag: String, name: String)] = [
      ("avx512f", "AVX-512F"), ("avx512_bf16", "AVX-512 BF16"), ("avx2", "AVX2"), ("fma", "FMA"), ("avx", "AVX"),
      ("asimd", "NEON"), ("sve", "SVE"),
    ]
    return (model, known.filter { flags.contains($0.flag) }.map(\.name))
  }
}
