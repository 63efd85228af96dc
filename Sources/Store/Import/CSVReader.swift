/// A strict RFC 4180 CSV reader with a configurable separator.
///
/// Format: records separated by `\n` or `\r\n`; fields separated by `separator`; a field may be
/// wrapped in `"` and then contain separators, newlines and doubled quotes (`""`). A quote that
/// is never closed, or a character other than a separator or line end after a closing quote, is
/// an error naming the 1-based line where the record started, so a corrupt file can be rejected
/// whole. Blank lines are skipped. A cancelled task stops reading early (its caller checks
/// for cancellation after parsing, so a partial result is never stored).
struct CSVReader {
    struct Record {
        /// 1-based line number in the file where the record starts.
        var line: Int
        var fields: [String]
    }

    static func parse(_ text: String, separator: UInt8 = UInt8(ascii: ",")) throws(StoreError) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var afterQuote = false
        var fieldWasQuoted = false
        let quote = UInt8(ascii: "\""), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(Record(line: recordLine, fields: fields))
            }
            fields.removeAll(keepingCapacity: true)
        }

        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 BOM
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == quote {
                    if i + 1 < bytes.count, bytes[i + 1] == quote {
                        field.append(quote)
                        i += 1
                    } else {
                        inQuotes = false
                        afterQuote = true
                    }
                } else {
                    if c == lf { line += 1 }
                    field.append(c)
                }
            } else if c == separator {
                endField()
            } else if c == lf || c == cr {
                if c == cr, i + 1 < bytes.count, bytes[i + 1] == lf { i += 1 }
                endRecord()
                line += 1
                recordLine = line
                if Task.isCancelled { return records }  // the caller throws CancellationError
            } else if afterQuote {
                throw StoreError(.malformedImport(line: line), "line \(line): unexpected character after a closing quote; the CSV file is corrupt and nothing was imported")
            } else if c == quote && field.isEmpty {
                inQuotes = true
                fieldWasQuoted = true
            } else {
                field.append(c)
            }
            i += 1
        }
        if inQuotes {
            throw StoreError(.malformedImport(line: recordLine), "line \(recordLine): a quoted field is never closed (truncated file?); the CSV file is corrupt and nothing was imported")
        }
        if !field.isEmpty || !fields.isEmpty || afterQuote { endRecord() }
        return records
    }
}

/// Column lookup by header name for one CSV file.
struct CSVHeader {
    let names: [String]
    private let index: [String: Int]

    init(_ names: [String]) {
        self.names = names.map { $0.trimmingCharacters(in: .whitespaces) }
        var index: [String: Int] = [:]
        for (i, n) in self.names.enumerated() where index[n.lowercased()] == nil { index[n.lowercased()] = i }
        self.index = index
    }

    func column(_ name: String) -> Int? { index[name.lowercased()] }

    /// Checks that every required column is present; the error names the missing ones.
    func require(_ required: [String], format: String) throws(StoreError) {
        let missing = required.filter { column($0) == nil }
        guard missing.isEmpty else {
            throw StoreError(.malformedImport(line: 1), "line 1: this is not a \(format) export: the header lacks \(missing.map { "'\($0)'" }.joined(separator: ", ")); nothing was imported")
        }
    }
}

import Foundation
