/// A parsed notebook: front matter, then prose and code cells in document order.
public struct Notebook: Sendable {
  /// The path as the user gave it, used in every message.
  public var path: String
  /// The YAML front matter (empty when the notebook has none).
  public var frontMatter: FrontMatter
  /// Prose and cells in document order.
  public var blocks: [Block]

  /// One piece of a notebook in document order.
  public enum Block: Sendable {
    /// Markdown rendered by cmark (including code blocks of other languages, shown but not run).
    case prose(Prose)
    /// A `lab` cell to run.
    case cell(CodeCell)
  }

  /// Creates a notebook.
  public init(path: String, frontMatter: FrontMatter = FrontMatter(), blocks: [Block]) {
    self.path = path
    self.frontMatter = frontMatter
    self.blocks = blocks
  }

  /// The `lab` cells in order.
  public var cells: [CodeCell] {
    blocks.compactMap {
      if case .cell(let cell) = $0 { return cell }
      return nil
    }
  }

  /// Every heading of the prose, in order.
  public var headings: [Heading] {
    blocks.flatMap { block -> [Heading] in
      if case .prose(let prose) = block { return prose.headings }
      return []
    }
  }

  /// The title to show: the front matter's, or the file name without extension.
  public var displayTitle: String {
    if let title = frontMatter.title, !title.isEmpty { return title }
    let name = path.split(separator: "/").last.map(String.init) ?? path
    return name.hasSuffix(".md") ? String(name.dropLast(3)) : name
  }
}
