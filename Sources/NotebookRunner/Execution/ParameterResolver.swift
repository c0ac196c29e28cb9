import Kernel

/// Computes a notebook's `params`: front-matter defaults, then the profile, then `-P` overrides.
public enum ParameterResolver {
  /// The parameters a notebook runs with.
  ///
  /// - Throws: ``NotebookError`` when the profile does not exist in the notebook or an
  ///   override names a parameter the notebook does not declare (typos should not pass silently).
  public static func resolve(
    _ frontMatter: FrontMatter, profile: String?, overrides: [ParameterOverride], file: String
  ) throws(NotebookError) -> Record {
    var params = frontMatter.params
    if let profile {
      guard let profileParams = frontMatter.profile(named: profile) else {
        let names = frontMatter.profiles.map(\.name)
        let known = names.isEmpty ? " (it declares no profiles)" : " (profiles: \(names.joined(separator: ", ")))"
        throw NotebookError(
          "no profile '\(profile)' in this notebook\(Suggestion.hint(for: profile, among: names))\(known)", file: file)
      }
      for field in profileParams.fields { set(&params, field.key, field.value) }
    }
    for override in overrides {
      guard params[override.name] != nil else {
        let names = params.fields.map(\.key)
        let known = names.isEmpty ? " (it declares no params)" : ""
        throw NotebookError(
          "-P \(override.argument): no parameter '\(override.name)' in this notebook\(Suggestion.hint(for: override.name, among: names))\(known)",
          file: file)
      }
      set(&params, override.name, override.value)
    }
    return params
  }

  /// Replaces a field in place (keeping its position) or appends it.
  private static func set(_ record: inout Record, _ key: String, _ value: Value) {
    if let index = record.fields.firstIndex(where: { $0.key == key }) {
      record.fields[index].value = value
    } else {
      record.fields.append((key, value))
    }
  }
}
