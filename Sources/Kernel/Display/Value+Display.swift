extension Value {
  /// What showing the value outputs: an object's rich form, text for the rest, nothing for `none`.
  public var displayItems: [DisplayItem] {
    switch self {
    case .none: return []
    case .object(let object): return object.display()
    default: return [.text(text)]
    }
  }
}
