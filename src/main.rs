//! The `claimtrail` binary: parse arguments, run, map the result to an exit code.

mod bar;
mod cli;

use clap::Parser;

use std::io::Write;
use std::process::ExitCode;

// jemalloc, where it builds (see Cargo.toml).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let action = cli::Cli::parse().into_action();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let result = action.run(&mut out, &mut err).and_then(|exit| {
        out.flush()?;
        Ok(exit)
    });
    match result {
        Ok(claimtrail::Exit::Success) => ExitCode::SUCCESS,
        Ok(claimtrail::Exit::Findings) => ExitCode::from(1),
        // `claimtrail report | head`: the reader left; that is not a failure.
        Err(claimtrail::Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(2)
        }
    }
}
