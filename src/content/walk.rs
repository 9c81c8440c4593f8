//! Finding and reading the Markdown files under `content/`.
//!
//! Files are read in parallel. A file that is not UTF-8 is a diagnostic that points at
//! the first bad byte; a UTF-8 byte-order mark and Windows line endings simply work
//! (they are removed here, so later stages see plain `\n` text). Symbolic links are not
//! followed, so a link loop cannot hang the build.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Location};

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
pub fn read_content(root: &Path, content_dir: &Path) -> (Vec<SourceFile>, Vec<Diagnostic>) {
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
                paths.push(e.into_path())
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

pub fn read_one(path: &Path, root: &Path, content_dir: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = relative(path, root);
    let bytes = std::fs::read(path)
        .map_err(|e| Diagnostic::error(&rel, format!("cannot read this file: {e}")))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => normalize(text),
        Err(e) => return Err(not_utf8(&rel, e.as_bytes(), e.utf8_error())),
    };
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

/// Removes a byte-order mark and turns `\r\n` into `\n`. Text that has neither (the
/// usual case) is returned as it came, without a copy.
pub fn normalize(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    if text.contains('\r') {
        text = text.replace("\r\n", "\n");
    }
    text
}

/// The diagnostic for a file that is not UTF-8, pointing at the first bad byte.
pub fn not_utf8(file: &Path, bytes: &[u8], error: std::str::Utf8Error) -> Diagnostic {
    let good = String::from_utf8_lossy(&bytes[..error.valid_up_to()]);
    let line = good.matches('\n').count() + 1;
    let line_start = good.rfind('\n').map_or(0, |i| i + 1);
    let column = good[line_start..].chars().count() + 1;
    let whole = String::from_utf8_lossy(bytes);
    Diagnostic::error(file, "this file is not UTF-8 text")
        .at(Location::in_text(&whole, line, column, 1))
        .with_help("save the file as UTF-8 (in most editors: File → Save with encoding → UTF-8)")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_crlf_are_removed() {
        assert_eq!(
            normalize("\u{feff}---\r\ntitle: A\r\n".into()),
            "---\ntitle: A\n"
        );
        assert_eq!(normalize("a\rb\n".into()), "a\rb\n", "a lone CR is kept");
    }

    #[test]
    fn not_utf8_points_at_the_bad_byte() {
        let bytes: Vec<u8> = b"---\ntitle: caf\xe9\n---\n".to_vec();
        let err = std::str::from_utf8(&bytes).unwrap_err();
        let d = not_utf8(Path::new("a.md"), &bytes, err);
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 11));
    }
}
