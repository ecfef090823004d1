//! `claimtrail report` (per article, one article explained, or a Markdown
//! snapshot of both kept in a folder) and `claimtrail sources`.

use super::{Error, Exit, Run, plural};
use crate::diag::did_you_mean;
use crate::metrics::{self, ArticleRow, Explanation};
use crate::model::Outlets;
use crate::options::{ReportFormat, Snapshot};
use crate::publish::{self, Change, Files};
use crate::render::html;
use crate::render::{self, DocFormat, Format, markdown, views};
use crate::speakers;
use crate::trail::{self, ArticleFacts};
use std::io::Write;
use std::path::PathBuf;

/// The JSON shape of `report`.
#[derive(serde::Serialize)]
pub struct ReportJson<'a> {
    pub articles: &'a [ArticleRow],
    pub total: &'a ArticleRow,
}

pub(crate) fn report(
    run: &mut Run,
    paths: &[PathBuf],
    format: ReportFormat,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let format = match format {
        ReportFormat::Text(f) => f,
        ReportFormat::Html => {
            let (data, status) = html_data(run, paths, err)?;
            out.write_all(html::page(&data.input()).as_bytes())?;
            return Ok(status);
        }
    };
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights.clone();
    let loaded = run.load(&opts, |a, _, outlets| {
        (
            metrics::article_row(&a, outlets, weights),
            trail::counting_facts(&a),
        )
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let (mut rows, facts): (Vec<ArticleRow>, Vec<ArticleFacts>) = loaded.items.into_iter().unzip();
    metrics::rows_in_corpus(&mut rows, &facts, &loaded.outlets, weights);
    drop(facts);
    rows.sort_by(|a, b| a.id.cmp(&b.id));
    let total = metrics::total_row(&rows);
    let json = ReportJson {
        articles: &rows,
        total: &total,
    };
    let view = || views::report(&rows, &total, &loaded.outlets);
    render::write(out, format, &json, view, run.config.term)?;
    Ok(status)
}

pub(crate) fn explain(
    run: &mut Run,
    paths: &[PathBuf],
    id: &str,
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights.clone();
    let loaded = run.load(&opts, |a, _, outlets| {
        let facts = trail::facts(&a, |_| true);
        if a.id == id {
            (Ok(metrics::explain(&a, outlets, weights)), facts)
        } else {
            (Err(a.id), facts)
        }
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let (items, facts): (Vec<_>, Vec<ArticleFacts>) = loaded.items.into_iter().unzip();
    let mut others = Vec::new();
    let mut found = None;
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Ok(mut e) => {
                let assessed = trail::assess(&facts, &loaded.outlets, true);
                let here = assessed.iter().filter(|a| a.at.0 as usize == i);
                metrics::apply_corpus_explained(&mut e, here, weights);
                found = Some(e);
            }
            Err(other) => others.push(other),
        }
    }
    let Some(e) = found else {
        let hint = did_you_mean(id, others.iter().map(String::as_str))
            .unwrap_or_else(|| "`claimtrail report` lists the article ids".to_string());
        return Err(Error::Usage(format!(
            "no article `{id}` in the corpus; {hint}"
        )));
    };
    let view = || views::explanation(&e, &loaded.outlets);
    render::write(out, format, &e, view, run.config.term)?;
    Ok(status)
}

pub(crate) fn sources(
    run: &mut Run,
    paths: &[PathBuf],
    format: Format,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let opts = run.load_options(paths)?;
    let loaded = run.load(&opts, |a, _, _| speakers::partial(&a));
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let rep = speakers::merge(loaded.items, &loaded.outlets);
    render::write(out, format, &rep, || views::sources(&rep), run.config.term)?;
    Ok(status)
}

/// `report --out DIR`: one Markdown file per article (what `report --article
/// ID --format markdown` prints) and an index (what `report --format
/// markdown` prints, with links to them). With `--check`, compare instead.
pub(crate) fn snapshot(
    run: &mut Run,
    paths: &[PathBuf],
    target: &Snapshot,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    if target.html {
        let (data, status) = html_data(run, paths, err)?;
        if status == Exit::Findings {
            return not_written(target, err);
        }
        let files = publish::html_files(html::site(&data.input()))?;
        return sync(target, &files, out, err);
    }
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights.clone();
    let loaded = run.load(&opts, |a, _, outlets| {
        (
            metrics::explain(&a, outlets, weights),
            trail::facts(&a, |_| true),
        )
    });
    if run.report_errors(&loaded.diagnostics, err)? == Exit::Findings {
        return not_written(target, err);
    }
    let (mut explained, facts): (Vec<Explanation>, Vec<ArticleFacts>) =
        loaded.items.into_iter().unzip();
    metrics::explained_in_corpus(&mut explained, &facts, &loaded.outlets, weights);
    drop(facts);
    explained.sort_by(|a, b| a.row.id.cmp(&b.row.id));
    let files = snapshot_files(&explained, &loaded.outlets, run)?;
    sync(target, &files, out, err)
}

/// A snapshot without the articles that failed to load would be wrong.
fn not_written(target: &Snapshot, err: &mut dyn Write) -> Result<Exit, Error> {
    writeln!(
        err,
        "the reports in `{}` were not {}",
        target.dir.display(),
        if target.check { "checked" } else { "written" }
    )?;
    Ok(Exit::Findings)
}

/// Write the snapshot's files into its folder, or with `--check` compare them.
fn sync(
    target: &Snapshot,
    files: &Files,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit, Error> {
    let dir = &target.dir;
    if target.check {
        let diffs = publish::compare(dir, files)?;
        if diffs.is_empty() {
            writeln!(
                err,
                "`{}` is up to date ({} file{})",
                dir.display(),
                files.len(),
                plural(files.len())
            )?;
            return Ok(Exit::Success);
        }
        publish::write_diff(out, dir, &diffs)?;
        let count = |c: Change| diffs.iter().filter(|d| d.change == c).count();
        writeln!(
            err,
            "`{}` is out of date: {} changed, {} missing, {} extra; run `claimtrail report --out {}{}`",
            dir.display(),
            count(Change::Differs),
            count(Change::Missing),
            count(Change::Extra),
            dir.display(),
            if target.html { " --format html" } else { "" }
        )?;
        return Ok(Exit::Findings);
    }
    let done = publish::write(dir, files)?;
    writeln!(
        err,
        "wrote {} report file{} in `{}` ({} unchanged, {} removed)",
        done.written,
        plural(done.written),
        dir.display(),
        done.unchanged,
        done.removed
    )?;
    Ok(Exit::Success)
}

/// Every file of the snapshot, by relative path.
fn snapshot_files(explained: &[Explanation], outlets: &Outlets, run: &Run) -> Result<Files, Error> {
    let term = run.config.term;
    let mut files = Files::new();
    let mut links = Vec::new();
    let mut targets = Vec::with_capacity(explained.len());
    for e in explained {
        let path = publish::article_path(&e.row.id).map_err(Error::Usage)?;
        let mut text = publish::MARKER.as_bytes().to_vec();
        render::write_doc(
            &mut text,
            &views::explanation(e, outlets),
            DocFormat::Markdown,
            term,
        )?;
        links.push(format!(
            "- [{}]({}): {}\n",
            markdown::inline(&e.row.id),
            publish::link(&path),
            markdown::inline(&e.row.title)
        ));
        targets.push(publish::link(&path));
        files.insert(path, String::from_utf8_lossy(&text).into_owned());
    }
    if let Some((a, b)) = publish::case_collision(&files) {
        return Err(Error::Usage(format!(
            "the reports `{a}` and `{b}` differ only in case and would be one file on some systems; rename an article id"
        )));
    }
    let rows: Vec<ArticleRow> = explained.iter().map(|e| e.row.clone()).collect();
    let total = metrics::total_row(&rows);
    let mut index = publish::MARKER.as_bytes().to_vec();
    writeln!(index, "# Sourcing report\n")?;
    // Each row of the table links to its article's file.
    render::write_doc(
        &mut index,
        &views::report_linked(&rows, &total, outlets, &targets),
        DocFormat::Markdown,
        term,
    )?;
    writeln!(index, "\n## Articles\n")?;
    for l in links {
        index.extend_from_slice(l.as_bytes());
    }
    files.insert(
        publish::INDEX.to_string(),
        String::from_utf8_lossy(&index).into_owned(),
    );
    Ok(files)
}

/// Everything the HTML report shows, computed once from one pass over the corpus.
struct HtmlData {
    rows: Vec<ArticleRow>,
    total: ArticleRow,
    explanations: Vec<Explanation>,
    sources: speakers::SourcesReport,
    trails: Vec<trail::Trail>,
    outlets: Outlets,
}

impl HtmlData {
    fn input(&self) -> html::HtmlInput<'_> {
        html::HtmlInput {
            rows: &self.rows,
            total: &self.total,
            explanations: &self.explanations,
            sources: &self.sources,
            trails: &self.trails,
            outlets: &self.outlets,
        }
    }
}

fn html_data(
    run: &mut Run,
    paths: &[PathBuf],
    err: &mut dyn Write,
) -> Result<(HtmlData, Exit), Error> {
    let opts = run.load_options(paths)?;
    let weights = &run.settings.weights.clone();
    let loaded = run.load(&opts, |a, _, outlets| {
        (
            metrics::explain(&a, outlets, weights),
            speakers::partial(&a),
            trail::facts(&a, |_| true),
        )
    });
    let status = run.report_errors(&loaded.diagnostics, err)?;
    let mut explanations = Vec::with_capacity(loaded.items.len());
    let mut partials = Vec::with_capacity(loaded.items.len());
    let mut facts = Vec::with_capacity(loaded.items.len());
    for (e, p, f) in loaded.items {
        explanations.push(e);
        partials.push(p);
        facts.push(f);
    }
    metrics::explained_in_corpus(&mut explanations, &facts, &loaded.outlets, weights);
    explanations.sort_by(|a, b| a.row.id.cmp(&b.row.id));
    let rows: Vec<ArticleRow> = explanations.iter().map(|e| e.row.clone()).collect();
    let total = metrics::total_row(&rows);
    let sources = speakers::merge(partials, &loaded.outlets);
    let trails = trail::trails(&facts, &loaded.outlets)
        .into_iter()
        .filter(|t| trail::summary(t).articles >= 2)
        .collect();
    Ok((
        HtmlData {
            rows,
            total,
            explanations,
            sources,
            trails,
            outlets: loaded.outlets,
        },
        status,
    ))
}
