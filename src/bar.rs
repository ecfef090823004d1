//! The progress bar on stderr: shown only on a terminal, only past half a
//! second, never with `--quiet`; drawn by indicatif.

use claimtrail::progress::Progress;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_millis(500);

pub struct Bar {
    start: Instant,
    bar: OnceLock<ProgressBar>,
}

impl Bar {
    pub fn new() -> Bar {
        Bar {
            start: Instant::now(),
            bar: OnceLock::new(),
        }
    }
}

impl Progress for Bar {
    fn files(&self, done: usize, total: usize) {
        if self.bar.get().is_none() && self.start.elapsed() < DELAY {
            return;
        }
        let bar = self.bar.get_or_init(|| {
            let bar = ProgressBar::with_draw_target(
                Some(total as u64),
                ProgressDrawTarget::stderr_with_hz(10),
            );
            bar.set_style(
                ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} files ({eta} left)")
                    .unwrap_or_else(|_| ProgressStyle::default_bar())
                    .progress_chars("=> "),
            );
            bar.set_prefix("reading");
            bar
        });
        bar.set_position(done as u64);
    }

    fn finish(&self) {
        if let Some(bar) = self.bar.get() {
            bar.finish_and_clear();
        }
    }
}
