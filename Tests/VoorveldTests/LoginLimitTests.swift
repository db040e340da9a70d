import Foundation
import TestDatabase
import Testing
import VoorveldStore

/// Password logins cost a bcrypt check each: every attempt is counted, whatever name it gives, and
/// only a bounded number of checks run at once.
@Suite("Login limits")
struct LoginLimitTests {
    @Test("attempts with names that cannot exist are counted per address like any other, and blocked at the limit")
    func impossibleNamesCounted() async throws {
        let environment = try await TestEnvironment.seeded()
        var settings = AuthStore.Settings()
        settings.maxFailuresPerAddress = 5
        let auth = AuthStore(pool: environment.service, hasher: TestEnvironment.hasher, settings: settings, limiter: TestEnvironment.passwordChecks)
        var results: [AuthStore.LoginResult] = []
        for attempt in 0..<7 {
            // Upper case, spaces, too long: none of these can be a login name.
            let naam = ["Niet Geldig \(attempt)", String(repeating: "x", count: 300) + "\(attempt)", "ÉÉN \(attempt)"][attempt % 3]
            results.append(try await auth.login(naam: naam, wachtwoord: "wat-dan-ook-123", adres: "192.0.2.7"))
        }
        #expect(results == Array(repeating: .ongeldig, count: 5) + [.geblokkeerd, .geblokkeerd])
        // Another address is not affected, and the demo user still logs in from it.
        let ok = try await auth.login(naam: Demo.steunpunt.naam, wachtwoord: Demo.steunpunt.wachtwoord, adres: "192.0.2.8")
        guard case .ingelogd = ok else {
            Issue.record("the real login from another address was refused: \(ok)")
            return
        }
        // What was stored of the impossible names is bounded.
        let longest = try await environment.owner.withConnection { connection in
            try await connection.queryOne("SELECT max(length(naam)) FROM mislukte_inlogpogingen") { row in try row.decode(0, as: Int.self) }
        }
        #expect(longest == 64)
        await environment.close()
    }

    @Test("at most the limiter's number of checks run at once; when its line is full a login is refused at once as busy")
    func concurrentChecksBounded() async throws {
        let limiter = PasswordCheckLimiter(running: 1, waiting: 1)
        let release = Tally()
        // One check that runs until released, and one waiting behind it: the line is full.
        let first = Task {
            await limiter.run {
                _ = try? await TestDatabase.waitUntil { release.count > 0 }
                return 1
            }
        }
        try #require(try await TestDatabase.waitUntil { limiter.inLine == 1 })
        let second = Task { await limiter.run { 2 } }
        try #require(try await TestDatabase.waitUntil { limiter.inLine == 2 })
        #expect(await limiter.run { 3 } == nil)
        release.add()
        #expect(await first.value == 1)
        #expect(await second.value == 2)
        #expect(limiter.peakRunning == 1)
        // Everyone has left: there is room again.
        #expect(limiter.inLine == 0)
        #expect(await limiter.run { 4 } == 4)

        // A login while the line is full is answered 'busy' without touching the database.
        let environment = try await TestEnvironment.seeded()
        let full = PasswordCheckLimiter(running: 1, waiting: 0)
        let holding = Tally()
        let held = Tally()
        let holder = Task {
            await full.run {
                held.add()
                _ = try? await TestDatabase.waitUntil { holding.count > 0 }
            }
        }
        try #require(try await TestDatabase.waitUntil { held.count > 0 })
        let auth = AuthStore(pool: environment.service, hasher: TestEnvironment.hasher, limiter: full)
        #expect(try await auth.login(naam: Demo.steunpunt.naam, wachtwoord: Demo.steunpunt.wachtwoord, adres: "192.0.2.9") == .bezet)
        holding.add()
        _ = await holder.value
        guard case .ingelogd = try await auth.login(naam: Demo.steunpunt.naam, wachtwoord: Demo.steunpunt.wachtwoord, adres: "192.0.2.9") else {
            Issue.record("login refused after the line emptied")
            return
        }
        // 20 logins at once through a limiter of 2: never more than 2 checks at a time.
        let pair = PasswordCheckLimiter(running: 2, waiting: 100)
        let parallel = AuthStore(pool: environment.service, hasher: TestEnvironment.hasher, limiter: pair)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for attempt in 0..<20 {
                group.addTask {
                    _ = try await parallel.login(naam: "bestaat-niet-\(attempt)", wachtwoord: "x-\(attempt)", adres: "192.0.2.\(attempt + 20)")
                }
            }
            try await group.waitForAll()
        }
        #expect(pair.peakRunning <= 2 && pair.peakRunning >= 1)
        await environment.close()
    }
}
