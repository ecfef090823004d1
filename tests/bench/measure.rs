//! Measuring: wall and CPU time of a job in a rayon pool of a given size,
//! medians over interleaved rounds, and the peak memory of a child process.
//!
//! Jobs are timed in rounds, each round running every job once in a rotated
//! order, so that a slow spell of the machine (another build, the page cache)
//! lands on all jobs alike and the ratios between them stay fair.

// Peak memory comes from `wait4`, which only libc offers.
#![allow(unsafe_code)]

use std::hint::black_box;
use std::io;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Something to time; returns a number that depends on all of its work.
pub type Job<'a> = Box<dyn Fn() -> u64 + Sync + 'a>;

/// One timed run.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub wall: Duration,
    /// User plus system time of the whole process, all threads.
    pub cpu: Duration,
}

/// The runs of one job.
#[derive(Clone, Debug, Default)]
pub struct Samples(pub Vec<Sample>);

impl Samples {
    pub fn median(&self) -> Duration {
        median(self.0.iter().map(|s| s.wall))
    }

    pub fn min(&self) -> Duration {
        self.0.iter().map(|s| s.wall).min().unwrap_or_default()
    }

    pub fn median_cpu(&self) -> Duration {
        median(self.0.iter().map(|s| s.cpu))
    }
}

fn median(values: impl Iterator<Item = Duration>) -> Duration {
    let mut v: Vec<Duration> = values.collect();
    v.sort();
    match v.len() {
        0 => Duration::ZERO,
        n if !n.is_multiple_of(2) => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2,
    }
}

pub fn pool(threads: usize) -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a rayon thread pool")
}

/// Time one run of `job` inside `pool`, the allocator's free pages first
/// given back, as a new process starts without them: otherwise a small
/// corpus timed after a large one pays for returning the large one's pages.
pub fn sample(pool: &rayon::ThreadPool, job: &Job) -> Sample {
    purge_allocator();
    let cpu = cpu_time();
    let start = Instant::now();
    black_box(pool.install(job));
    Sample {
        wall: start.elapsed(),
        cpu: cpu_time().saturating_sub(cpu),
    }
}

/// Run every (job, pool) pair once untimed, then `rounds` timed rounds in a
/// rotated order; one `Samples` per pair, in the order given.
pub fn rounds(pairs: &[(&Job, &rayon::ThreadPool)], rounds: usize) -> Vec<Samples> {
    let each: Vec<_> = pairs
        .iter()
        .map(|&(job, pool)| (job, pool, rounds))
        .collect();
    rounds_each(&each)
}

/// As `rounds`, with a number of rounds per pair: in each round, the pairs
/// that still want samples are timed, so pairs compared with each other are
/// measured side by side rather than minutes apart.
pub fn rounds_each(pairs: &[(&Job, &rayon::ThreadPool, usize)]) -> Vec<Samples> {
    for (job, pool, _) in pairs {
        black_box(pool.install(job));
    }
    let mut out = vec![Samples::default(); pairs.len()];
    let most = pairs.iter().map(|p| p.2).max().unwrap_or(0);
    for r in 0..most {
        for k in 0..pairs.len() {
            let i = (k + r) % pairs.len();
            let (job, pool, wanted) = pairs[i];
            if r < wanted {
                out[i].0.push(sample(pool, job));
            }
        }
    }
    out
}

/// Give every arena's unused dirty pages back to the system (jemalloc's
/// `arena.<all>.purge`).
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
fn purge_allocator() {
    // SAFETY: `arena.4096.purge` (4096 is MALLCTL_ARENAS_ALL) takes and
    // gives no value; the name is a NUL-terminated string.
    unsafe {
        tikv_jemalloc_sys::mallctl(
            c"arena.4096.purge".as_ptr(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            std::ptr::null_mut(),
            0,
        );
    }
}

#[cfg(not(all(feature = "jemalloc", not(target_env = "msvc"))))]
fn purge_allocator() {}

/// CPU time used by this process so far (user + system, every thread).
pub fn cpu_time() -> Duration {
    let usage = rusage(libc::RUSAGE_SELF);
    timeval(usage.ru_utime) + timeval(usage.ru_stime)
}

fn rusage(who: libc::c_int) -> libc::rusage {
    // SAFETY: getrusage only writes the struct it is given.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(who, &mut usage);
        usage
    }
}

fn timeval(t: libc::timeval) -> Duration {
    Duration::from_secs(t.tv_sec as u64) + Duration::from_micros(t.tv_usec as u64)
}

/// A child process run to completion.
#[derive(Clone, Copy, Debug)]
pub struct Peak {
    /// Peak resident set size in bytes.
    pub rss: u64,
    pub wall: Duration,
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
}

/// Set in the environment of the intermediary process `peak` starts.
pub const PEAK_CHILD: &str = "CLAIMTRAIL_BENCH_PEAK_CHILD";

/// Run `program args` in `dir` with stdout and stderr discarded and return
/// its peak RSS.
///
/// A child's `ru_maxrss` starts from the high-water mark of the process that
/// spawned it (Linux carries it over at exec), and this benchmark's own is in
/// the hundreds of MB once it has run the commands. So the child is spawned by
/// a fresh copy of this executable (see [`peak_child`]), whose high-water mark
/// is a few MB, and that copy reports the child's figure.
pub fn peak(program: &Path, args: &[String], dir: &Path, threads: usize) -> io::Result<Peak> {
    let me = std::env::current_exe()?;
    let out = Command::new(me)
        .arg(program)
        .args(args)
        .current_dir(dir)
        .env(PEAK_CHILD, "1")
        .env("RAYON_NUM_THREADS", threads.to_string())
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stderr(Stdio::inherit())
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let fields: Vec<u64> = text
        .split_whitespace()
        .filter_map(|f| f.parse().ok())
        .collect();
    match fields.as_slice() {
        [rss, nanos, code] => Ok(Peak {
            rss: *rss,
            wall: Duration::from_nanos(*nanos),
            code: *code as i32,
        }),
        _ => Err(io::Error::other(format!(
            "the peak-memory intermediary said {text:?}"
        ))),
    }
}

/// The intermediary: run the program named by our arguments and print its
/// peak RSS in bytes, wall time in nanoseconds and exit code.
pub fn peak_child() {
    let mut args = std::env::args_os().skip(1);
    let program = args.next().expect("a program to run");
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .env_remove(PEAK_CHILD)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the program starts");
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: wait4 on our own child; it writes only the status and the struct.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        let waited = libc::wait4(pid, &mut status, 0, &mut usage);
        assert!(waited >= 0, "wait4: {}", io::Error::last_os_error());
        usage
    };
    // The child is reaped; dropping its handle neither waits nor kills.
    drop(child);
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status) as u64
    } else {
        u64::MAX
    };
    // Linux reports kilobytes.
    println!(
        "{} {} {code}",
        usage.ru_maxrss as u64 * 1024,
        start.elapsed().as_nanos()
    );
}

/// The machine, for the record: CPU model, cores, memory, load.
pub fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_else(|| "unknown CPU".to_string());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let mem_gib = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|l| l.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0 / 1024.0);
    let rustc = Command::new("rustc")
        .arg("-V")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    format!(
        "{model}, {cores} cores, {mem_gib:.0} GiB; {rustc}; load average {:.2}",
        load()
    )
}

/// A point in time to measure, from, how busy other processes kept the
/// machine: they make wall times (and thread scaling above all) unreliable.
#[derive(Clone, Copy, Debug)]
pub struct Busy {
    /// Busy time of all CPUs (`/proc/stat`), in clock ticks.
    ticks: u64,
    /// CPU time of this process and its waited-for children.
    own: Duration,
    at: Instant,
}

impl Busy {
    pub fn now() -> Busy {
        let children = rusage(libc::RUSAGE_CHILDREN);
        Busy {
            ticks: busy_ticks(),
            own: cpu_time() + timeval(children.ru_utime) + timeval(children.ru_stime),
            at: Instant::now(),
        }
    }

    /// The share of the machine (0 to 1) that other processes used since `self`.
    pub fn others_since(&self) -> f64 {
        let now = Busy::now();
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
        let busy = now.ticks.saturating_sub(self.ticks) as f64 / hz;
        let own = now.own.saturating_sub(self.own).as_secs_f64();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()) as f64;
        let capacity = now.at.duration_since(self.at).as_secs_f64() * cores;
        ((busy - own) / capacity).clamp(0.0, 1.0)
    }
}

/// Busy clock ticks of all CPUs since boot: all but idle and iowait.
fn busy_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let ticks: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .skip(1)
        .take(8) // user nice system idle iowait irq softirq steal; guest is in user
        .filter_map(|t| t.parse().ok())
        .collect();
    let idle = ticks.get(3).copied().unwrap_or(0) + ticks.get(4).copied().unwrap_or(0);
    ticks.iter().sum::<u64>().saturating_sub(idle)
}

/// The 1-minute load average, for the record.
pub fn load() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|l| l.parse().ok()))
        .unwrap_or(f64::NAN)
}
