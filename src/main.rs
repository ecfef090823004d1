//! The `claimtrail` binary: parse arguments, run, map the result to an exit code.

mod bar;
mod cli;

use clap::Parser;

use std::io::Write;
use std::process::ExitCode;

// jemalloc, where it builds and the feature is on (see Cargo.toml).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOC: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    // On SIGINT or SIGTERM (ctrlc's `termination` feature; SIGHUP too),
    // remove the temporary files of writes under way before exiting, as a
    // shell does for an interrupted command: 130.
    let _ = ctrlc::set_handler(|| {
        claimtrail::atomic::remove_temporaries();
        std::process::exit(130);
    });
    let job = match cli::Cli::parse().into_action() {
        Ok(cli::Action::Write(job)) => job,
        Ok(cli::Action::Lsp(options)) => return serve(&options),
        // Options that clash: shown, and exit code 2, as clap's own errors.
        Err(usage) => {
            let _ = usage.print();
            return ExitCode::from(u8::try_from(usage.exit_code()).unwrap_or(2));
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(Output::new(stdout.lock()));
    let mut err = Output::new(std::io::stderr());
    let result = job.run(&mut out, &mut err).and_then(|exit| {
        out.flush()?;
        Ok(exit)
    });
    match result {
        Ok(claimtrail::Exit::Success) => ExitCode::SUCCESS,
        Ok(claimtrail::Exit::Findings) => ExitCode::from(1),
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            ExitCode::from(2)
        }
    }
}

/// The language server over the process's stdin and stdout: exit code 0
/// after the client's `shutdown` and `exit`, 1 otherwise.
fn serve(options: &claimtrail::lsp::Options) -> ExitCode {
    let (connection, threads) = lsp_server::Connection::stdio();
    // `run` drops the connection when it returns, which ends the writer thread.
    let ended = claimtrail::lsp::run(connection, options);
    let joined = threads.join();
    match (ended, joined) {
        (Ok(claimtrail::lsp::Ended::Clean), Ok(())) => ExitCode::SUCCESS,
        (Ok(_), _) => ExitCode::from(1),
        (Err(e), _) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Standard output or error that, once its reader has gone (`claimtrail check
/// | head`), takes the rest and drops it: the run goes on to its own exit
/// code, so a pipeline with `pipefail` still fails on findings.
struct Output<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> Output<W> {
    fn new(inner: W) -> Self {
        Output {
            inner,
            closed: false,
        }
    }
}

impl<W: Write> Write for Output<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if !self.closed {
            match self.inner.write(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => self.closed = true,
                other => return other,
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}
