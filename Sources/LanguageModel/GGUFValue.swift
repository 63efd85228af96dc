/// One metadata value of a GGUF file (see `GGUFFile` for the encoding).
public enum GGUFValue: Sendable, Equatable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16)
    case uint32(UInt32), int32(Int32), uint64(UInt64), int64(Int64)
    case float32(Float), float64(Double), bool(Bool), string(String)
    case array([GGUFValue])

    /// The value as an integer, for any integer type (and `bool`).
    public var int: Int? {
        switch self {
        case let .uint8(v): Int(v)
        case let .int8(v): Int(v)
        case let .uint16(v): Int(v)
        case let .int16(v): Int(v)
        case let .uint32(v): Int(v)
        case let .int32(v): Int(v)
        case let .uint64(v): Int(exactly: v)
        case let .int64(v): Int(v)
        case let .bool(v): v ? 1 : 0
        default: nil
        }
    }

    /// The value as a float, for float and integer types.
    public var double: Double? {
        switch self {
        case let .float32(v): Double(v)
        case let .float64(v): v
        default: int.map(Double.init)
        }
    }

    public var string: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var bool: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    public var array: [GGUFValue]? {
        if case let .array(a) = self { return a }
        return nil
    }
}
