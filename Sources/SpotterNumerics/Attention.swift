/// Attention over a float16 key/value cache: see `Attention+Float16Cache.swift` (C kernels,
/// chosen by `KernelLevel`).
public enum Attention {}
