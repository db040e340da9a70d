import Foundation

/// Where PostgreSQL's server programs live: on PATH, or in Debian's versioned folders.
struct PostgresBinaries: Sendable {
    var initdb: String
    var pgCtl: String
    var createdb: String
    /// Runs a program as another user when this process is root (util-linux).
    var runuser: String

    static let debianRoot = "/usr/lib/postgresql"

    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresBinaries {
        let fileManager = FileManager.default
        var folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        // Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/<major>/bin; newest first.
        let versions = (try? fileManager.contentsOfDirectory(atPath: debianRoot)) ?? []
        folders += versions.compactMap { Int($0) }.sorted(by: >).map { "\(debianRoot)/\($0)/bin" }
        guard
            let folder = folders.first(where: { folder in
                ["initdb", "pg_ctl", "createdb"].allSatisfy { fileManager.isExecutableFile(atPath: "\(folder)/\($0)") }
            })
        else {
            throw EmbeddedPostgresError.binariesNotFound(searched: ["PATH", "\(debianRoot)/*/bin"])
        }
        let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first { fileManager.isExecutableFile(atPath: $0) } ?? "runuser"
        return PostgresBinaries(initdb: "\(folder)/initdb", pgCtl: "\(folder)/pg_ctl", createdb: "\(folder)/createdb", runuser: runuser)
    }
}
