//! `claimtrail lsp`: a Language Server Protocol server for annotation files.
//!
//! Built on `lsp-server` and `lsp-types`, the pair rust-analyzer is built on:
//! a synchronous loop over a channel of messages, with no async runtime to
//! pull in, which fits a server whose work is CPU-bound (parsing and
//! checking TOML with the loader every command uses) and lets the loop
//! debounce edits with a plain timeout. `lsp-types` gives every message of
//! the protocol as typed values. `run` takes the connection it speaks over:
//! `main` hands it the process's stdin and stdout, tests an in-memory pair.
//!
//! The modules: [`state`] holds the corpus's facts in memory; [`positions`]
//! converts positions (the protocol counts UTF-16 units); [`cursor`] reads
//! where the cursor is from the text alone; [`diagnostics`], [`completion`],
//! [`hover`], [`navigate`] (definition, references, symbols) and
//! [`actions`] (code actions, formatting) answer requests.

pub mod actions;
pub mod completion;
pub mod cursor;
pub mod diagnostics;
pub mod hover;
pub mod navigate;
pub mod positions;
pub mod state;

use lsp_server::{Connection, ErrorCode, Message, Notification, Request, Response};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument,
    DidSaveTextDocument, LogMessage, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    References, Request as _,
};
use lsp_types::{
    CodeActionProviderCapability, CompletionOptions, FileChangeType, InitializeParams,
    LogMessageParams, MessageType, OneOf, PublishDiagnosticsParams, ServerCapabilities,
    TextDocumentSyncCapability, TextDocumentSyncKind, Uri,
};
use positions::{path_to_uri, uri_to_path};
use state::Workspace;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long after the last edit diagnostics are worked out again: typing
/// does not redo the corpus's findings on every key.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// What the command line gives the server.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `--config FILE`, over the search for `claimtrail.toml`.
    pub settings: Option<PathBuf>,
    /// `--max-file-size`.
    pub max_file_size: Option<u64>,
}

/// How the connection with the client ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    /// `exit` after `shutdown`: exit code 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit code 1.
    Abrupt,
}

/// Serve one client over `connection` until it exits.
pub fn run(connection: Connection, options: &Options) -> Result<Ended, String> {
    let caps = ServerCapabilities {
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec!["\"".into(), "[".into(), ",".into(), " ".into()]),
            ..CompletionOptions::default()
        }),
        hover_provider: Some(lsp_types::HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Simple(true)),
        ..ServerCapabilities::default()
    };
    let caps = serde_json::to_value(caps).map_err(|e| e.to_string())?;
    let init = connection
        .initialize(caps)
        .map_err(|e| format!("the client did not initialize: {e}"))?;
    let params: InitializeParams = serde_json::from_value(init).unwrap_or_default();
    let mut server = Server {
        conn: &connection,
        ws: Workspace {
            settings_override: options.settings.clone(),
            max_size_override: options.max_file_size,
            ..Workspace::default()
        },
        dirty: BTreeSet::new(),
        deadline: None,
        published: HashMap::new(),
        shutdown: false,
    };
    #[allow(deprecated)]
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| f.uri.clone())
        .or(params.root_uri.clone())
        .and_then(|u| uri_to_path(&u));
    if let Some(folder) = folder {
        let started = Instant::now();
        if server.ws.open_corpus(&folder) {
            server.log(
                MessageType::INFO,
                format!(
                    "claimtrail: corpus {} loaded: {} files in {} ms",
                    server
                        .ws
                        .root
                        .as_deref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default(),
                    server.ws.files.len(),
                    started.elapsed().as_millis()
                ),
            );
        }
    }
    server.serve()
}

struct Server<'a> {
    conn: &'a Connection,
    ws: Workspace,
    /// Open files edited since their diagnostics were last worked out.
    dirty: BTreeSet<PathBuf>,
    deadline: Option<Instant>,
    /// What each open file was last sent, to send only what changed.
    published: HashMap<PathBuf, Vec<lsp_types::Diagnostic>>,
    shutdown: bool,
}

impl Server<'_> {
    fn serve(&mut self) -> Result<Ended, String> {
        loop {
            let message = match self.deadline {
                Some(at) => {
                    match self
                        .conn
                        .receiver
                        .recv_timeout(at.saturating_duration_since(Instant::now()))
                    {
                        Ok(m) => Some(m),
                        Err(e) if e.is_timeout() => None,
                        Err(_) => return Ok(Ended::Abrupt),
                    }
                }
                None => match self.conn.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Ok(Ended::Abrupt),
                },
            };
            let Some(message) = message else {
                self.flush();
                continue;
            };
            match message {
                Message::Request(req) => {
                    if self.shutdown {
                        self.reply(Response::new_err(
                            req.id,
                            ErrorCode::InvalidRequest as i32,
                            "the server is shutting down".into(),
                        ));
                        continue;
                    }
                    if req.method == lsp_types::request::Shutdown::METHOD {
                        self.shutdown = true;
                        self.reply(Response::new_ok(req.id, ()));
                        continue;
                    }
                    self.request(req);
                }
                Message::Notification(n) => {
                    if n.method == lsp_types::notification::Exit::METHOD {
                        return Ok(if self.shutdown {
                            Ended::Clean
                        } else {
                            Ended::Abrupt
                        });
                    }
                    self.notification(n);
                }
                Message::Response(_) => {}
            }
        }
    }

    fn reply(&self, response: Response) {
        let _ = self.conn.sender.send(Message::Response(response));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        let _ = self
            .conn
            .sender
            .send(Message::Notification(Notification::new(
                N::METHOD.into(),
                params,
            )));
    }

    fn log(&self, typ: MessageType, message: String) {
        self.notify::<LogMessage>(LogMessageParams { typ, message });
    }

    fn request(&mut self, req: Request) {
        let id = req.id.clone();
        let method = req.method.clone();
        // A request the server cannot answer gets an empty answer, never a
        // crash: the loop goes on with the next message.
        let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.answer(req)));
        match answer {
            Ok(Ok(value)) => self.reply(Response::new_ok(id, value)),
            Ok(Err(Unhandled)) => self.reply(Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("claimtrail does not handle `{method}`"),
            )),
            Err(_) => {
                self.log(
                    MessageType::ERROR,
                    format!("claimtrail: answering `{method}` failed; an empty answer was sent"),
                );
                self.reply(Response::new_ok(id, serde_json::Value::Null));
            }
        }
    }

    fn answer(&mut self, req: Request) -> Result<serde_json::Value, Unhandled> {
        // Answers read the buffer as it is now; the corpus's facts may wait
        // for the debounce, which only diagnostics need.
        let ws = &self.ws;
        let null = serde_json::Value::Null;
        let to_json = |v: Option<serde_json::Value>| v.unwrap_or(serde_json::Value::Null);
        Ok(match req.method.as_str() {
            Completion::METHOD => to_json(
                parse::<lsp_types::CompletionParams>(req)
                    .and_then(|p| completion::complete(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            HoverRequest::METHOD => to_json(
                parse::<lsp_types::HoverParams>(req)
                    .and_then(|p| hover::hover(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            GotoDefinition::METHOD => to_json(
                parse::<lsp_types::GotoDefinitionParams>(req)
                    .and_then(|p| navigate::definition(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            References::METHOD => to_json(
                parse::<lsp_types::ReferenceParams>(req)
                    .and_then(|p| navigate::references(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            DocumentSymbolRequest::METHOD => to_json(
                parse::<lsp_types::DocumentSymbolParams>(req)
                    .and_then(|p| navigate::symbols(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            Formatting::METHOD => to_json(
                parse::<lsp_types::DocumentFormattingParams>(req)
                    .and_then(|p| actions::format(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            CodeActionRequest::METHOD => to_json(
                parse::<lsp_types::CodeActionParams>(req)
                    .and_then(|p| actions::code_actions(ws, &p))
                    .and_then(|r| serde_json::to_value(r).ok()),
            ),
            m if m.starts_with("$/") => null,
            _ => return Err(Unhandled),
        })
    }

    fn notification(&mut self, n: Notification) {
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Some(p) = parse_n::<lsp_types::DidOpenTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = self.local(&p.text_document.uri) else {
                    return;
                };
                if self.ws.root.is_none() && path.extension().is_some_and(|e| e == "toml") {
                    self.ws.open_corpus(&path);
                }
                self.ws.open.insert(path.clone(), p.text_document.text);
                // Opening is answered at once: no typing to wait for.
                self.ws.update(&path);
                self.publish();
            }
            DidChangeTextDocument::METHOD => {
                let Some(p) = parse_n::<lsp_types::DidChangeTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = self.local(&p.text_document.uri) else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    self.ws.open.insert(path.clone(), change.text);
                    self.dirty.insert(path);
                    self.deadline = Some(Instant::now() + DEBOUNCE);
                }
            }
            DidSaveTextDocument::METHOD => {
                // The registry and the settings are read from disk, once saved:
                // every article depends on them, so not on each edit.
                let Some(p) = parse_n::<lsp_types::DidSaveTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = self.local(&p.text_document.uri) else {
                    return;
                };
                if is_shared(&path) {
                    self.ws.update(&path);
                    self.publish();
                }
            }
            DidCloseTextDocument::METHOD => {
                let Some(p) = parse_n::<lsp_types::DidCloseTextDocumentParams>(n) else {
                    return;
                };
                let Some(path) = self.local(&p.text_document.uri) else {
                    return;
                };
                self.ws.open.remove(&path);
                self.dirty.remove(&path);
                self.ws.update(&path);
                if self.published.remove(&path).is_some() {
                    self.send(&path, Vec::new());
                }
                self.publish();
            }
            DidChangeWatchedFiles::METHOD => {
                let Some(p) = parse_n::<lsp_types::DidChangeWatchedFilesParams>(n) else {
                    return;
                };
                for change in p.changes {
                    let Some(path) = self.local(&change.uri) else {
                        continue;
                    };
                    // An open file's buffer is what counts, not its disk copy.
                    if self.ws.open.contains_key(&path) && change.typ != FileChangeType::DELETED {
                        continue;
                    }
                    self.ws.update(&path);
                }
                self.publish();
            }
            _ => {}
        }
    }

    /// The path of a URI, or `None` (logged) for a URI that is not a local file.
    fn local(&self, uri: &Uri) -> Option<PathBuf> {
        let path = uri_to_path(uri);
        if path.is_none() {
            self.log(
                MessageType::LOG,
                format!(
                    "claimtrail: `{}` is not a local file; ignored",
                    uri.as_str()
                ),
            );
        }
        path
    }

    /// Take in the edits the debounce held back, then send what changed.
    fn flush(&mut self) {
        self.deadline = None;
        let dirty = std::mem::take(&mut self.dirty);
        for path in dirty.iter().filter(|p| !is_shared(p)) {
            self.ws.update(path);
        }
        self.publish();
    }

    /// Send the diagnostics of every open file whose list changed, and of
    /// every file, open or not, whose findings across files a change
    /// affected (drift in a later article when an earlier one loses a hedge,
    /// a duplicate id gone with a renamed one).
    fn publish(&mut self) {
        let mut paths: Vec<PathBuf> = self.ws.open.keys().cloned().collect();
        let affected = std::mem::take(&mut self.ws.cross_changed);
        paths.extend(
            affected
                .into_iter()
                .filter(|p| !self.ws.open.contains_key(p)),
        );
        paths.sort();
        paths.dedup();
        for path in paths {
            let diags: Vec<lsp_types::Diagnostic> = if self.ws.contains(&path) {
                self.ws
                    .diagnostics(&path)
                    .iter()
                    .map(diagnostics::to_lsp)
                    .collect()
            } else {
                Vec::new()
            };
            let unchanged = match self.published.get(&path) {
                Some(before) => *before == diags,
                // An open file gets its first list even when empty; a file
                // not open only when it has something to show.
                None => diags.is_empty() && !self.ws.open.contains_key(&path),
            };
            if unchanged {
                continue;
            }
            self.published.insert(path.clone(), diags.clone());
            self.send(&path, diags);
        }
    }

    fn send(&self, path: &std::path::Path, diagnostics: Vec<lsp_types::Diagnostic>) {
        if let Some(uri) = path_to_uri(path) {
            self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                uri,
                diagnostics,
                version: None,
            });
        }
    }
}

/// `outlets.toml` or `claimtrail.toml`: files every article depends on.
fn is_shared(path: &std::path::Path) -> bool {
    path.file_name()
        .is_some_and(|n| n == crate::corpus::REGISTRY_FILE || n == crate::corpus::CONFIG_FILE)
}

/// A request the server has no handler for.
struct Unhandled;

fn parse<P: serde::de::DeserializeOwned>(req: Request) -> Option<P> {
    serde_json::from_value(req.params).ok()
}

fn parse_n<P: serde::de::DeserializeOwned>(n: Notification) -> Option<P> {
    serde_json::from_value(n.params).ok()
}

/// The open document's path and text, when it is in the corpus: requests
/// about any other file get an empty answer.
pub(crate) fn document<'a>(ws: &'a Workspace, uri: &Uri) -> Option<(PathBuf, &'a str)> {
    let path = uri_to_path(uri)?;
    if !ws.contains(&path) {
        return None;
    }
    let text = ws.open.get(&path)?;
    Some((path, text.as_str()))
}
