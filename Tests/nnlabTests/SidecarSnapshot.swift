import Foundation
import Testing

/// The JSON sidecar of a shipped notebook's quick render, compared with a stored copy.
///
/// A sidecar holds no times, so two renders of the same notebook on the same kind of CPU
/// agree exactly. On another kind of CPU the BLAS kernels round differently and trained
/// figures drift (and with them how many rows some tables have), so there only the skeleton
/// is compared: the cell counts, and each table's and chart's number, id, line, columns and
/// series names.
/// `NNLAB_RECORD_SNAPSHOTS=1` re-records the stored copies (and the machine they came from).
struct SidecarSnapshot {
  /// The stored copies' folder.
  static let folder = repositoryRoot.appendingPathComponent("Tests/nnlabTests/Snapshots").path

  /// The kind of CPU figures are reproducible on: vendor, family, model, vector width, and
  /// the BLAS core type when the environment forces one.
  static let machine: String = {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    func field(_ name: String) -> String {
      let line = cpuinfo.split(separator: "\n").first { $0.hasPrefix(name) }
      return line?.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "?"
    }
    let flags = Set(field("flags").split(separator: " ").map(String.init))
    let vector = flags.contains("avx512f") ? "avx512" : flags.contains("avx2") ? "avx2" : "sse"
    var kind = "\(field("vendor_id")) family \(field("cpu family")) model \(field("model")) \(vector)"
    if let core = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"], !core.isEmpty {
      kind += " OPENBLAS_CORETYPE=\(core)"
    }
    return kind
  }()

  static var recording: Bool { ProcessInfo.processInfo.environment["NNLAB_RECORD_SNAPSHOTS"] == "1" }

  /// Compares the sidecar at `path` with the stored copy for `name` (or records it).
  static func check(_ name: String, sidecar path: String) throws {
    let stored = folder + "/" + name.replacingOccurrences(of: ".md", with: ".json")
    let parsed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path)))
    // Paths (the notebook's, error locations) depend on where the clone is: keep them relative.
    var fresh = relativePaths(parsed) as? [String: Any] ?? [:]
    fresh["notebook"] = nil
    if recording {
      let record: [String: Any] = ["machine": machine, "sidecar": fresh]
      let data = try JSONSerialization.data(withJSONObject: record, options: [.prettyPrinted, .sortedKeys])
      try data.write(to: URL(fileURLWithPath: stored))
      return
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: stored))
    let record = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    let recordedOn = record["machine"] as? String ?? ""
    let exact = recordedOn == machine
    var differences: [String] = []
    let recorded = record["sidecar"] ?? NSNull()
    if exact {
      compare(recorded, fresh, at: name, into: &differences)
    } else {
      compare(skeleton(recorded), skeleton(fresh), at: name, into: &differences)
    }
    let how = exact ? "exactly (same kind of CPU)" : "by structure (recorded on \(recordedOn), this is \(machine))"
    let summary = differences.prefix(10).joined(separator: "\n")
    #expect(differences.isEmpty, "\(name) differs from its stored sidecar, compared \(how):\n\(summary)")
  }

  /// `value` with the repository's folder removed from the start of every path in it.
  static func relativePaths(_ value: Any) -> Any {
    let root = repositoryRoot.path + "/"
    switch value {
    case let text as String: return text.replacingOccurrences(of: root, with: "")
    case let list as [Any]: return list.map(relativePaths)
    case let record as [String: Any]: return record.mapValues(relativePaths)
    default: return value
    }
  }

  /// What of a sidecar does not depend on how the CPU rounds.
  static func skeleton(_ sidecar: Any) -> [String: Any] {
    let sidecar = sidecar as? [String: Any] ?? [:]
    func floats(_ key: String, _ keep: ([String: Any]) -> Any) -> [Any] {
      (sidecar[key] as? [[String: Any]] ?? []).map { float in
        ["number": float["number"] ?? NSNull(), "id": float["id"] ?? NSNull(), "line": float["line"] ?? NSNull(),
         "content": keep(float)]
      }
    }
    return [
      "cells": sidecar["cells"] ?? NSNull(), "failed": sidecar["failed"] ?? NSNull(),
      "not_run": sidecar["not_run"] ?? NSNull(),
      "tables": floats("tables") { $0["columns"] ?? NSNull() },
      "charts": floats("charts") { chart in
        ((chart["spec"] as? [String: Any])?["series"] as? [[String: Any]] ?? []).map { $0["name"] ?? NSNull() }
      },
    ]
  }

  /// Appends a line per difference between `a` (stored) and `b` (fresh).
  static func compare(_ a: Any, _ b: Any, at path: String, into differences: inout [String]) {
    switch (a, b) {
    case let (a as [String: Any], b as [String: Any]):
      for key in Set(a.keys).union(b.keys).sorted() {
        guard let x = a[key], let y = b[key] else {
          differences.append("\(path).\(key): present in only one of them")
          continue
        }
        compare(x, y, at: "\(path).\(key)", into: &differences)
      }
    case let (a as [Any], b as [Any]):
      guard a.count == b.count else {
        differences.append("\(path): \(a.count) entries stored, \(b.count) now")
        return
      }
      for (i, (x, y)) in zip(a, b).enumerated() {
        compare(x, y, at: "\(path)[\(i)]", into: &differences)
      }
    case let (a as NSNumber, b as NSNumber):
      if a != b { differences.append("\(path): \(a) stored, \(b) now") }
    case let (a as String, b as String):
      if a != b { differences.append("\(path): \"\(a.prefix(80))\" stored, \"\(b.prefix(80))\" now") }
    default:
      if "\(a)" != "\(b)" { differences.append("\(path): \(a) stored, \(b) now") }
    }
  }
}
