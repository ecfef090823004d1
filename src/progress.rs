//! How far a long command has got. The library only reports progress through
//! this trait; the binary decides whether and how to draw it (a bar on a
//! terminal's stderr), so the library itself never prints.

/// Told how many files are done as a corpus loads (from any thread).
pub trait Progress: Sync {
    fn files(&self, done: usize, total: usize);
    /// The files are read; what is left is quick.
    fn finish(&self) {}
}

/// No progress shown: tests, benchmarks, pipes.
pub struct Silent;

impl Progress for Silent {
    fn files(&self, _: usize, _: usize) {}
}
