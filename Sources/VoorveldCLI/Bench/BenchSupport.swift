import ArgumentParser
import Foundation
import Logging

/// The folder every benchmark makes its own embedded PostgreSQL in.
struct BenchFolder: ParsableArguments {
    @Option(help: ArgumentHelp("Folder for the embedded PostgreSQL (default: a new temporary folder).", valueName: "path")) var dataDir: String?
    @Flag(help: "Keep the temporary data folder.") var keepData = false

    /// Prints `title` and the machine, then runs `body` with a session on the folder's database
    /// (its options and the folder too); a temporary folder is removed afterwards unless kept.
    func withSession<T>(
        title: String,
        maxConnections: Int,
        serverSettings: [String: String] = [:],
        logger: Logger,
        _ body: (DatabaseSession, DatabaseOptions, String) async throws -> T
    ) async throws -> T {
        let directory = try dataDir ?? Bench.temporaryDirectory()
        defer { if dataDir == nil && !keepData { try? FileManager.default.removeItem(atPath: directory) } }
        let options = try DatabaseOptions.parse(["--data-dir", directory, "--log-level", "warning", "--max-connections", "\(maxConnections)"])
        print(title)
        print(
            "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(ProcessInfo.processInfo.physicalMemory >> 30) GiB; data in \(directory)"
        )
        return try await DatabaseSession.with(options, serverSettings: serverSettings, logger: logger) { session in
            try await body(session, options, directory)
        }
    }
}

/// How the benchmarks print their figures.
enum Bench {
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/voorveld-bench-XXXXXX".utf8CString)
        guard let path = mkdtemp(&template) else { throw CommandError("Cannot make a temporary folder in /tmp.") }
        let directory = String(cString: path)
        chmod(directory, 0o755)  // as root, the embedded server runs as postgres and must reach its folder
        return directory
    }

    static func percentile(_ durations: [Duration], _ p: Double) -> Duration {
        guard !durations.isEmpty else { return .zero }
        let sorted = durations.sorted()
        return sorted[min(sorted.count - 1, max(0, Int((Double(sorted.count) * p).rounded(.up)) - 1))]
    }

    static func ms(_ duration: Duration) -> String { String(format: "%.1f ms", duration.milliseconds) }

    static func format(_ duration: Duration) -> String { String(format: "%.1f s", duration.seconds) }
}
