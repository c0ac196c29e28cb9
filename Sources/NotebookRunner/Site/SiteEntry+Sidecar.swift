import Foundation

extension SiteEntry {
  /// The index entry of a report an earlier render left in the site, read from its sidecar, so
  /// rendering some notebooks into a site keeps the others in its index. Nil when `json` is not
  /// a report's sidecar.
  init?(sidecar json: Data, reportName: String) {
    guard let record = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any],
      let title = record["title"] as? String, let path = record["notebook"] as? String,
      let cells = record["cells"] as? Double, record["tables"] != nil
    else { return nil }
    let failed = Int(record["failed"] as? Double ?? 0)
    let notRun = Int(record["not_run"] as? Double ?? 0)
    let provenance = record["provenance"] as? [String: Any]
    // The description is the notebook's, when it is still where it was rendered from.
    let description = (try? NotebookParser.load(path: path))?.frontMatter.description
    self.init(
      path: path, reportName: reportName, title: title, description: description,
      status: failed == 0 && notRun == 0 ? .ok : .failed(failedCells: failed, notRun: notRun), cellCount: Int(cells),
      duration: provenance?["duration"] as? Double ?? 0, coldDuration: provenance?["cold_duration"] as? Double)
  }

  /// The entries of the reports in `folder` that its manifest lists and `rendered` does not name.
  static func kept(in folder: String, besides rendered: Set<String>) -> [SiteEntry] {
    SiteManifest(folder: folder).files.sorted().compactMap { name in
      guard name.hasSuffix(".json"), !name.contains(".sweep/") else { return nil }
      let report = String(name.dropLast(5)) + ".html"
      guard !rendered.contains(report), report != "index.html", report != "reference.html",
        FileManager.default.fileExists(atPath: folder + "/" + report),
        let data = FileManager.default.contents(atPath: folder + "/" + name)
      else { return nil }
      return SiteEntry(sidecar: data, reportName: report)
    }
  }
}
