/// A run of Markdown between code cells, already rendered to safe HTML by cmark.
public struct Prose: Sendable {
  /// The rendered HTML, split where cross references (`@tbl-x`, `@fig-x`) stand.
  public var fragments: [ProseFragment]
  /// The headings of this prose, in order, for the table of contents.
  public var headings: [Heading]

  /// Creates prose.
  public init(fragments: [ProseFragment], headings: [Heading] = []) {
    self.fragments = fragments
    self.headings = headings
  }
}

/// A piece of rendered prose.
public enum ProseFragment: Sendable, Equatable {
  /// HTML produced by cmark in safe mode (raw HTML in the notebook was not passed through).
  case html(String)
  /// A reference to a labelled table or figure, resolved once the outputs are numbered.
  case reference(label: String)
}

/// A Markdown heading, for the table of contents.
public struct Heading: Sendable, Equatable {
  /// 1 for `#`, 2 for `##`, ...
  public var level: Int
  /// The heading's plain text (markup removed, not escaped).
  public var text: String
  /// The HTML id given to the heading (`sec-…`), unique within the notebook.
  public var id: String

  /// Creates a heading.
  public init(level: Int, text: String, id: String) {
    self.level = level
    self.text = text
    self.id = id
  }
}
