// The evals read daemon answers as `JSONValue`s and errors as `ErrorEnvelope`s: the shared
// `Wire` target's types, re-exported for the evals' API.
@_exported import Wire
