import AsyncHTTPClient
import Foundation
import NIOHTTP1
import TestDatabase
import Testing

/// Runs the real `voorveld` program as a user would: nothing configured, an empty folder.
@Suite("voorveld serve", .serialized)
struct ServeCommandTests {

    @Test("with nothing configured it starts its own PostgreSQL, is ready, and leaves no server behind after SIGTERM")
    func embeddedDefault() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: Fixtures.program), "build the voorveld program first: swift build --build-tests")
        let folder = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"

        // First start: creates the cluster and loads the demo data.
        let first = try await ServedProgram.start(program: Fixtures.program, dataDirectory: data, workingDirectory: folder)
        #expect(try await first.get("/health/ready").status == .ok)
        // The demo data is there: the demo kernteamlid's token works and sees Overbetuwe.
        let ik = try await first.get("/v1/ik", token: "vv_demo_kernteamlid_0000000000000000000000000000")
        #expect(ik.status == .ok)
        #expect(ik.body.contains("GM1734"))
        #expect(try await first.get("/v1/ik").status == .unauthorized)
        let postmaster = try #require(Fixtures.postmasterPID(data))
        #expect(kill(postmaster, 0) == 0)
        let log = try await first.terminate()
        #expect(log.contains("creating a PostgreSQL cluster"))
        #expect(log.contains("loading the demo data"))
        #expect(log.contains("PostgreSQL stopped"))
        #expect(kill(postmaster, 0) == -1)
        #expect(Fixtures.postmasterPID(data) == nil)

        // Second start: the same data, no new cluster, no second seed; logs as JSON this time.
        let second = try await ServedProgram.start(
            program: Fixtures.program,
            dataDirectory: data,
            workingDirectory: folder,
            arguments: ["--log-format", "json"]
        )
        #expect(try await second.get("/health/ready").status == .ok)
        #expect(try await second.get("/v1/ik", token: "vv_demo_twenterand_0000000000000000000000000000").body.contains("GM1700"))
        // The metrics, to the scraper with its token: the requests just made, and the pool.
        let metrics = try await second.get("/metrics", token: "scrape-token-of-the-test")
        #expect(metrics.status == .ok)
        #expect(metrics.body.contains(#"voorveld_http_requests_total{route="/v1/ik",method="GET",status="200"} 1"#))
        #expect(metrics.body.contains("voorveld_db_pool_open_connections "))
        let secondLog = try await second.terminate()
        #expect(!secondLog.contains("creating a PostgreSQL cluster"))
        #expect(!secondLog.contains("loading the demo data"))
        // Every line a JSON object with time, level and message; a request line has its id.
        let lines = secondLog.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count > 3)
        let objects = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(objects.count == lines.count, "not JSON: \(lines.filter { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) == nil })")
        #expect(objects.allSatisfy { $0["time"] is String && $0["level"] is String && $0["message"] is String })
        #expect(
            objects.contains {
                $0["message"] as? String == "request" && $0["path"] as? String == "/v1/ik" && ($0["hb.request.id"] as? String)?.isEmpty == false
            }
        )
        #expect(Fixtures.postmasterPID(data) == nil)
    }

    @Test("SIGTERM under load: every request the service took on is answered in full, and it exits cleanly")
    func sigtermUnderLoad() async throws {
        let folder = TestDatabase.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let served = try await ServedProgram.start(
            program: Fixtures.program,
            dataDirectory: folder + "/data",
            workingDirectory: folder,
            arguments: ["--log-format", "json"]
        )
        let token = "vv_demo_kernteamlid_0000000000000000000000000000"
        #expect(try await served.get("/v1/hulpvragen", token: token).status == .ok)
        // The load runs until the clients have had this many answers, however long that takes on
        // this machine; then SIGTERM comes, with requests in flight.
        let enough = 24
        let loadBound = Duration.seconds(120)
        let answers = Tally()
        // Raised once SIGTERM is sent: from then on a client stops at its first refused request.
        let terminated = Tally()
        // Clients that keep sending requests, each with its own request id, until the service is
        // gone. The deadline is only a backstop for a service that never stops listening.
        let stopAt = ContinuousClock.now + loadBound + .seconds(120)
        let results = try await withThrowingTaskGroup(of: [(id: String, status: Int?)].self) { group in
            for client in 0..<8 {
                group.addTask {
                    var results: [(id: String, status: Int?)] = []
                    var number = 0
                    while ContinuousClock.now < stopAt {
                        number += 1
                        let id = "last-\(client)-\(number)"
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(served.port)/v1/cijfers/monitoring?van=2024-01-01&tot=2026-11-30")
                        request.headers.add(name: "Authorization", value: "Bearer \(token)")
                        request.headers.add(name: "X-Request-Id", value: id)
                        do {
                            // A generous timeout: on a busy machine an answer may be slow, and one
                            // given up on here would count as lost.
                            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 22)
                            results.append((id, Int(response.status.code)))
                            answers.add()
                        } catch {
                            results.append((id, nil))
                            // Refused: the service has stopped listening (or, before SIGTERM,
                            // three failures in a row: something else is wrong).
                            if terminated.count > 0 || results.suffix(3).allSatisfy({ $0.status == nil }) { break }
                        }
                    }
                    return results
                }
            }
            let loaded = try await TestDatabase.waitUntil(timeout: loadBound) { answers.count >= enough }
            terminated.add()
            served.process.terminate()  // SIGTERM, mid-load
            if !loaded { Issue.record("the clients had only \(answers.count) of \(enough) answers after \(loadBound) of load; SIGTERM sent anyway") }
            var all: [(id: String, status: Int?)] = []
            for try await part in group { all += part }
            return all
        }
        let log = try await served.terminate()
        // What the service says it answered, by request id.
        let answered = Dictionary(
            log.split(separator: "\n").compactMap { line -> (String, Int)? in
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    object["message"] as? String == "request",
                    let id = object["client_request_id"] as? String, id.hasPrefix("last-"),
                    let status = (object["status"] as? String).flatMap({ Int($0) })
                else { return nil }
                return (id, status)
            },
            uniquingKeysWith: { first, _ in first }
        )
        let received = Dictionary(results.compactMap { result in result.status.map { (result.id, $0) } }, uniquingKeysWith: { first, _ in first })
        #expect(answered.count >= enough, "only \(answered.count) requests answered")
        // Every request the service took on was answered with 200, and the client got that answer.
        #expect(answered.values.allSatisfy { $0 == 200 }, "\(answered.filter { $0.value != 200 })")
        let lost = answered.keys.filter { received[$0] != 200 }
        #expect(lost.isEmpty, "answered by the service but not received: \(lost.sorted().prefix(5))")
        // And no client got an answer the service did not log (nothing half-written).
        #expect(received.keys.allSatisfy { answered[$0] != nil })
        print("SIGTERM under load: \(answered.count) requests answered, \(results.count - received.count) refused after shutdown began, 0 lost")
    }

}

/// A `voorveld serve` process on a free port, with its log in a file.
struct ServedProgram {
    let process: Process
    let port: Int
    let logPath: String

    static func start(program: String, dataDirectory: String, workingDirectory: String, arguments: [String] = []) async throws -> ServedProgram {
        let logPath = workingDirectory + "/serve-\(UUID().uuidString.prefix(6)).log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["serve", "--port", "0", "--data-dir", dataDirectory] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        // Nothing configured: no DATABASE_URL, no PG* variables.
        process.environment = ProcessInfo.processInfo.environment.filter { $0.key != "DATABASE_URL" && !$0.key.hasPrefix("PG") }
            .merging(["VOORVELD_METRICS_TOKEN": "scrape-token-of-the-test"]) { $1 }
        process.standardOutput = log
        process.standardError = log
        try process.run()
        // Until it says where it listens. A first start creates a cluster and loads the demo data,
        // which takes many seconds on a busy machine: the bound only catches a start that hangs.
        let bound = Duration.seconds(180)
        var port: Int?
        let ready = try await TestDatabase.waitUntil(timeout: bound, every: .milliseconds(100)) {
            let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: "listening on 127.0.0.1:") {
                port = Int(text[range.upperBound...].prefix { $0.isNumber })
                if port != nil { return true }
            }
            guard process.isRunning else { throw ServeFailure(reason: "it exited", log: text) }
            return false
        }
        if ready, let port { return ServedProgram(process: process, port: port, logPath: logPath) }
        process.terminate()
        throw ServeFailure(reason: "it said nothing of listening within \(bound)", log: (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }

    func get(_ path: String, token: String? = nil) async throws -> (status: HTTPResponseStatus, body: String) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (response.status, String(buffer: body))
    }

    /// Sends SIGTERM, waits for a clean exit, and returns the log.
    func terminate() async throws -> String {
        process.terminate()
        // Draining requests and stopping PostgreSQL: the bound only catches a shutdown that hangs.
        let bound = Duration.seconds(120)
        let stopped = try await TestDatabase.waitUntil(timeout: bound, every: .milliseconds(50)) { !process.isRunning }
        if !stopped {
            Issue.record("voorveld did not stop within \(bound) after SIGTERM; killed")
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        if stopped { #expect(process.terminationStatus == 0, "voorveld exited with \(process.terminationStatus):\n\(log)") }
        return log
    }
}

struct ServeFailure: Error, CustomStringConvertible {
    var reason: String
    var log: String
    var description: String { "voorveld serve did not become ready: \(reason)\n\(log)" }
}
