import Foundation

extension ModelServerPool {
    /// Servers named `host:port` (the scheme's default port when none is given; user, password,
    /// query and path left out, so a label never carries a credential). Two base URLs on the same
    /// host and port keep their paths to stay apart.
    static func servers(_ baseURLs: [String]) -> [Server] {
        let labels = baseURLs.map(hostPort)
        return baseURLs.enumerated().map { i, url in
            let duplicate = labels.enumerated().contains { $0.offset != i && $0.element == labels[i] }
            let path = URLComponents(string: url)?.path ?? ""
            return Server(index: i, baseURL: url, label: duplicate ? labels[i] + path : labels[i])
        }
    }

    /// `host:port` of a URL (`invalid-url` when it has no host; configuration loading rejects those).
    static func hostPort(_ url: String) -> String {
        guard let parts = URLComponents(string: url), let host = parts.host, !host.isEmpty else {
            return "invalid-url"
        }
        let port = parts.port ?? (parts.scheme?.lowercased() == "https" ? 443 : 80)
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}
