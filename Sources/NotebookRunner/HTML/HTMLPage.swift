/// The shell shared by every page nnlab writes: doctype, metadata, the inline style sheet.
enum HTMLPage {
  /// A complete, self-contained HTML document; `title` is escaped here, `body` must already be HTML.
  static func document(title: String, body: String, version: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="generator" content="nnlab \(HTMLText.escape(version))">
    <title>\(HTMLText.escape(title))</title>
    <style>
    \(ReportStyle.css)
    </style>
    </head>
    <body>
    <div class="page">
    \(body)</div>
    </body>
    </html>

    """
  }
}
