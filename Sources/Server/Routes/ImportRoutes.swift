import Foundation
import Hummingbird
import SpotterApp
import Store

/// `POST /v1/users/{user}/import?format=hevy|strong` with the CSV export as the body
/// (`Content-Type: text/csv`, `text/plain` or `application/octet-stream`). One transaction:
/// 200 with the report (sessions, sets, sessions already present, skipped rows, unmatched
/// exercise names) once committed; 422 `invalid_import` naming the line for a corrupt file, and
/// then nothing is written. The optional `tz` parameter (e.g. `Europe/Berlin`) says which time
/// zone the export's local times are in (default UTC). The knowledge base's name resolver
/// (`SpotterServices.nameResolver`) matches names (the import waits up to 2 minutes for it to load).
/// The import is linear in the file's size and stops, storing nothing, when the client disconnects.
struct ImportRoutes: RouteGroup {
    let context: ServerContext

    func register(on router: Router<SpotterRequestContext>) {
        let store = context.store
        let resolver = context.services.nameResolver
        router.post("/v1/users/:user/import") { request, ctx in
            let id = try ctx.userID()
            guard let formatText = request.uri.queryParameters["format"] else {
                throw APIError.invalidField("format", "the query parameter format is required: hevy or strong")
            }
            guard let format = ImportFormat(rawValue: String(formatText).lowercased()) else {
                throw APIError.invalidField("format", "format '\(formatText.prefix(40))' is not hevy or strong")
            }
            var timeZone = TimeZone(identifier: "UTC")!
            if let tz = request.uri.queryParameters["tz"] {
                guard let zone = TimeZone(identifier: String(tz)) else { throw APIError.invalidField("tz", "tz '\(tz.prefix(60))' is not a time zone name like Europe/Berlin") }
                timeZone = zone
            }
            try request.requireContentType(["text/csv", "text/plain", "application/octet-stream"])
            let limit = ctx.maxUploadBytes
            // A client that leaves cancels the import (nothing is stored); so does shutdown,
            // after the drain timeout.
            let report = try await request.untilClientLeaves { request in
                let body = try await request.collectBody(limit: limit)
                guard let text = String(validating: body.readableBytesView, as: UTF8.self) else {
                    throw APIError(.unprocessableContent, code: "invalid_import", "the CSV file is not UTF-8 text; export it again from the app")
                }
                // Name matching needs the knowledge index, which may still be loading at start-up.
                let names = try await resolver?.value(within: .seconds(120))
                return try await store.importWorkouts(csv: text, format: format, user: id, resolver: names, timeZone: timeZone)
            }
            context.services.workoutsCommitted(user: id)
            return JSONBody(ImportReportWire(report))
        }
    }
}

/// The import report on the wire.
struct ImportReportWire: Codable, Sendable {
    struct Skipped: Codable, Sendable { var line: Int; var reason: String }
    var format: String
    var sessionsImported: Int
    var setsImported: Int
    var sessionsAlreadyPresent: Int
    var skippedRows: [Skipped]
    var unmatchedExercises: [String]
    var nameMatching: Bool

    enum CodingKeys: String, CodingKey {
        case format, sessionsImported = "sessions_imported", setsImported = "sets_imported"
        case sessionsAlreadyPresent = "sessions_already_present", skippedRows = "skipped_rows"
        case unmatchedExercises = "unmatched_exercises", nameMatching = "name_matching"
    }

    init(_ r: ImportReport) {
        format = r.format.rawValue; sessionsImported = r.sessionsImported; setsImported = r.setsImported
        sessionsAlreadyPresent = r.sessionsAlreadyPresent; skippedRows = r.skippedRows.map { .init(line: $0.line, reason: $0.reason) }
        unmatchedExercises = r.unmatchedExercises; nameMatching = r.resolverUsed
    }
}
