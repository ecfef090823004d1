//! Tables fitted to a terminal's width (`--width`, `COLUMNS`): the columns
//! each width keeps, ids shortened in the middle, blocks when too narrow;
//! snapshots of every table command at 60, 80, 120 and 200 columns.

use crate::common::{claimtrail, code, run};
use insta_cmd::assert_cmd_snapshot;
use unicode_width::UnicodeWidthStr;

const WIDTHS: [u16; 4] = [60, 80, 120, 200];
const MANAJEMEN: &str = "2019/manajemen-ti-pasukan-siber-rusia";

/// The commands with a table, as a snapshot name and arguments.
const COMMANDS: [(&str, &[&str]); 5] = [
    ("report", &["report"]),
    ("explain", &["report", "--article", MANAJEMEN]),
    ("sources", &["sources"]),
    ("trace", &["trace", "ru-contingent-cyber-personnel"]),
    ("claims", &["claims", "--tracked"]),
];

fn at(width: u16, args: &[&str]) -> std::process::Command {
    let mut cmd = claimtrail(args);
    cmd.args(["--width", &width.to_string()]);
    cmd
}

fn stdout(width: u16, args: &[&str]) -> String {
    let out = run(at(width, args));
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn snapshots_at_every_width() {
    for width in WIDTHS {
        for (name, args) in COMMANDS {
            assert_cmd_snapshot!(format!("{name}_{width}"), at(width, args));
        }
    }
}

#[test]
fn no_line_is_wider_than_the_terminal() {
    for width in WIDTHS {
        for (_, args) in COMMANDS {
            for line in stdout(width, args).lines() {
                assert!(
                    UnicodeWidthStr::width(line) <= usize::from(width),
                    "{args:?} at {width}: {line:?}"
                );
            }
        }
    }
}

/// The header line and the row of one article, split into cells.
fn header_and_row(text: &str, starts: &str) -> (Vec<String>, Vec<String>) {
    let words = |l: &str| l.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let header = words(text.lines().next().unwrap());
    let row = text
        .lines()
        .find(|l| l.starts_with(starts))
        .unwrap_or_else(|| panic!("no row starting {starts:?} in\n{text}"));
    (header, words(row))
}

#[test]
fn eighty_columns_keep_the_essential_columns_whole() {
    let text = stdout(80, &["report"]);
    let (header, row) = header_and_row(&text, "2019/rt…s-treaty");
    assert_eq!(
        header,
        [
            "article",
            "outlet",
            "published",
            "claims",
            "named",
            "anon",
            "unattr",
            "anon%",
            "score",
            "grade"
        ]
    );
    // RT: 5 claims, all named, on 2019-03-26; score 95 (each claim loses 5
    // for no date of when it was said), grade A.
    assert_eq!(
        row,
        [
            "2019/rt…s-treaty",
            "RT",
            "2019-03-26",
            "5",
            "5",
            "0",
            "0",
            "0%",
            "95.0",
            "A"
        ]
    );
    let total = text.lines().last().unwrap();
    assert_eq!(
        total.split_whitespace().collect::<Vec<_>>(),
        ["total", "80", "40", "20", "6", "25%", "60.0", "C"]
    );
}

#[test]
fn one_hundred_and_twenty_columns_add_hedged_and_relayed() {
    let text = stdout(120, &["report"]);
    let (header, row) = header_and_row(&text, "2019/japantimes");
    assert_eq!(
        header,
        [
            "article",
            "outlet",
            "published",
            "claims",
            "named",
            "anon",
            "unattr",
            "hedged",
            "relayed",
            "anon%",
            "score",
            "grade"
        ]
    );
    // The Japan Times: 12 claims, 3 hedged, 12 relayed; its id shortened in
    // the middle to 32 columns, 15 of head and 16 of tail.
    assert_eq!(row[0], "2019/japantimes…deployment-cyber");
    assert_eq!(
        row[row.len() - 9..row.len() - 1],
        ["12", "6", "3", "0", "3", "12", "25%", "61.2"]
    );
}

#[test]
fn narrower_than_the_essential_columns_gives_one_block_per_article() {
    let text = stdout(60, &["report"]);
    let block: Vec<&str> = text
        .split("\n\n")
        .find(|b| b.starts_with("2019/rt-russian-specialists-treaty\n"))
        .unwrap()
        .lines()
        .collect();
    assert_eq!(block[1], "  outlet:     RT");
    assert_eq!(block[2], "  published:  2019-03-26");
    assert_eq!(block[3], "  claims:     5");
    assert!(block.contains(&"  score:      95.0"));
    // Eight articles and the total.
    assert_eq!(text.split("\n\n").count(), 9);
}

#[test]
fn columns_from_the_environment_are_the_width_flag() {
    let mut cmd = claimtrail(&["report"]);
    cmd.env("COLUMNS", "80");
    let out = run(cmd);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout(80, &["report"])
    );
    // --width wins over COLUMNS.
    let mut cmd = at(120, &["report"]);
    cmd.env("COLUMNS", "80");
    let out = run(cmd);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        stdout(120, &["report"])
    );
}

#[test]
fn wide_shows_every_column_whatever_the_width() {
    let mut cmd = claimtrail(&["report", "--wide"]);
    cmd.env("COLUMNS", "60");
    let wide = String::from_utf8(run(cmd).stdout).unwrap();
    let piped = String::from_utf8(run(claimtrail(&["report"])).stdout).unwrap();
    assert_eq!(wide, piped);
    assert!(wide.contains("| by country "));
    // A width of 0 is refused as a usage error.
    assert_eq!(code(&run(claimtrail(&["report", "--width", "0"]))), 2);
}
