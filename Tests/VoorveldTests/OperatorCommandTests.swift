import Foundation
import TestDatabase
import Testing

/// The operator's commands next to a running service, as the README tells an operator to use them.
@Suite("voorveld commands beside serve", .serialized)
struct OperatorCommandTests {
    /// Runs `voorveld ARGUMENTS` to its end with nothing configured, as an operator would.
    static func run(_ arguments: [String], in folder: String) async throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Fixtures.program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "DATABASE_URL" && !$0.key.hasPrefix("PG") }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("token revoke and users list while serve runs on the same data folder leave its PostgreSQL running")
    func commandsLeaveTheServiceRunning() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixtures.program), "build the voorveld program first: swift build --build-tests")
        let folder = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        let served = try await ServedProgram.start(program: Fixtures.program, dataDirectory: data, workingDirectory: folder)
        let postmaster = try #require(Fixtures.postmasterPID(data))
        #expect(try await served.get("/v1/ik", token: "vv_demo_steunpunt_00000000000000000000000000000").status == .ok)

        // The README's own revoke step, then a read-only command.
        let revoke = try await Self.run(["token", "revoke", "--user", "steunpunt", "--data-dir", data], in: folder)
        #expect(revoke.status == 0, "\(revoke.output)")
        let list = try await Self.run(["users", "list", "--gemeente", "GM1734", "--data-dir", data], in: folder)
        #expect(list.status == 0, "\(list.output)")
        #expect(list.output.contains("kernteamlid"))
        #expect(!revoke.output.contains("PostgreSQL stopped") && !list.output.contains("PostgreSQL stopped"))

        // The service's database is still the same running server, and the service still works:
        // the revoked token is refused, every other one is not.
        #expect(kill(postmaster, 0) == 0)
        #expect(Fixtures.postmasterPID(data) == postmaster)
        #expect(try await served.get("/health/ready").status == .ok)
        #expect(try await served.get("/v1/ik", token: "vv_demo_steunpunt_00000000000000000000000000000").status == .unauthorized)
        #expect(try await served.get("/v1/ik", token: "vv_demo_kernteamlid_0000000000000000000000000000").status == .ok)
        let log = try await served.terminate()
        #expect(log.contains("PostgreSQL stopped"))
        #expect(Fixtures.postmasterPID(data) == nil)
    }
}
