import Bindings
import Kernel

/// The language reference: the notebook format (owned here) followed by the kernel's syntax and builtins.
public enum LanguageReference {
  /// The reference as Markdown.
  public static func markdown() -> String {
    notebookFormat + "\n" + BuiltinRegistry.standard().referenceMarkdown()
  }

  /// The reference as a self-contained HTML page (Markdown through cmark, safe mode).
  public static func html(version: String = NNLab.version) -> String {
    let source = markdown()
    let document = MarkdownDocument(parsing: source)
    var renderer = ProseRenderer(source: source)
    let prose = renderer.render(document.topLevelBlocks)
    var body = "<header class=\"report\">\n<h1>nnlab language reference</h1>\n"
    body += "<p class=\"description\">Notebooks, cells and the <code>lab</code> language.</p>\n</header>\n"
    let sections = prose.headings.filter { $0.level <= 2 }
    if sections.count > 1 {
      body += "<nav class=\"toc\" aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n"
      for heading in sections {
        body += "<li class=\"toc-\(heading.level)\"><a href=\"#\(heading.id)\">\(HTMLText.escape(heading.text))</a></li>\n"
      }
      body += "</ol>\n</nav>\n"
    }
    body += "<main>\n"
    for fragment in prose.fragments {
      switch fragment {
      case .html(let html): body += html
      case .reference(let label): body += "@" + label
      }
    }
    body += "</main>\n<footer class=\"report\"><p><a href=\"index.html\">All reports</a> · nnlab \(HTMLText.escape(version))</p></footer>\n"
    return HTMLPage.document(title: "nnlab language reference", body: body, version: version)
  }

  /// How notebooks are written: the part of the reference the runner defines.
  static let notebookFormat = """
    # Notebooks

    A notebook is a Markdown file. Fenced code blocks whose info string is `lab` are cells: they run
    top to bottom in one session, so names defined in one cell are visible in the next. Code blocks
    in other languages are shown, not run.

    Prose is CommonMark (raw HTML is not passed through) with GitHub's pipe tables: a header
    row, a delimiter row of dashes (a colon on the left, right or both sides aligns the column),
    then one row per line up to the next blank line. A backslash before a pipe keeps it in the cell.

    | header row | delimiter row | body row |
    |:---|:---:|---:|
    | `\\| a \\| b \\|` | `\\| :--- \\| ---: \\|` | `\\| 1 \\| 2 \\|` |

    ## Front matter

    YAML between `---` lines at the very top:

    - `title`: the report's title (default: the file name).
    - `author`, `date`: shown under the title.
    - `description`: shown under the title and in the site index.
    - `params`: default parameters, read as `params.name` in cells.
    - `profiles`: named parameter sets, for example `quick: {epochs: 1}`.

    Parameters are set, in order of precedence, by `-P name=value` (the value is read as YAML:
    `3`, `true`, `[1, 2]`, `text`), by `--profile NAME`, and by the defaults. A profile or `-P`
    may only set parameters the notebook declares under `params`.

    ## Cell options

    Lines `#| name: value` at the top of a cell:

    - `label: tbl-NAME` or `label: fig-NAME`: names the cell's table or figure; `@tbl-NAME` in
      prose becomes a link "Table N".
    - `caption: text`: the caption of the labelled (or first) table or figure.
    - `echo: false`: hide the code (shown by default).
    - `output: false`: hide the outputs (errors are still shown).
    - `error: true`: the cell may fail; the notebook continues and the run does not count as failed.
    - `timeout: seconds`: interrupt the cell after this long.
    - `cache: false`: the cell cache never serves this cell (it always runs); `cache: true` turns the cache on for this cell alone.

    Tables and figures are numbered in order ("Table 2", "Figure 3"). A reference to a label that
    names nothing is marked in the report and reported as a warning.

    ## Running

    - `nnlab render PATH... --out DIR` renders each notebook (files, or folders of `*.md`) to
      `DIR/NAME.html` with `DIR/NAME.json` beside it, plus `index.html` and this page.
    - `nnlab run FILE` runs a notebook in the terminal.
    - Options: `--profile NAME`, `-P name=value`, `--keep-going` (run every cell even after a failure),
      `--timeout S` (per cell), `--total-timeout S` (per notebook).
    - A failing cell stops the notebook; later cells are shown as not run. The exit status is 1 when
      any cell failed, 130 when interrupted with Ctrl-C.

    """
}
