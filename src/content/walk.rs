//! Finding and reading the Markdown files under `content/`.
//!
//! Files are read in parallel, through [`crate::text`]: a file that is not UTF-8 is a
//! diagnostic that points at the first bad byte; a UTF-8 byte-order mark and Windows
//! line endings simply work. Symbolic links are not followed, so a link loop cannot
//! hang the build.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::Diagnostic;
use crate::text;

/// One Markdown file of the site, read and normalised.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/about.md`.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators: what `@/` links name.
    pub content_path: String,
    pub text: String,
}

/// Reads every `.md` file under `content_dir` (normally `root/content`), sorted by path.
pub(crate) fn read_content(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let content_dir = content_dir.to_path_buf();
    let mut diagnostics = Vec::new();
    if !content_dir.is_dir() {
        diagnostics.push(
            Diagnostic::error(
                relative(&content_dir, root),
                "the site has no content folder",
            )
            .with_help("create `content/_index.md` for the home page"),
        );
        return (Vec::new(), diagnostics);
    }
    let mut paths = Vec::new();
    for entry in WalkDir::new(&content_dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        match entry {
            Ok(e)
                if e.file_type().is_file()
                    && is_markdown(e.path())
                    && !is_hidden(e.path(), &content_dir) =>
            {
                match e
                    .path()
                    .strip_prefix(&content_dir)
                    .unwrap_or(e.path())
                    .to_str()
                {
                    Some(_) => paths.push(e.into_path()),
                    None => diagnostics.push(text::not_utf8_name(&relative(e.path(), root))),
                }
            }
            Ok(e)
                if e.path_is_symlink()
                    && is_markdown(e.path())
                    && !is_hidden(e.path(), &content_dir) =>
            {
                diagnostics.push(
                    Diagnostic::warning(
                        relative(e.path(), root),
                        "this page is a symbolic link, which careleaf does not follow: it is left out",
                    )
                    .with_help("copy the file into the content folder instead of linking to it"),
                );
            }
            Ok(_) => {}
            Err(e) => diagnostics.push(Diagnostic::error(
                e.path()
                    .map_or_else(|| PathBuf::from("content"), |p| relative(p, root)),
                format!("cannot read this folder: {e}"),
            )),
        }
    }
    let results: Vec<Result<SourceFile, Diagnostic>> = paths
        .par_iter()
        .map(|p| read_one(p, root, &content_dir))
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(file) => files.push(file),
            Err(d) => diagnostics.push(d),
        }
    }
    (files, diagnostics)
}

/// The largest page careleaf reads: a long patient page is 30 KB; past this, a file is
/// a mistake (a pasted log, a data dump) that would cost seconds and hundreds of MB.
pub(crate) const MAX_PAGE_BYTES: u64 = 512 * 1024;

pub(crate) fn read_one(
    path: &Path,
    root: &Path,
    content_dir: &Path,
) -> Result<SourceFile, Diagnostic> {
    let rel = relative(path, root);
    let size = std::fs::metadata(path).map_or(0, |m| m.len());
    if size > MAX_PAGE_BYTES {
        return Err(Diagnostic::error(
            &rel,
            format!(
                "this page is {} KB, more than the {} KB a page may be",
                size / 1024,
                MAX_PAGE_BYTES / 1024
            ),
        )
        .with_help("split it into pages a patient can read (a long page is 30 KB), and put data or code in static/ as a file to download"));
    }
    let text = text::read(path, &rel)?;
    let content_path = path
        .strip_prefix(content_dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Ok(SourceFile {
        path: rel,
        content_path,
        text,
    })
}

fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "md")
}

/// Editor swap and backup files (`.foo.md.swp`, `.#foo.md`) start with a dot.
fn is_hidden(path: &Path, content_dir: &Path) -> bool {
    path.strip_prefix(content_dir)
        .unwrap_or(path)
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'))
}

fn relative(path: &Path, root: &Path) -> PathBuf {
    crate::diagnostics::relative_to(path, root)
}
