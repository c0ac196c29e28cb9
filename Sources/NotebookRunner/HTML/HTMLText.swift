import Charts

/// Escaping for text placed in HTML: every string from a notebook or a run goes through here.
enum HTMLText {
  /// Escapes `& < > " '` (and the control characters XML forbids) so the text can sit in
  /// element content or a quoted attribute; line breaks stay, for `<pre>` blocks.
  static func escape(_ text: some StringProtocol) -> String {
    XML.escape(text, keepingWhitespace: true)
  }
}
