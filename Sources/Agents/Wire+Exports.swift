// `ChatService` speaks the socket API's chat types (`ChatRequest`, `ChatResponse`,
// `ChatStreamEvent`, `GroundingFact`, `RoutingDecision`, ...), which live in the shared `Wire`
// target; re-exported so every client of Agents sees them as part of its API.
@_exported import Wire
