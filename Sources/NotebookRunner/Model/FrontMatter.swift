import Kernel

/// The YAML block between `---` lines at the top of a notebook.
public struct FrontMatter: Sendable {
  /// The report's title; the file name when absent.
  public var title: String?
  /// Who wrote the notebook.
  public var author: String?
  /// The date written in the notebook (kept as text, not reinterpreted).
  public var date: String?
  /// One or two sentences shown under the title and in the site index.
  public var description: String?
  /// Default parameters, in the order written; the record `params` in the language.
  public var params: Record
  /// Named parameter sets that override the defaults (`--profile quick`), in the order written.
  public var profiles: [(name: String, params: Record)]
  /// How far `nnlab check` lets numbers drift (`tolerance:`); cells may override it.
  public var tolerance: Tolerances? = nil
  /// `cache: true`: the cell cache serves this notebook's cells (as `--cache` does).
  public var cache: Bool = false

  /// Creates front matter; everything is optional.
  public init(
    title: String? = nil, author: String? = nil, date: String? = nil, description: String? = nil,
    params: Record = Record(), profiles: [(name: String, params: Record)] = []
  ) {
    self.title = title
    self.author = author
    self.date = date
    self.description = description
    self.params = params
    self.profiles = profiles
  }

  /// The parameter set of a profile, or `nil` when the notebook has no profile of that name.
  public func profile(named name: String) -> Record? {
    profiles.first { $0.name == name }?.params
  }
}
