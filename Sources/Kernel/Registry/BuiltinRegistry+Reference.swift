extension BuiltinRegistry {
  /// The language reference as Markdown: the syntax, then every category's builtins
  /// (signature and doc), constants and object types. `nnlab reference` prints it.
  public func referenceMarkdown() -> String {
    var out = "# The `lab` language reference\n\n"
    out += BuiltinRegistry.syntaxSection
    for category in categories {
      out += "\n## \(category)\n\n"
      if let doc = categoryDocs[category] { out += doc + "\n\n" }
      for builtin in builtins where builtin.category == category {
        out += "### `\(builtin.signature)`\n\n\(builtin.doc)\n\n"
      }
      let categoryConstants = constants.filter { $0.category == category }
      if !categoryConstants.isEmpty {
        out += "Constants:\n\n"
        for constant in categoryConstants { out += "- `\(constant.name)` = \(constant.value.repr): \(constant.doc)\n" }
        out += "\n"
      }
      for type in types where type.category == category {
        out += "### \(type.name) objects\n\n\(type.doc)\n\n"
        for member in type.members { out += "- `.\(member.name)`: \(member.doc)\n" }
        out += "\n"
      }
    }
    return out
  }

  /// Categories in the order their first entry was registered.
  var categories: [String] {
    var seen: [String] = []
    for category in builtins.map(\.category) + constants.map(\.category) + types.map(\.category) where !seen.contains(category) {
      seen.append(category)
    }
    return seen
  }

  static let syntaxSection = """
    ## Syntax

    A cell is a sequence of statements. A newline or `;` ends a statement; inside `( )`, `[ ]` and
    record braces, and after a binary operator, newlines are ignored. `#` starts a comment; `#|`
    lines at the top of a cell are cell options for the runner.

    ```lab
    acc = 0.913                                # assignment
    for x in xs { total += x }                 # loops over lists, strings, tables, ranges
    for i, x in enumerate(xs) { }              # unpacking
    if acc > 90% { print("good") } else if acc > 0.5 { print("fair") } else { print("poor") }
    fn scale(x, by: 2) { return x * by }       # functions; parameters may have defaults
    scale(3, by: 10)                           # positional, then named arguments
    ```

    - Numbers: `42`, `2.5`, `1e-5`, `1_000`, `25%` (= 0.25). Integral values print without a fraction.
    - Strings: `"..."` with escapes `\\n \\t \\" \\\\ \\u{...}` and interpolation `"acc {acc:.2%}"`;
      `{{` and `}}` are literal braces.
    - Format specs (interpolation, `format`, `table(formats:)`): `[[fill]align][sign][0][width][,][.precision][type]`
      with types `f` (fixed), `e` (exponent), `g` (significant digits), `%` (percent), `d` (integer), `s` (text);
      for example `{x:.3f}`, `{n:,}`, `{name:>8}`, `{p:.1%}`.
    - Values: `true`, `false`, `none`, lists `[1, 2]`, records `{a: 1, "b c": 2}` (ordered), functions, and
      objects such as tables and charts with members (`t.rows`).
    - Comprehensions: `[f(x) for x in xs if x > 0]`, with several `for` and `if` clauses.
    - Indexing: `xs[0]`, `xs[-1]`, `xs[1:3]`, `r["key"]`; members: `r.key`, `net.parameters`.
      Assignment updates in place: `r.a = 1`, `xs[i] = 2`, `xs += [3]`.
    - Operators, loosest first: `or`; `and`; `not`; `== != < <= > >= in`, `not in` (not chained);
      `..<` and `...` (ranges); `+ -`; `* / %`; unary `-`; `**` (right-associative).
      `+` joins strings, lists and records; `*` repeats lists and strings; `%` takes the sign of the divisor;
      dividing by zero is an error. Conditions must be `true` or `false`.
    - Inside a function, names it assigns with `=` (and its loop variables) are its own; other names
      are read from the enclosing functions and the notebook. `x += v`, `x.a = v` and `x[i] = v` update
      the variable `x` wherever it lives.
    - The value of a cell's last expression statement is displayed unless it is `none`.
    - Limits: calls nest at most \(Limits.maximumCallDepth) deep; a cell outputs at most \(Limits.maximumOutputs) items
      and \(Limits.maximumOutputBytes / 1_000_000) MB; lists hold at most \(Limits.maximumListCount) elements.
      Loops and builtins stop at the cell's timeout or on interrupt.

    """
}
