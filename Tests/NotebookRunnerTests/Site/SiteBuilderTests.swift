import Foundation
import Testing
@testable import NotebookRunner

@Suite struct SiteBuilderTests {
  static let good = "---\ntitle: Good one\ndescription: Works.\n---\n\n```lab\nprint fine\ntable\n```\n"
  static let failing = "---\ntitle: Failing one\n---\n\n```lab\nfail broken\n```\n\n```lab\nprint never\n```\n"

  func makeFolder() throws -> String {
    let folder = try temporaryFolder()
    let notebooks = folder + "/notebooks"
    try FileManager.default.createDirectory(atPath: notebooks + "/sub", withIntermediateDirectories: true)
    try Self.good.write(toFile: notebooks + "/a-good.md", atomically: true, encoding: .utf8)
    try Self.failing.write(toFile: notebooks + "/b-failing.md", atomically: true, encoding: .utf8)
    try Data([0x23, 0x20, 0xC3, 0x28]).write(to: URL(fileURLWithPath: notebooks + "/c-binary.md"))
    try "".write(toFile: notebooks + "/d-empty.md", atomically: true, encoding: .utf8)
    try Self.good.write(toFile: notebooks + "/sub/e-nested.md", atomically: true, encoding: .utf8)
    try "# About these notebooks\n".write(toFile: notebooks + "/README.md", atomically: true, encoding: .utf8)
    return folder
  }

  @Test func rendersEveryNotebookAndAnIndexDespiteBrokenOnes() throws {
    let folder = try makeFolder()
    let sink = TextSink()
    let progress = SummaryLineProgress(sink: sink, verb: "rendered")
    let builder = SiteBuilder(
      outputDirectory: folder + "/site", makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate),
      progress: progress, diagnostics: sink, renderer: ReportRenderer(chartSVG: fakeChartSVG))
    let result = try builder.build([folder + "/notebooks", folder + "/missing.md"])

    #expect(result.entries.map(\.reportName) == [
      "a-good.html", "b-failing.html", "c-binary.html", "d-empty.html", "sub/e-nested.html", "missing.html",
    ])
    #expect(result.entries.map(\.isOK) == [true, false, false, false, true, false])
    #expect(result.exitStatus == 1)
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder + "/site").sorted()
    #expect(files == [
      ".nnlab-manifest", "a-good.html", "a-good.json", "b-failing.html", "b-failing.json", "c-binary.html", "d-empty.html",
      "index.html", "missing.html", "reference.html", "sub", "sub/e-nested.html", "sub/e-nested.json",
    ])

    let index = try String(contentsOfFile: folder + "/site/index.html", encoding: .utf8)
    #expect(index.contains(#"<a class="title" href="a-good.html">Good one</a>"#))
    #expect(index.contains("Works."))
    #expect(index.contains(#"<span class="badge badge-ok">ok · 1 cells</span>"#))
    #expect(index.contains(#"<span class="badge badge-failed">1 cell failed · 1 not run</span>"#))
    #expect(index.contains("the notebook is not UTF-8 text"))
    #expect(index.contains("the notebook is empty"))
    #expect(index.contains("no such notebook"))

    let lines = sink.text.split(separator: "\n").map(String.init)
    #expect(lines.contains("rendered \(folder)/notebooks/a-good.md: 1 cell, 0 failed, 0.00 s"))
    #expect(lines.contains("rendered \(folder)/notebooks/b-failing.md: 2 cells, 1 failed, 1 not run, 0.00 s"))
    #expect(lines.contains("\(folder)/notebooks/b-failing.md:6:1: error: broken"))
    #expect(lines.contains("\(folder)/notebooks/c-binary.md:1:3: error: the notebook is not UTF-8 text (invalid byte 0xC3)"))
    #expect(lines.contains("\(folder)/missing.md: error: no such notebook"))
  }

  @Test func allGoodMeansExitStatusZero() throws {
    let folder = try temporaryFolder()
    try Self.good.write(toFile: folder + "/one.md", atomically: true, encoding: .utf8)
    let builder = SiteBuilder(
      outputDirectory: folder + "/out", makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate),
      diagnostics: TextSink())
    #expect(try builder.build([folder + "/one.md"]).exitStatus == 0)
  }

  @Test func unknownProfileFailsThatNotebookOnly() throws {
    let folder = try temporaryFolder()
    try "---\nprofiles:\n  quick: {}\n---\n```lab\nprint x\n```\n".write(toFile: folder + "/has.md", atomically: true, encoding: .utf8)
    try Self.good.write(toFile: folder + "/lacks.md", atomically: true, encoding: .utf8)
    let sink = TextSink()
    let builder = SiteBuilder(
      options: RunOptions(profile: "quick"), outputDirectory: folder + "/out", makeEngine: ScriptedEngine.Factory().make,
      clock: FixedClock(date: testDate), diagnostics: sink)
    let result = try builder.build([folder + "/has.md", folder + "/lacks.md"])
    #expect(result.entries.map(\.isOK) == [true, false])
    #expect(sink.text.contains("lacks.md: error: no profile 'quick' in this notebook (it declares no profiles)"))
  }

  @Test func interruptedRenderSkipsTheRestAndExitsWith130() throws {
    let folder = try temporaryFolder()
    try Self.good.write(toFile: folder + "/one.md", atomically: true, encoding: .utf8)
    try Self.good.write(toFile: folder + "/two.md", atomically: true, encoding: .utf8)
    let interrupts = InterruptController()
    interrupts.interrupt()
    let builder = SiteBuilder(
      outputDirectory: folder + "/out", makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate),
      interrupts: interrupts, diagnostics: TextSink())
    let result = try builder.build([folder])
    #expect(result.exitStatus == 130)
    #expect(result.entries.allSatisfy { if case .interrupted = $0.status { true } else { false } })
    let index = try String(contentsOfFile: folder + "/out/index.html", encoding: .utf8)
    #expect(index.contains("interrupted"))
  }

  @Test func referenceHoldsTheNotebookFormatAndTheKernelsBuiltins() {
    let markdown = LanguageReference.markdown()
    #expect(markdown.contains("## Cell options"))
    #expect(markdown.contains("table("), "the kernel's builtins follow the notebook format")
    let html = LanguageReference.html(version: "1")
    #expect(html.contains(#"<h2 id="sec-cell-options">Cell options</h2>"#))
    #expect(!html.contains("<script"))
  }

  @Test func unwritableOutputIsASiteError() throws {
    let folder = try temporaryFolder()
    try "x".write(toFile: folder + "/file", atomically: true, encoding: .utf8)
    let builder = SiteBuilder(outputDirectory: folder + "/file/site", makeEngine: ScriptedEngine.Factory().make, diagnostics: TextSink())
    #expect(throws: SiteError.self) { try builder.build([]) }
  }

  func builder(_ out: String, force: Bool = false) -> SiteBuilder {
    SiteBuilder(
      outputDirectory: out, makeEngine: ScriptedEngine.Factory().make, clock: FixedClock(date: testDate),
      diagnostics: TextSink(), renderer: ReportRenderer(chartSVG: fakeChartSVG), force: force)
  }

  @Test func notebooksNamedLikeTheSitePagesKeepTheirOwnReports() throws {
    let folder = try temporaryFolder()
    for name in ["index", "reference"] {
      try Self.good.write(toFile: folder + "/\(name).md", atomically: true, encoding: .utf8)
    }
    let result = try builder(folder + "/site").build([folder + "/index.md", folder + "/reference.md"])
    #expect(result.entries.map(\.reportName) == ["index-2.html", "reference-2.html"])
    let index = try String(contentsOfFile: folder + "/site/index.html", encoding: .utf8)
    #expect(index.contains("index-2.html") && index.contains("reference-2.html"))
  }

  @Test func aFolderHoldingOtherFilesIsRefusedUnlessForced() throws {
    let folder = try makeFolder()
    let notebooks = folder + "/notebooks"
    // Rendering into the notebooks' own folder would overwrite files a render did not write.
    #expect(throws: SiteError.self) { try builder(notebooks).build([notebooks]) }
    do {
      _ = try builder(notebooks).build([notebooks])
    } catch {
      #expect(error.message.hasPrefix("refusing to write the site into '\(notebooks)': it holds 6 files no render wrote (first: 'README.md')"))
    }
    #expect(!FileManager.default.fileExists(atPath: notebooks + "/index.html"))
    #expect(try builder(notebooks, force: true).build([notebooks + "/a-good.md"]).exitStatus == 0)
    #expect(FileManager.default.fileExists(atPath: notebooks + "/a-good.json"))
  }

  @Test func aSecondRenderReplacesWhatTheFirstWroteAndNothingElse() throws {
    let folder = try makeFolder()
    let site = folder + "/site"
    _ = try builder(site).build([folder + "/notebooks/a-good.md"])
    // The manifest lets the next render replace those files...
    #expect(try builder(site).build([folder + "/notebooks/a-good.md"]).exitStatus == 0)
    // ...but a file someone put there since stops it.
    try "mine".write(toFile: site + "/notes.txt", atomically: true, encoding: .utf8)
    #expect(throws: SiteError.self) { try builder(site).build([folder + "/notebooks/a-good.md"]) }
    #expect(try String(contentsOfFile: site + "/notes.txt", encoding: .utf8) == "mine")
  }

  @Test func reRenderingOneNotebookKeepsTheOthersInTheIndex() throws {
    let folder = try makeFolder()
    let site = folder + "/site"
    _ = try builder(site).build([folder + "/notebooks/a-good.md", folder + "/notebooks/b-failing.md"])
    let result = try builder(site).build([folder + "/notebooks/b-failing.md"])
    #expect(result.entries.map(\.reportName) == ["b-failing.html"], "the result lists what this render ran")
    let index = try String(contentsOfFile: site + "/index.html", encoding: .utf8)
    #expect(index.contains("2 notebooks, 1 with problems."))
    let good = try #require(index.range(of: "href=\"a-good.html\">Good one</a><div class=\"summary\">Works.</div>"))
    let failing = try #require(index.range(of: "href=\"b-failing.html\">Failing one</a>"))
    #expect(good.lowerBound < failing.lowerBound, "listed by report name")
    // A report deleted since is no longer listed.
    try FileManager.default.removeItem(atPath: site + "/a-good.html")
    _ = try builder(site).build([folder + "/notebooks/b-failing.md"])
    #expect(try !String(contentsOfFile: site + "/index.html", encoding: .utf8).contains("a-good.html"))
  }

  /// A notebook restored from the cell cache is listed with the time the render took and, beside
  /// it, about how long computing it takes; the figure survives in the sidecar for later indexes.
  @Test func theIndexSaysWhatARunRestoredFromTheCacheTakesToCompute() throws {
    var entry = SiteEntry(
      path: "n.md", reportName: "n.html", title: "N", description: nil, status: .ok, cellCount: 3, duration: 2.5)
    #expect(!IndexPage.render([entry], version: "v", hasReference: false).contains("from the cache"))
    entry.coldDuration = 2.9
    #expect(!IndexPage.render([entry], version: "v", hasReference: false).contains("from the cache"), "no news")
    entry.coldDuration = 125
    let html = IndexPage.render([entry], version: "v", hasReference: false)
    #expect(html.contains(#"<td class="num">2.5 s<div class="summary">from the cache; 2 min 05 s computed</div></td>"#))
    let sidecar = #"{"title": "N", "notebook": "n.md", "cells": 3, "tables": [], "provenance": {"duration": 2.5, "cold_duration": 125}}"#
    #expect(SiteEntry(sidecar: Data(sidecar.utf8), reportName: "n.html")?.coldDuration == 125)
  }

  @Test func theRootAndHomeFoldersAreRefused() throws {
    for out in ["/", FileManager.default.homeDirectoryForCurrentUser.path] {
      #expect(throws: SiteError.self) { try builder(out).build([]) }
    }
  }
}
