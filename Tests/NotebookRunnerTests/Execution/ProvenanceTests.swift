import Foundation
import Kernel
import Testing
@testable import NotebookRunner

@Suite struct ProvenanceTests {
  @Test func theCurrentMachineIsDescribed() {
    let provenance = Provenance.current(parameters: Record([("seed", .number(3)), ("epochs", .number(2)), ("data_seeds", .list([.number(1), .number(2)]))]))
    #expect(provenance.version == NNLab.version)
    #expect(provenance.seeds == [.init(name: "seed", value: "3"), .init(name: "data_seeds", value: "[1, 2]")])
    #expect(provenance.threads >= 1)
    #expect(provenance.blas.hasPrefix("OpenBLAS"), "\(provenance.blas)")
    #expect(!provenance.blasCore.isEmpty && provenance.blasCore != "unknown")
    #if os(Linux)
      let cpuInfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
      let model = cpuInfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":").last
      if let model { #expect(provenance.cpu.hasPrefix(model.trimmingCharacters(in: .whitespaces))) }
      if cpuInfo.contains(" avx2") { #expect(provenance.cpuVectorExtensions.contains("AVX2")) }
    #endif
    // The tests run from a git checkout of nnlab: the commit is found.
    #expect(provenance.commit?.count ?? 0 >= 40, "\(provenance.commit ?? "nil")")
  }

  @Test func reportsShowProvenanceOnlyWhenRecorded() throws {
    let notebook = try NotebookParser.parse("```lab\n#| label: tbl-a\nx\n```\n", path: "nb.md")
    let cell = CellRun(cell: notebook.cells[0], status: .ok, duration: 1.5)
    var run = NotebookRun(notebook: notebook, parameters: Record(), cells: [cell], startedAt: Date(timeIntervalSince1970: 0), duration: 2)
    let plain = ReportRenderer().render(run)
    #expect(!plain.html.contains("Provenance") && !plain.json.contains("provenance"))
    run.provenance = Provenance(
      version: "9.9", commit: "abc", cpu: "Test CPU <x>", cpuVectorExtensions: ["AVX2"], kernelISA: "AVX2 + FMA",
      blas: "OpenBLAS 0.3.21", blasCore: "Haswell", blasCoreOverride: "Haswell", threads: 2, system: "Linux",
      seeds: [.init(name: "seed", value: "1")])
    let report = ReportRenderer().render(run)
    #expect(report.html.contains("<td>CPU</td><td><code>Test CPU &lt;x&gt;</code></td>"))
    #expect(report.html.contains("<td>BLAS kernel</td><td><code>Haswell (OPENBLAS_CORETYPE=Haswell)</code></td>"))
    #expect(report.html.contains("<td>1</td><td>2</td><td><code>tbl-a</code></td><td>ok</td><td>1.5 s</td>"))
    #expect(report.json.contains("\"blas_core\": \"Haswell\""))
    #expect(report.json.contains("\"seconds\": 1.5"))
  }
}
