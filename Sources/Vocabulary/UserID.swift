/// User ids, chosen by the app: 1–64 ASCII letters, digits, `.`, `_` and `-`, not only dots
/// (`.`, `..` would be path segments). The one rule for the store, the URL path and the chat
/// request's `user`.
public enum UserID {
    /// The longest id, in bytes.
    public static let maxLength = 64

    /// Nil when `id` is a valid user id, else a sentence saying what is wrong.
    public static func problem(_ id: String) -> String? {
        let allowed = id.utf8.allSatisfy { c in
            (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 46 || c == 95 || c == 45
        }
        guard !id.isEmpty, id.utf8.count <= maxLength, allowed else {
            return "user id '\(id.prefix(80))' must be 1–\(maxLength) characters of letters, digits, '.', '_' or '-'"
        }
        if id.utf8.allSatisfy({ $0 == 46 }) {
            return "user id '\(id)' is only dots; '.' and '..' are path segments, not names: include a letter or digit"
        }
        return nil
    }
}
