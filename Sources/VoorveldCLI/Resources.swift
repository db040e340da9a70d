import ArgumentParser
import Foundation

/// Finds the folders Voorveld reads at run time (`sql/`, `seed-data/`).
enum Resources {
    /// In order: the folder given on the command line; `./name`; `name` beside the program or in
    /// one of its parent folders (a build in `.build/debug` finds the source tree's);
    /// `/usr/share/voorveld/name` for an installed program.
    static func directory(_ name: String, given: String?) throws -> String {
        if let given { return given }
        let fileManager = FileManager.default
        var candidates = [fileManager.currentDirectoryPath + "/" + name]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.appendingPathComponent(name).path)
            folder = folder.deletingLastPathComponent()
        }
        candidates.append("/usr/share/voorveld/" + name)
        var isFolder: ObjCBool = false
        guard let found = candidates.first(where: { fileManager.fileExists(atPath: $0, isDirectory: &isFolder) && isFolder.boolValue }) else {
            throw ValidationError(
                "Cannot find the '\(name)' folder (looked in the current folder, beside the program and in /usr/share/voorveld). Give its path with --\(name == "sql" ? "sql-dir" : "seed-dir")."
            )
        }
        return found
    }
}
